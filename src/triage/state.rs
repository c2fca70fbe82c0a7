//! Session state as the engine sees it: plain data, no I/O. The store persists exactly this.

use serde::{Deserialize, Serialize};

/// Where a session stands. `Active` is the only status in which choices advance the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Resolved,
    Escalated,
    Emergency,
    Abandoned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Resolved => "resolved",
            Status::Escalated => "escalated",
            Status::Emergency => "emergency",
            Status::Abandoned => "abandoned",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "active" => Status::Active,
            "resolved" => Status::Resolved,
            "escalated" => Status::Escalated,
            "emergency" => Status::Emergency,
            "abandoned" => Status::Abandoned,
            _ => return None,
        })
    }

    /// Open sessions are the ones a member may resume: still walking the guide.
    pub fn is_open(self) -> bool {
        self == Status::Active
    }
}

/// The engine's whole memory of one member's walk through one guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The node on screen.
    pub node: String,
    /// Nodes visited before `node`, oldest first; Back pops from here, so Back after a branch
    /// returns exactly to where the member came from.
    pub path: Vec<String>,
    /// Bumped on every transition. A button carries the step it was drawn for, so a press on an
    /// old screen (or a second, racing press) can be told apart from a fresh one.
    pub step: u32,
    pub status: Status,
}
