//! Where Discord's ids become ours and back: the adapter's edge. Every other module speaks
//! `crate::domain` ids; serenity's stay in `discord/`.

use serenity::all as dc;

use crate::domain::{ChannelId, GuildId, MessageId, RoleId, UserId};

macro_rules! both_ways {
    ($ours:ident, $theirs:ident) => {
        impl From<dc::$theirs> for $ours {
            fn from(id: dc::$theirs) -> $ours {
                $ours(id.get())
            }
        }

        impl From<$ours> for dc::$theirs {
            fn from(id: $ours) -> dc::$theirs {
                dc::$theirs::new(id.get())
            }
        }
    };
}

both_ways!(GuildId, GuildId);
both_ways!(UserId, UserId);
both_ways!(ChannelId, ChannelId);
both_ways!(MessageId, MessageId);
both_ways!(RoleId, RoleId);
