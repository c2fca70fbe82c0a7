//! The volunteer handoff as plain data: server setup, a handoff's life (open → claimed →
//! resolved, or cancelled). The rules that move it live in `crate::handoff`.

use std::time::Duration;

use super::ids::{ChannelId, GuildId, HandoffId, MessageId, RoleId, SessionId, UserId};
use super::lang::LangCode;
use super::time::Timestamp;
use crate::region::Region;

/// Re-notify every this often by default while nobody has claimed a handoff.
pub const DEFAULT_RENOTIFY: Duration = Duration::from_secs(10 * 60);
/// How many re-notifications follow the first ping, at most.
pub const RENOTIFY_MAX: u32 = 3;

/// One server's setup, made by a moderator with the setup command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuildSetup {
    pub guild: GuildId,
    /// Members with this role are volunteers: they see cards and may act on them.
    pub volunteer_role: Option<RoleId>,
    /// Where handoff cards are posted.
    pub cards_channel: Option<ChannelId>,
    /// Where private threads with members are opened.
    pub help_channel: Option<ChannelId>,
    pub renotify: Duration,
    /// The last Discord permission the bot found missing here, for the status screen.
    pub permission_problem: Option<String>,
    /// The country whose emergency numbers this server's screens give; `None` until a
    /// moderator picks one (then each member's locale decides, where it is clear).
    pub region: Option<Region>,
    /// The server's language (Discord's `guild_locale` when a moderator last ran setup), for
    /// the volunteers' cards and lines; `None` = English (set up before it was recorded, or a
    /// language pitcrew does not speak).
    pub lang: Option<LangCode>,
    /// The moderators' log channel: where pitcrew says what they must fix (guide content that
    /// failed `check` at a live reload). `None` = the process log only.
    pub log_channel: Option<ChannelId>,
}

impl GuildSetup {
    pub fn new(guild: GuildId) -> GuildSetup {
        GuildSetup {
            guild,
            volunteer_role: None,
            cards_channel: None,
            help_channel: None,
            renotify: DEFAULT_RENOTIFY,
            permission_problem: None,
            region: None,
            lang: None,
            log_channel: None,
        }
    }

    /// Everything a handoff needs, or `None` while a part is missing.
    pub fn ready(&self) -> Option<Ready> {
        Some(Ready {
            volunteer_role: self.volunteer_role?,
            cards_channel: self.cards_channel?,
            help_channel: self.help_channel?,
            renotify: self.renotify,
            region: self.region,
            lang: self.lang,
        })
    }

    /// What a moderator still has to set, in words.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.volunteer_role.is_none() {
            missing.push("the volunteer role");
        }
        if self.cards_channel.is_none() {
            missing.push("the volunteers' channel (for handoff cards)");
        }
        if self.help_channel.is_none() {
            missing.push("the help channel (for private threads)");
        }
        missing
    }
}

/// A complete setup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ready {
    pub volunteer_role: RoleId,
    pub cards_channel: ChannelId,
    pub help_channel: ChannelId,
    pub renotify: Duration,
    /// The server's region, for the texts posted in its threads (see [`GuildSetup::region`]).
    pub region: Option<Region>,
    /// The server's language (see [`GuildSetup::lang`]).
    pub lang: Option<LangCode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HandoffStatus {
    /// Waiting for a volunteer.
    Open,
    /// A volunteer has it.
    Claimed,
    Resolved,
    /// The member cancelled it.
    Cancelled,
}

impl HandoffStatus {
    pub fn parse(s: &str) -> Option<HandoffStatus> {
        Some(match s {
            "open" => HandoffStatus::Open,
            "claimed" => HandoffStatus::Claimed,
            "resolved" => HandoffStatus::Resolved,
            "cancelled" => HandoffStatus::Cancelled,
            _ => return None,
        })
    }

    pub fn is_live(self) -> bool {
        matches!(self, HandoffStatus::Open | HandoffStatus::Claimed)
    }
}

/// The member's answer to "Did this solve it?", kept for stats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    Solved,
    NotSolved,
}

impl Rating {
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Solved => "solved",
            Rating::NotSolved => "not_solved",
        }
    }

    pub fn parse(s: &str) -> Option<Rating> {
        match s {
            "solved" => Some(Rating::Solved),
            "not_solved" => Some(Rating::NotSolved),
            _ => None,
        }
    }
}

/// What is needed to open a handoff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHandoff {
    pub session: SessionId,
    pub guild: GuildId,
    pub member: UserId,
    /// Someone may be in danger: the card is urgent and sorts first.
    pub urgent: bool,
    /// The language the member reads, from the interaction that asked for a volunteer.
    pub member_lang: LangCode,
    /// When the first re-notification is due, if nobody claims it before.
    pub next_notify_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    pub id: HandoffId,
    pub session: SessionId,
    pub guild: GuildId,
    pub member: UserId,
    pub urgent: bool,
    /// The language the member reads, for the card; `None` for a handoff opened before it was
    /// recorded (migration 0005).
    pub member_lang: Option<LangCode>,
    pub status: HandoffStatus,
    /// "Anything a volunteer should know?" in the member's words (never parsed for mentions).
    pub member_note: Option<String>,
    /// The private thread with the member.
    pub thread: Option<ChannelId>,
    pub card_channel: Option<ChannelId>,
    pub card_message: Option<MessageId>,
    pub claimed_by: Option<UserId>,
    pub resolution_note: Option<String>,
    pub rating: Option<Rating>,
    pub member_left: bool,
    /// Re-notifications sent so far (0..=RENOTIFY_MAX).
    pub notify_count: u32,
    /// When the next re-notification is due; `None` when none is planned.
    pub next_notify_at: Option<Timestamp>,
    /// The card's "waiting since".
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The result of a claim, decided atomically by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This volunteer has it now.
    Claimed(Handoff),
    /// Another volunteer got there first (see `claimed_by`).
    Taken(Handoff),
    /// Resolved or cancelled meanwhile.
    Closed(Handoff),
}
