//! Who is walking a guide and where. Plain values shared by the store, the terminal and the
//! Discord adapter; Discord ids are carried as integers here and become SQLite integers only
//! inside `store/`.

use std::fmt;

/// The person a session belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Member {
    /// A Discord user id.
    Discord(u64),
    /// A terminal user of `pitcrew chat --user NAME`.
    Local(String),
}

/// Where the session lives. A member has at most one active session per scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A server channel (guild id, channel id).
    Guild { guild: u64, channel: u64 },
    /// A direct message with the bot.
    Dm,
    /// The terminal front end.
    Local,
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Member::Discord(id) => write!(f, "discord user {id}"),
            Member::Local(name) => write!(f, "local user {name}"),
        }
    }
}
