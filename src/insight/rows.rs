//! The raw rows the figures are computed from, as plain values: the store fills them
//! (`Store::stats_rows`), the arithmetic in this module reads them. They live here, below the
//! store, so the arithmetic knows no SQL and the store no arithmetic.

use crate::domain::{HandoffStatus, Rating, SessionId, Status, Timestamp};

/// One session (one walk of one guide) started in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id: SessionId,
    pub guide: String,
    /// Where it is now (or where it ended).
    pub node: String,
    pub status: Status,
    /// "Did this fix it?": `None` not answered (or not asked).
    pub fixed: Option<bool>,
    pub created_at: Timestamp,
}

/// One entry of the answer log: at `node`, `choice` was pressed at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub session: SessionId,
    pub step: u32,
    pub node: String,
    pub choice: String,
    pub at: Timestamp,
}

/// The handoff of a session, with the times the figures measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoffRow {
    pub session: SessionId,
    pub urgent: bool,
    pub status: HandoffStatus,
    /// Someone claimed it at some point (`claimed_by` is kept after a resolve or cancel).
    pub ever_claimed: bool,
    /// Reminders (re-notifications) sent so far; reset by a release.
    pub notify_count: u32,
    pub created_at: Timestamp,
    /// The first claim and the reminders out by then; `None` if never claimed, or claimed
    /// before these were recorded (migration 0012).
    pub first_claimed_at: Option<Timestamp>,
    pub notices_at_claim: Option<u32>,
    pub resolved_at: Option<Timestamp>,
    pub rating: Option<Rating>,
}

/// Everything read for one window: sessions oldest first, answers in step order per session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub sessions: Vec<SessionRow>,
    pub answers: Vec<AnswerRow>,
    pub handoffs: Vec<HandoffRow>,
}
