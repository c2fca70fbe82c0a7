//! A member's walk through a guide as it is stored: which version of the guide, and the state
//! the engine keeps. Here, below the guide and the engine, so that both can use the rest of
//! the domain (the member's car) without the domain depending on them; `guide` and `triage`
//! re-export these under their old paths.

use std::fmt;

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

/// A content hash of the guide's file. Sessions remember it so an edited guide can be detected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GuideVersion(pub String);

impl fmt::Display for GuideVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
