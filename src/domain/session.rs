//! A member's walk through a guide as it is kept: the session and its append-only answer log.

use super::ids::SessionId;
use super::place::{Member, Scope};
use super::time::Timestamp;
use super::walk::{GuideVersion, State};

/// One session as stored: who, where, which guide and version, the engine state, and times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: SessionId,
    pub member: Member,
    pub scope: Scope,
    pub guide_id: String,
    pub guide_version: GuideVersion,
    pub state: State,
    pub created_at: Timestamp,
    /// The last change (an advance, or being abandoned).
    pub updated_at: Timestamp,
}

/// The guide id of a session opened by "None of these — ask a volunteer": no guide was walked,
/// the member's own words went to the volunteers instead. Such a session is born escalated and
/// carries its handoff, so every handoff keeps hanging off a session (its log, its cascade on
/// delete, the figures per guide). Outside the guide id alphabet (`[a-z0-9-]`, the checker's
/// rule), so no guide file can ever take it.
pub const NO_GUIDE: &str = "(none)";

impl SessionRecord {
    /// Opened by "None of these — ask a volunteer", not by a guide.
    pub fn is_unguided(&self) -> bool {
        self.guide_id == NO_GUIDE
    }
}

/// The answer that moves a session on one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnswer {
    /// The node the member was on when they chose.
    pub node: String,
    /// The label pressed, or "Back" / "Start over" / "Talk to a volunteer".
    pub choice: String,
}

/// One entry of a session's answer log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRecord {
    pub session: SessionId,
    /// The session's step when the choice was made (the step the pressed button was drawn for).
    pub step: u32,
    pub node: String,
    pub choice: String,
    pub at: Timestamp,
}
