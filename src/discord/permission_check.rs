//! `/pitcrew status`'s check of the bot's own permissions, on the server and in the channels
//! its setup names, against the one list pitcrew uses ([`super::permissions::NEEDED`]).
//!
//! Discord does not tell a bot its permissions in another channel; they are computed as
//! Discord does: the `@everyone` role and the bot's roles on the server (Administrator means
//! all), then each channel's overwrites for `@everyone`, for the bot's roles together, and for
//! the bot itself, in that order.

use serenity::all::{
    ChannelId, GuildId, Http, PermissionOverwrite, PermissionOverwriteType, Permissions, RoleId,
    UserId,
};

use super::permissions::{missing, Needed};
use crate::guide::Lang;
use crate::i18n::{self, Arg, Msg};

/// The bot's permissions on the server: `@everyone` (the role whose id is the server's) and
/// its roles.
pub fn on_server(guild: GuildId, roles: &[(RoleId, Permissions)], mine: &[RoleId]) -> Permissions {
    let granted = roles
        .iter()
        .filter(|(id, _)| id.get() == guild.get() || mine.contains(id))
        .fold(Permissions::empty(), |all, (_, p)| all | *p);
    if granted.administrator() {
        Permissions::all()
    } else {
        granted
    }
}

/// [`on_server`]'s permissions as a channel's `overwrites` change them for the bot.
pub fn in_channel(
    server: Permissions,
    guild: GuildId,
    me: UserId,
    mine: &[RoleId],
    overwrites: &[PermissionOverwrite],
) -> Permissions {
    if server.administrator() {
        return Permissions::all();
    }
    let apply = |p: Permissions, allow: Permissions, deny: Permissions| (p - deny) | allow;
    let mut p = server;
    for o in overwrites {
        if o.kind == PermissionOverwriteType::Role(RoleId::new(guild.get())) {
            p = apply(p, o.allow, o.deny);
        }
    }
    let (mut allow, mut deny) = (Permissions::empty(), Permissions::empty());
    for o in overwrites {
        if matches!(o.kind, PermissionOverwriteType::Role(r) if r.get() != guild.get() && mine.contains(&r))
        {
            allow |= o.allow;
            deny |= o.deny;
        }
    }
    p = apply(p, allow, deny);
    for o in overwrites {
        if o.kind == PermissionOverwriteType::Member(me) {
            p = apply(p, o.allow, o.deny);
        }
    }
    p
}

/// One line per permission missing on the server, then per one missing only in a channel of
/// `channels`, each with what breaks; empty when nothing is missing. A check Discord would not
/// answer is one line saying so.
pub async fn lines(http: &Http, guild: GuildId, channels: &[ChannelId], lang: Lang) -> Vec<String> {
    match check(http, guild, channels, lang).await {
        Ok(lines) => lines,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the bot's permissions");
            vec![i18n::text(lang, Msg::PermUnreadable).into_owned()]
        }
    }
}

async fn check(
    http: &Http,
    guild: GuildId,
    channels: &[ChannelId],
    lang: Lang,
) -> Result<Vec<String>, serenity::Error> {
    let me = http.get_current_user().await?.id;
    let member = guild.member(http, me).await?;
    let roles: Vec<(RoleId, Permissions)> = guild
        .roles(http)
        .await?
        .into_iter()
        .map(|(id, r)| (id, r.permissions))
        .collect();
    let server = on_server(guild, &roles, &member.roles);
    let line = |n: &Needed, place: Option<ChannelId>| {
        let (name, breaks) = (i18n::text(lang, n.name), i18n::text(lang, n.breaks));
        match place {
            None => i18n::text_with(
                lang,
                Msg::PermLacks,
                &[(Arg::Words, &name), (Arg::Error, &breaks)],
            ),
            Some(c) => i18n::text_with(
                lang,
                Msg::PermLacksIn,
                &[
                    (Arg::Words, &name),
                    (Arg::Place, &format!("<#{c}>")),
                    (Arg::Error, &breaks),
                ],
            ),
        }
    };
    let mut out: Vec<String> = missing(server).iter().map(|n| line(n, None)).collect();
    for &channel in channels {
        let Some(c) = channel.to_channel(http).await?.guild() else {
            continue;
        };
        let here = in_channel(server, guild, me, &member.roles, &c.permission_overwrites);
        for n in missing(here) {
            if server.contains(n.permission) {
                out.push(line(n, Some(channel)));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: GuildId = GuildId::new(10);
    const ME: UserId = UserId::new(20);
    const BOT_ROLE: RoleId = RoleId::new(30);

    fn overwrite(
        kind: PermissionOverwriteType,
        allow: Permissions,
        deny: Permissions,
    ) -> PermissionOverwrite {
        PermissionOverwrite { allow, deny, kind }
    }

    #[test]
    fn roles_add_up_and_administrator_is_everything() {
        let everyone = (RoleId::new(10), Permissions::VIEW_CHANNEL);
        let bot = (BOT_ROLE, Permissions::SEND_MESSAGES);
        let other = (RoleId::new(31), Permissions::MANAGE_THREADS);
        let p = on_server(G, &[everyone, bot, other], &[BOT_ROLE]);
        assert_eq!(p, Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES);
        let admin = (BOT_ROLE, Permissions::ADMINISTRATOR);
        assert_eq!(
            on_server(G, &[everyone, admin], &[BOT_ROLE]),
            Permissions::all()
        );
    }

    #[test]
    fn channel_overwrites_apply_everyone_then_roles_then_the_bot() {
        let server = Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES;
        let everyone = PermissionOverwriteType::Role(RoleId::new(10));
        // @everyone may not see the channel; the bot's role may; the bot itself may not send.
        let o = [
            overwrite(everyone, Permissions::empty(), Permissions::VIEW_CHANNEL),
            overwrite(
                PermissionOverwriteType::Role(BOT_ROLE),
                Permissions::VIEW_CHANNEL,
                Permissions::empty(),
            ),
            overwrite(
                PermissionOverwriteType::Member(ME),
                Permissions::empty(),
                Permissions::SEND_MESSAGES,
            ),
        ];
        assert_eq!(
            in_channel(server, G, ME, &[BOT_ROLE], &o),
            Permissions::VIEW_CHANNEL
        );
        // Without the role, the @everyone deny stands.
        assert_eq!(
            in_channel(server, G, ME, &[], &o[..1]),
            Permissions::SEND_MESSAGES
        );
    }
}
