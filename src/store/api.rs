//! The store's one public API: every method is defined here once and runs on the backend the
//! store was opened on. The SQLite method (`impl Lite`, beside its SQL in this folder) carries
//! the full contract in its docs; its PostgreSQL twin (`pg/`) keeps the same contract, and the
//! store tests hold both to it from one source (`tests/support/db.rs`).

use std::path::Path;
use std::time::Duration;

use super::backup::{BackupError, CopyReport};
use super::fixed::FixedAnswer;
use super::forget::Forgotten;
use super::{Advance, Backend, Store, StoreError};
use crate::domain::{
    AnswerRecord, Car, ChannelId, Claim, GuildId, GuildSetup, Handoff, HandoffId, LangCode,
    LeaseHolder, LeaseName, Member, MessageId, NewAnswer, NewHandoff, Rating, Scope, SessionId,
    SessionRecord, Timestamp, UserId, WatchedForum, WhenNothingFits,
};
use crate::guide::GuideVersion;
use crate::insight::Rows;
use crate::triage::State;

/// Defines each listed method on [`Store`] as a call to the same method of its backend.
macro_rules! both {
    ($(
        $(#[$doc:meta])*
        fn $name:ident(&self $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty;
    )*) => {
        impl Store {
            $(
                $(#[$doc])*
                pub async fn $name(&self $(, $arg: $ty)*) -> $ret {
                    match &self.0 {
                        Backend::Sqlite(s) => s.$name($($arg),*).await,
                        Backend::Postgres(p) => p.$name($($arg),*).await,
                    }
                }
            )*
        }
    };
}

both! {
    /// Starts a session, abandoning the member's active one in that scope (at most one active
    /// session per member and scope).
    fn start_session(&self, member: &Member, scope: &Scope, guide_id: &str, version: &GuideVersion, state: &State, now: Timestamp) -> Result<SessionRecord, StoreError>;
    /// Starts a session unless the member has an active one in that scope (`None` then).
    fn start_session_unless_active(&self, member: &Member, scope: &Scope, guide_id: &str, version: &GuideVersion, state: &State, now: Timestamp) -> Result<Option<SessionRecord>, StoreError>;
    /// The member's active session in this scope, if any.
    fn active_session(&self, member: &Member, scope: &Scope) -> Result<Option<SessionRecord>, StoreError>;
    /// Session `id` for a press made on the screen of `step` (from this process's last write
    /// of it when that is at `step`).
    fn session_for_press(&self, id: SessionId, step: u32) -> Result<Option<SessionRecord>, StoreError>;
    /// Any session by id, whatever its status.
    fn session(&self, id: SessionId) -> Result<Option<SessionRecord>, StoreError>;
    /// Moves a session from `expected_step` to `next`, logging `answer`; of two racing presses
    /// exactly one is [`Advance::Applied`].
    fn advance(&self, id: SessionId, expected_step: u32, next: &State, version: &GuideVersion, answer: &NewAnswer, now: Timestamp) -> Result<Advance, StoreError>;
    /// The session's answer log, oldest first.
    fn answers(&self, id: SessionId) -> Result<Vec<AnswerRecord>, StoreError>;
    /// Records the member's "did this fix it?" for a finished session, once.
    fn record_fixed(&self, id: SessionId, fixed: bool) -> Result<FixedAnswer, StoreError>;
    /// The member's "did this fix it?" for a session, if given.
    fn fixed(&self, id: SessionId) -> Result<Option<bool>, StoreError>;
    /// Saves the member's car (replacing the one saved before).
    fn save_car(&self, member: &Member, car: &Car, now: Timestamp) -> Result<(), StoreError>;
    /// The member's saved car, if any.
    fn car(&self, member: &Member) -> Result<Option<Car>, StoreError>;
    /// Forgets the member's car; `true` when there was one.
    fn delete_car(&self, member: &Member) -> Result<bool, StoreError>;
    /// Forgets everything kept about a member (their request).
    fn forget_member(&self, member: &Member, now: Timestamp) -> Result<Forgotten, StoreError>;
    /// Deletes what is older than the retention period of `days`; how many sessions went.
    fn apply_retention(&self, now: Timestamp, days: u32) -> Result<u64, StoreError>;
    /// Watches (or, with `None`, stops watching) a forum; the server's watched forums after.
    fn set_forum_watch(&self, guild: GuildId, forum: ChannelId, watch: Option<WhenNothingFits>, now: Timestamp) -> Result<Vec<WatchedForum>, StoreError>;
    /// The server's watched forums.
    fn watched_forums(&self, guild: GuildId) -> Result<Vec<WatchedForum>, StoreError>;
    /// One watched forum, if it is watched.
    fn watched_forum(&self, guild: GuildId, forum: ChannelId) -> Result<Option<WatchedForum>, StoreError>;
    /// Takes a forum post to answer: `true` for exactly one caller per post.
    fn take_forum_post(&self, guild: GuildId, forum: ChannelId, thread: ChannelId, now: Timestamp) -> Result<bool, StoreError>;
    /// Gives a taken forum post back (answering it failed).
    fn release_forum_post(&self, thread: ChannelId) -> Result<(), StoreError>;
    /// The server's setup, if it has one.
    fn guild_setup(&self, guild: GuildId) -> Result<Option<GuildSetup>, StoreError>;
    /// The server's setup as committed before this call (for a read right after a write).
    fn guild_setup_settled(&self, guild: GuildId) -> Result<Option<GuildSetup>, StoreError>;
    /// Every server's moderation log channel, with its language.
    fn log_channels(&self) -> Result<Vec<(GuildId, ChannelId, Option<LangCode>)>, StoreError>;
    /// Stores the whole setup.
    fn save_guild_setup(&self, setup: &GuildSetup, now: Timestamp) -> Result<(), StoreError>;
    /// Records (or clears) the Discord permission found missing; `true` when it changed.
    fn set_permission_problem(&self, guild: GuildId, problem: Option<&str>, now: Timestamp) -> Result<bool, StoreError>;
    /// Puts a volunteer on duty or off.
    fn set_on_duty(&self, guild: GuildId, user: UserId, on: bool, now: Timestamp) -> Result<(), StoreError>;
    /// The volunteers on duty, oldest shift first.
    fn on_duty(&self, guild: GuildId) -> Result<Vec<UserId>, StoreError>;
    /// Handoff `id`, if it exists.
    fn handoff(&self, id: HandoffId) -> Result<Option<Handoff>, StoreError>;
    /// The handoff of a session, if it has one.
    fn handoff_for_session(&self, session: SessionId) -> Result<Option<Handoff>, StoreError>;
    /// The member's live (open or claimed) handoff in a server, if any.
    fn live_handoff_of_member(&self, guild: GuildId, member: UserId) -> Result<Option<Handoff>, StoreError>;
    /// Opens the handoff of a session (once per session: `false` and the existing one after).
    fn open_handoff(&self, new: &NewHandoff, now: Timestamp) -> Result<(Handoff, bool), StoreError>;
    /// Records the handoff's private thread.
    fn attach_thread(&self, id: HandoffId, thread: ChannelId, now: Timestamp) -> Result<(), StoreError>;
    /// Records where the handoff's card was posted.
    fn attach_card(&self, id: HandoffId, channel: ChannelId, message: MessageId, now: Timestamp) -> Result<(), StoreError>;
    /// Sets the member's note on a live handoff.
    fn set_member_note(&self, id: HandoffId, note: &str, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// Claims a handoff for a volunteer: of two racing claims exactly one wins.
    fn claim(&self, id: HandoffId, volunteer: UserId, now: Timestamp) -> Result<Claim, StoreError>;
    /// Gives a claimed handoff back to the queue.
    fn release(&self, id: HandoffId, next_notify_at: Timestamp, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// Hands a claimed handoff to another volunteer.
    fn transfer(&self, id: HandoffId, to: UserId, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// Resolves a live handoff (and ends its session).
    fn resolve_handoff(&self, id: HandoffId, note: Option<&str>, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// Cancels a live handoff (and ends its session).
    fn cancel_handoff(&self, id: HandoffId, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// The member's rating of a resolved handoff, once.
    fn rate(&self, id: HandoffId, rating: Rating, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// Records that the member left the server.
    fn mark_member_left(&self, id: HandoffId, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// A handoff opened without a guide (the member's own words).
    fn open_unguided_handoff(&self, place: (GuildId, ChannelId), member: UserId, lang: LangCode, words: &str, next_notify_at: Timestamp, now: Timestamp) -> Result<(SessionRecord, Handoff), StoreError>;
    /// [`Store::open_unguided_handoff`] for someone who may be in danger.
    fn open_urgent_unguided_handoff(&self, place: (GuildId, ChannelId), member: UserId, lang: LangCode, words: &str, times: (Timestamp, Timestamp)) -> Result<(SessionRecord, Handoff), StoreError>;
    /// The server's live handoffs, urgent first.
    fn queue(&self, guild: GuildId) -> Result<Vec<Handoff>, StoreError>;
    /// Handoffs whose next notice is due at `now`.
    fn due_notices(&self, now: Timestamp, limit: u32) -> Result<Vec<Handoff>, StoreError>;
    /// Takes the right to send the next notice of a handoff: once, across processes.
    fn take_notice(&self, id: HandoffId, seen_count: u32, next: Option<Timestamp>, now: Timestamp) -> Result<Option<Handoff>, StoreError>;
    /// When the next notice of any handoff is due.
    fn earliest_notice(&self) -> Result<Option<Timestamp>, StoreError>;
    /// Takes (or renews) a lease for once-only work: `true` for exactly one holder at a time.
    fn take_lease(&self, name: LeaseName, holder: &LeaseHolder, now: Timestamp, ttl: Duration) -> Result<bool, StoreError>;
    /// Who holds a lease at `now`, if anyone.
    fn lease_holder(&self, name: LeaseName, now: Timestamp) -> Result<Option<LeaseHolder>, StoreError>;
    /// Gives a lease up (a graceful stop).
    fn release_lease(&self, name: LeaseName, holder: &LeaseHolder) -> Result<(), StoreError>;
    /// The rows behind `/pitcrew stats`.
    fn stats_rows(&self, since: Timestamp, guide: Option<&str>) -> Result<Rows, StoreError>;
    /// Whether anyone ever walked a guide.
    fn guide_walked(&self, guide: &str) -> Result<bool, StoreError>;
}

impl Store {
    /// Changes the server's setup in one write: reads it (or the default), applies `change`,
    /// stores it.
    pub async fn update_guild_setup(
        &self,
        guild: GuildId,
        now: Timestamp,
        change: impl FnOnce(&mut GuildSetup),
    ) -> Result<GuildSetup, StoreError> {
        match &self.0 {
            Backend::Sqlite(s) => s.update_guild_setup(guild, now, change).await,
            Backend::Postgres(p) => p.update_guild_setup(guild, now, change).await,
        }
    }

    /// Writes a consistent copy of the database to `dest` (SQLite; a PostgreSQL database is
    /// backed up with its own tools, `pg_dump`).
    pub async fn backup_to(&self, dest: &Path) -> Result<CopyReport, BackupError> {
        match &self.0 {
            Backend::Sqlite(s) => s.backup_to(dest).await,
            Backend::Postgres(_) => Err(BackupError::Postgres),
        }
    }
}
