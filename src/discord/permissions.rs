//! The Discord permissions pitcrew uses, in one list: `pitcrew invite` asks for exactly these,
//! and each says what breaks without it, for whoever has to grant it.
//!
//! Interaction replies (every member's guide) need none of them: Discord lets an application
//! answer its own commands and buttons anywhere. These are for what pitcrew posts on its own:
//! the volunteers' cards, the private threads, the forum helper's replies.

use serenity::all::Permissions;

use crate::i18n::Msg;

/// One permission pitcrew uses.
#[derive(Debug, Clone, Copy)]
pub struct Needed {
    pub permission: Permissions,
    /// Its name as Discord's server settings show it, in each language (`locales/`).
    pub name: Msg,
    /// What a member, volunteer or moderator notices without it.
    pub breaks: Msg,
}

/// Every permission pitcrew uses, and nothing more.
pub const NEEDED: &[Needed] = &[
    Needed {
        permission: Permissions::VIEW_CHANNEL,
        name: Msg::PermViewChannels,
        breaks: Msg::PermViewChannelsBreaks,
    },
    Needed {
        permission: Permissions::SEND_MESSAGES,
        name: Msg::PermSendMessages,
        breaks: Msg::PermSendMessagesBreaks,
    },
    Needed {
        permission: Permissions::EMBED_LINKS,
        name: Msg::PermEmbedLinks,
        breaks: Msg::PermEmbedLinksBreaks,
    },
    Needed {
        permission: Permissions::CREATE_PRIVATE_THREADS,
        name: Msg::PermCreatePrivateThreads,
        breaks: Msg::PermCreatePrivateThreadsBreaks,
    },
    Needed {
        permission: Permissions::SEND_MESSAGES_IN_THREADS,
        name: Msg::PermSendInThreads,
        breaks: Msg::PermSendInThreadsBreaks,
    },
    Needed {
        permission: Permissions::MANAGE_THREADS,
        name: Msg::PermManageThreads,
        breaks: Msg::PermManageThreadsBreaks,
    },
    Needed {
        permission: Permissions::MENTION_EVERYONE,
        name: Msg::PermMentionEveryone,
        breaks: Msg::PermMentionEveryoneBreaks,
    },
];

/// All of [`NEEDED`] as one set: the `permissions` of the invite link.
pub fn all() -> Permissions {
    NEEDED
        .iter()
        .fold(Permissions::empty(), |all, n| all | n.permission)
}

/// Those of [`NEEDED`] that `granted` lacks.
pub fn missing(granted: Permissions) -> Vec<&'static Needed> {
    NEEDED
        .iter()
        .filter(|n| !granted.contains(n.permission))
        .collect()
}

/// The link that adds the bot with application id `application` to a server: the bot user and
/// its slash commands, with exactly [`all`] the permissions it uses.
pub fn invite_url(application: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application}&scope=bot+applications.commands&permissions={}",
        all().bits()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invite_asks_for_exactly_the_listed_permissions() {
        let url = invite_url(42);
        assert!(url.starts_with("https://discord.com/oauth2/authorize?client_id=42&"));
        assert!(url.contains("scope=bot+applications.commands"));
        let bits: u64 = url.rsplit("permissions=").next().unwrap().parse().unwrap();
        assert_eq!(Permissions::from_bits(bits), Some(all()));
        for n in NEEDED {
            assert!(
                Permissions::from_bits_truncate(bits).contains(n.permission),
                "{:?}",
                n.name
            );
        }
        // Nothing pitcrew does not use.
        assert!(!all().contains(Permissions::ADMINISTRATOR));
        assert_eq!(all().iter().count(), NEEDED.len());
    }

    #[test]
    fn missing_names_what_breaks() {
        let granted = all() - Permissions::CREATE_PRIVATE_THREADS;
        let gone = missing(granted);
        assert_eq!(gone.len(), 1);
        let said = |msg| crate::i18n::text(crate::guide::Lang::En, msg);
        assert_eq!(said(gone[0].name), "Create Private Threads");
        assert!(said(gone[0].breaks).contains("no volunteer is reached"));
        assert!(missing(all()).is_empty());
    }
}
