//! Ids as distinct types. Discord's snowflakes (guild, user, channel, message, role) are `u64`;
//! our own row ids (session, handoff) are `i64`, as SQLite hands them out.

use std::fmt;

macro_rules! snowflake {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u64);

        impl $name {
            pub const fn get(self) -> u64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl From<u64> for $name {
            fn from(id: u64) -> $name {
                $name(id)
            }
        }
    };
}

snowflake!(
    /// A Discord server.
    GuildId
);
snowflake!(
    /// A Discord user (a member, a volunteer, a moderator).
    UserId
);
snowflake!(
    /// A Discord channel or thread.
    ChannelId
);
snowflake!(
    /// A Discord message (a handoff card).
    MessageId
);
snowflake!(
    /// A Discord role (the volunteers').
    RoleId
);

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

row_id!(
    /// A session's row id. Also printed into Discord button ids, which is why ids are never
    /// reused.
    SessionId
);
row_id!(
    /// A handoff's row id, printed into its card's buttons.
    HandoffId
);
