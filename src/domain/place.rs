//! Who is walking a guide and where.

use std::fmt;

use super::ids::{ChannelId, GuildId, UserId};

/// The person a session belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Member {
    /// A Discord user.
    Discord(UserId),
    /// A terminal user of `pitcrew chat --user NAME`.
    Local(String),
}

/// Where the session lives. A member has at most one active session per scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A server channel.
    Guild { guild: GuildId, channel: ChannelId },
    /// A direct message with the bot.
    Dm,
    /// The terminal front end.
    Local,
}

impl Member {
    /// The Discord user, for a Discord member.
    pub fn discord(&self) -> Option<UserId> {
        match self {
            Member::Discord(id) => Some(*id),
            Member::Local(_) => None,
        }
    }
}

impl Scope {
    /// The server, for a session in one.
    pub fn guild(&self) -> Option<GuildId> {
        match self {
            Scope::Guild { guild, .. } => Some(*guild),
            Scope::Dm | Scope::Local => None,
        }
    }
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Member::Discord(id) => write!(f, "discord user {id}"),
            Member::Local(name) => write!(f, "local user {name}"),
        }
    }
}
