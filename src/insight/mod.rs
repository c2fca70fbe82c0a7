//! The figures moderators read (`pitcrew stats`, `/pitcrew stats`): per guide, how many walks
//! start, how they end, whether "did this fix it?" said yes, how long a walk takes, where
//! members leave, and how fast volunteers pick up handoffs.
//!
//! Pure arithmetic over plain rows ([`Rows`], filled by the store): no SQL, no Discord and no
//! clock; `now` comes in as an argument, so tests fix it. Forgotten or retention-anonymised
//! rows count like any other: nothing here looks at who walked.
//!
//! Definitions, in one place:
//! - A *walk* is one session; a member who walks a guide twice counts twice ("members who
//!   reached a node" counts walks, since anonymised rows no longer tell members apart).
//! - *Outcome*: where the walk took the member. A walk that reached a volunteer counts as
//!   `escalated` (or `emergency` when the handoff was urgent) even after the volunteer resolved
//!   it or the member cancelled; `resolved` means the guide itself resolved it. A session still
//!   active with nothing pressed for [`ABANDON_AFTER`] counts as `abandoned`; one active more
//!   recently is `in_progress` (not an outcome yet).
//! - *Reached*: the nodes a walk stood on (every answer's node and where it is now). *Left*:
//!   the node where an abandoned walk stopped. Drop-off share = left / reached.
//! - *Time to outcome*: from the start to the walk's last move (the last answer that took it to
//!   another node), for resolved, escalated and emergency walks.
//! - *Median* of an even count: the mean of the two middle values, rounded down to the
//!   millisecond (so two walks of 60 s and 120 s have a median of 90 s).

mod compute;
mod rows;
mod text;

use std::time::Duration;

use serde::Serialize;

pub use compute::figures;
pub use rows::{AnswerRow, HandoffRow, Rows, SessionRow};
pub use text::{human, CSV_HEADER};

/// How long an active session may sit with nothing pressed before the figures count it as
/// abandoned. An hour: a stranded member answers a step in minutes (the longest steps ask them
/// to walk round the car or wait for a jump start); after an hour they have found help
/// elsewhere or given up, and the session is only still "active" because nobody closes it.
pub const ABANDON_AFTER: Duration = Duration::from_secs(60 * 60);

/// The label of the all-guides row.
pub const ALL_GUIDES: &str = "(all)";

/// The figures for one window: every guide walked in it, and all of them together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The window: sessions started at or after `since` (unix ms), computed at `now`.
    pub since_ms: i64,
    pub now_ms: i64,
    /// All guides together (guide [`ALL_GUIDES`]); its nodes and edges are every guide's.
    pub all: GuideFigures,
    /// One per guide walked in the window (or the one asked for), by guide id.
    pub guides: Vec<GuideFigures>,
}

/// The figures of one guide (or of all, see [`Figures::all`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideFigures {
    pub guide: String,
    /// The guide's title, when the guide is loaded.
    pub title: Option<String>,
    pub starts: u64,
    pub outcomes: Outcomes,
    /// "Did this fix it?" on walks the guide resolved.
    pub fixed: Fixed,
    /// Median time from start to outcome, in ms; `None` with no walk to measure.
    pub median_to_outcome_ms: Option<u64>,
    /// Per node, the worst drop-off first (most walks left there, then the highest share,
    /// then the most reached, then by id).
    pub nodes: Vec<NodeFigures>,
    /// Moves between nodes, the busiest first. Back and Start over are moves too.
    pub edges: Vec<EdgeFigures>,
    pub handoffs: HandoffFigures,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    pub resolved: u64,
    pub escalated: u64,
    pub emergency: u64,
    pub abandoned: u64,
    /// Still active within [`ABANDON_AFTER`]: no outcome yet.
    pub in_progress: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Fixed {
    pub yes: u64,
    pub no: u64,
    pub no_answer: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeFigures {
    pub guide: String,
    pub node: String,
    /// The first line of the node's text (at most 60 characters), when the guide is loaded.
    pub title: Option<String>,
    pub reached: u64,
    pub left: u64,
    /// left / reached (0 when nobody reached it).
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EdgeFigures {
    pub guide: String,
    pub from: String,
    pub to: String,
    pub count: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct HandoffFigures {
    pub count: u64,
    /// Claimed by anyone at some point.
    pub claimed: u64,
    /// Median from opening to the first claim / to the resolve, in ms, over the handoffs whose
    /// time was recorded (claims and resolves from before migration 0012 were not).
    pub median_to_claim_ms: Option<u64>,
    pub median_to_resolve_ms: Option<u64>,
    /// First claimed before any reminder went out, and that as a share of all handoffs.
    pub claimed_before_first_reminder: u64,
    pub share_claimed_before_first_reminder: f64,
    /// Every reminder went out while nobody had claimed it (claimed only after the last one,
    /// or never).
    pub unclaimed_after_last_reminder: u64,
    pub solved: u64,
    pub not_solved: u64,
    pub unrated: u64,
}

/// Per node and per edge traffic of one guide: what the graph picture draws (edge thickness
/// from `edges`, the nodes where members leave from `nodes`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Traffic {
    pub nodes: Vec<NodeFigures>,
    pub edges: Vec<EdgeFigures>,
}

impl Figures {
    /// The figures of `guide` (an id, or [`ALL_GUIDES`]).
    pub fn guide(&self, guide: &str) -> Option<&GuideFigures> {
        if guide == ALL_GUIDES {
            return Some(&self.all);
        }
        self.guides.iter().find(|g| g.guide == guide)
    }

    /// Node and edge traffic of `guide`; `None` when it was not walked in the window (and is
    /// not loaded: a loaded guide lists its nodes with zero traffic).
    pub fn traffic(&self, guide: &str) -> Option<Traffic> {
        self.guide(guide).map(|g| Traffic {
            nodes: g.nodes.clone(),
            edges: g.edges.clone(),
        })
    }
}

/// The median of `values` (sorted here): the middle one, or the mean of the two middle ones
/// rounded down; `None` for none.
pub fn median(mut values: Vec<u64>) -> Option<u64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => values.get(n / 2).copied(),
        _ => {
            let (a, b) = (values.get(n / 2 - 1)?, values.get(n / 2)?);
            // No overflow: a + (b - a) / 2 with b >= a.
            Some(a + (b - a) / 2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5));
        assert_eq!(median(vec![9, 1, 5]), Some(5));
        assert_eq!(median(vec![120, 60]), Some(90));
        assert_eq!(median(vec![1, 2]), Some(1));
    }
}
