//! What the handoff service answers: who pressed, and what became of each action, as values
//! for the front end to word. Below the service's parts, which all speak them.

use super::port::{CardView, PortError};
use crate::domain::{Handoff, Rating, RoleId, UserId};
use crate::guide::Lang;
use crate::store::StoreError;

/// Who pressed a card, as the platform saw them at the press: their roles decide whether
/// they act as a volunteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PressedBy {
    pub user: UserId,
    /// The presser's roles in the server; empty outside one.
    pub roles: Vec<RoleId>,
}

/// What became of a volunteer's action on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardOutcome {
    /// Done: the card as it now stands, to be drawn in place of the pressed one.
    Changed(Box<CardView>),
    /// Not done, and why. `lang` is the card's language (the server's, from the setup the
    /// press read anyway), so the volunteer reads the refusal in the card's words; `None` when
    /// there was no handoff to read a server from.
    Refused { why: Refusal, lang: Option<Lang> },
}

impl CardOutcome {
    /// Why the action was refused, if it was.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            CardOutcome::Refused { why, .. } => Some(why),
            CardOutcome::Changed(_) => None,
        }
    }
}

/// Why a volunteer's action on a card did not change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Another volunteer claimed it first.
    Taken {
        by: Option<UserId>,
    },
    /// Resolved or cancelled meanwhile (or not in a state this action applies to).
    Closed,
    NotFound,
    /// The presser does not hold the server's volunteer role.
    NotVolunteer,
    /// A transfer with nobody picked.
    NobodyPicked,
    /// A transfer to someone who is not a volunteer: it stays with the presser.
    NotAVolunteer {
        picked: UserId,
    },
}

/// What became of the member's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteOutcome {
    Sent,
    Empty,
    NotTheMember,
    NotFound,
    Closed,
}

/// What became of the member's "Did this solve it?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rated {
    /// Kept: call [`super::Handoffs::after_rating`] once the member has their answer.
    Recorded {
        handoff: Box<Handoff>,
        rating: Rating,
    },
    /// The first answer stands.
    AlreadyAnswered,
    NotTheMember,
    NotFound,
}

/// Why something could not be done on the platform; recorded, never shown to a member.
#[derive(Debug, thiserror::Error)]
pub enum Undelivered {
    /// The bot lacks a permission; the text names what to grant, for the setup status.
    #[error("missing Discord permission: {0}")]
    Permission(String),
    #[error("the platform refused: {0}")]
    Platform(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Undelivered {
    /// A port error; a missing permission becomes a problem to record when `grant` names it.
    pub(super) fn from_port(e: PortError, grant: Option<String>) -> Undelivered {
        match (e, grant) {
            (PortError::MissingPermission, Some(grant)) => Undelivered::Permission(grant),
            (e, _) => Undelivered::Platform(e.to_string()),
        }
    }
}

/// A port error with nothing to record for the setup status.
impl From<PortError> for Undelivered {
    fn from(e: PortError) -> Undelivered {
        Undelivered::from_port(e, None)
    }
}
