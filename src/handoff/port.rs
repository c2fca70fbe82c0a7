//! What the handoff service needs from a chat platform, in the product's own terms. Discord
//! implements it in `discord::port`; the service's tests implement it with a recorder.
//!
//! Pings are a typed [`Ping`], never text: the adapter turns it into the message's allowed
//! mentions, so whatever a member typed into a note or a guide answer cannot ping anyone.

use std::future::Future;

use crate::domain::{Car, ChannelId, GuildId, Handoff, MessageId, RoleId, UserId};
use crate::guide::Lang;
use crate::handoff::card::Step;

/// Who a message may ping. Mention markup in the text pings nobody unless it is listed here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ping {
    Nobody,
    Users(Vec<UserId>),
    Role(RoleId),
}

/// Why the platform did not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PortError {
    /// The bot lacks a permission; the service names which, since it knows the step and place.
    #[error("missing permission")]
    MissingPermission,
    /// Anything else (a refusal, a network hiccup); for the log only.
    #[error("{0}")]
    Other(String),
}

/// Everything a handoff card shows: the stored handoff and the member's walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView {
    pub handoff: Handoff,
    pub guide_title: String,
    /// No guide led here ("None of these — ask a volunteer"): the member's note holds their
    /// own description of the problem, and there is no walk.
    pub unguided: bool,
    pub steps: Vec<Step>,
    /// Steps left out at the top because the walk was long.
    pub skipped: usize,
    /// The member's car, if they told it: volunteers need it before the first question.
    pub car: Option<Car>,
    /// The language the card is drawn in: the server's, which volunteers read.
    pub lang: Lang,
    /// The member asked to be forgotten: the card says so and shows nothing of theirs (no
    /// walk, no note, no car, no mention) and offers nothing left to press.
    pub forgotten: bool,
}

/// The platform side of a handoff. Every call is one round trip; the service decides what to
/// call and records what failed.
pub trait Port: Send + Sync {
    /// Posts a new card in `channel` with `text` above it.
    fn post_card(
        &self,
        channel: ChannelId,
        text: &str,
        ping: &Ping,
        card: &CardView,
    ) -> impl Future<Output = Result<MessageId, PortError>> + Send;

    /// Redraws a posted card in place.
    fn update_card(
        &self,
        channel: ChannelId,
        message: MessageId,
        card: &CardView,
    ) -> impl Future<Output = Result<(), PortError>> + Send;

    /// Opens a private thread under `parent` that only invited people see.
    fn open_thread(
        &self,
        parent: ChannelId,
        name: &str,
    ) -> impl Future<Output = Result<ChannelId, PortError>> + Send;

    fn add_to_thread(
        &self,
        thread: ChannelId,
        user: UserId,
    ) -> impl Future<Output = Result<(), PortError>> + Send;

    /// Posts `text` in a channel or thread.
    fn say(
        &self,
        channel: ChannelId,
        text: &str,
        ping: &Ping,
    ) -> impl Future<Output = Result<(), PortError>> + Send;

    /// Posts `text` in the thread with the member's "Did this solve it?" answers for `h`,
    /// pinging the member.
    fn ask_rating(
        &self,
        thread: ChannelId,
        text: &str,
        h: &Handoff,
    ) -> impl Future<Output = Result<(), PortError>> + Send;

    /// Archives a thread, and locks it with `lock`.
    fn close_thread(
        &self,
        thread: ChannelId,
        lock: bool,
    ) -> impl Future<Output = Result<(), PortError>> + Send;

    /// Whether `user` is still in the server. A platform error counts as present: nobody is
    /// marked gone on a hiccup.
    fn member_present(&self, guild: GuildId, user: UserId) -> impl Future<Output = bool> + Send;

    /// Whether `user` holds `role` right now (asked of the platform, not of a press).
    fn has_role(
        &self,
        guild: GuildId,
        user: UserId,
        role: RoleId,
    ) -> impl Future<Output = bool> + Send;

    /// How the member is shown in the server, if the platform can tell.
    fn display_name(
        &self,
        guild: GuildId,
        user: UserId,
    ) -> impl Future<Output = Option<String>> + Send;

    /// A link that opens the posted card of `h`, once it has one.
    fn card_link(&self, h: &Handoff) -> Option<String>;
}
