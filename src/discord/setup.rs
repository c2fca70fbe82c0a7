//! What the moderators' setup (`/pitcrew setup`, `/pitcrew status`, `/pitcrew forum`) and the volunteers'
//! commands (`/volunteer queue`, `/volunteer duty`) do, once `commands` has parsed them.
//! Discord gates them by default permissions; each is checked again on use, because server
//! admins can override command permissions. They read the setup in the writer's turn
//! (`Store::guild_setup_settled`): they are rare, and they decide on it.

use super::commands::{ForumOptions, SetupOptions};
use super::respond::Reply;
use crate::desk::Desk;
use crate::domain::{
    GuildId, GuildSetup, HandoffStatus, LangCode, RoleId, UserId, WhenNothingFits,
};
use crate::guide::Lang;
use crate::handoff::card;
use crate::i18n::{self, Arg, Msg};
use crate::store::StoreError;

const QUEUE_SHOWN: usize = 15;

/// Who ran a command, and what Discord says they may do where they ran it.
pub struct Caller {
    pub user: UserId,
    /// `None` in a DM.
    pub guild: Option<GuildId>,
    /// The Manage Server permission, in this channel.
    pub manages_guild: bool,
    pub roles: Vec<RoleId>,
    /// The server's language as Discord sent it (`guild_locale`), if pitcrew speaks it, else
    /// English; `None` in a DM. `/pitcrew setup` records it for the volunteers' cards.
    pub server_lang: Option<LangCode>,
    /// The caller's own Discord language: refusals and the volunteers' own answers (duty, the
    /// queue) are read by the caller alone.
    pub lang: Lang,
}

impl Caller {
    /// A private note to the caller, in their language.
    fn note(&self, msg: Msg) -> Reply {
        Reply::Note(i18n::text(self.lang, msg).into_owned())
    }
}

/// `/pitcrew setup` (`change` is what was given) and `/pitcrew status` (`None`).
pub async fn admin(
    desk: &Desk,
    caller: &Caller,
    change: Option<SetupOptions>,
) -> Result<Reply, StoreError> {
    let Some(guild) = caller.guild else {
        return Ok(caller.note(Msg::CmdInAServer));
    };
    if !caller.manages_guild {
        return Ok(caller.note(Msg::SetupNotAllowed));
    }
    let store = desk.store();
    let setup = match change {
        None => store
            .guild_setup_settled(guild)
            .await?
            .unwrap_or_else(|| GuildSetup::new(guild)),
        Some(o) => {
            store
                .update_guild_setup(guild, desk.now(), |s| {
                    s.volunteer_role = o.volunteer_role.or(s.volunteer_role);
                    s.cards_channel = o.cards_channel.or(s.cards_channel);
                    s.help_channel = o.help_channel.or(s.help_channel);
                    s.renotify = o.renotify.unwrap_or(s.renotify);
                    s.region = o.region.or(s.region);
                    s.log_channel = o.log_channel.or(s.log_channel);
                    // The server's language as it is now: a server that switched language gets
                    // its cards in the new one from the next setup on.
                    s.lang = caller.server_lang.or(s.lang);
                })
                .await?
        }
    };
    // The server's language as setup recorded it, else as this command's `guild_locale` says.
    let lang = card::server_lang(setup.lang.or(caller.server_lang));
    Ok(Reply::Note(status(&setup, lang)))
}

/// `/pitcrew forum`: the forum helper on or off for one forum; answers with the forums watched.
pub async fn forum(
    desk: &Desk,
    caller: &Caller,
    o: ForumOptions,
    lang: Lang,
) -> Result<Reply, StoreError> {
    let Some(guild) = caller.guild else {
        return Ok(caller.note(Msg::CmdInAServer));
    };
    if !caller.manages_guild {
        return Ok(caller.note(Msg::SetupNotAllowed));
    }
    let when = o.when_nothing_fits.unwrap_or(WhenNothingFits::Volunteer);
    let watch = o.watch.then_some(when);
    let watched = desk
        .store()
        .set_forum_watch(guild, o.channel, watch, desk.now())
        .await?;
    let place = format!("<#{}>", o.channel);
    let said = if o.watch {
        Msg::ForumWatching
    } else {
        Msg::ForumStopped
    };
    let mut text = i18n::text_with(lang, said, &[(Arg::Place, &place)]);
    text.push('\n');
    if watched.is_empty() {
        text.push_str(&i18n::text(lang, Msg::ForumNone));
    } else {
        let list: Vec<String> = watched
            .iter()
            .map(|w| format!("<#{}> ({})", w.channel, w.when_nothing_fits.code()))
            .collect();
        text.push_str(&i18n::text_with(
            lang,
            Msg::ForumListed,
            &[(Arg::Words, &list.join(", "))],
        ));
    }
    Ok(Reply::Note(text))
}

/// The setup in words: what is set, what is missing, and any permission the bot lacked; in
/// `lang`, the server's language, like the cards and lines this setup decides.
pub fn status(s: &GuildSetup, lang: Lang) -> String {
    let say = |msg| i18n::text(lang, msg).into_owned();
    let with = |msg, arg, value: &str| i18n::text_with(lang, msg, &[(arg, value)]);
    let show = |v: Option<String>| v.unwrap_or_else(|| say(Msg::StatusNotSet));
    let mut lines = [
        say(Msg::StatusTitle),
        with(
            Msg::StatusRole,
            Arg::Role,
            &show(s.volunteer_role.map(|r| format!("<@&{r}>"))),
        ),
        with(
            Msg::StatusCards,
            Arg::Place,
            &show(s.cards_channel.map(|c| format!("<#{c}>"))),
        ),
        with(
            Msg::StatusHelp,
            Arg::Place,
            &show(s.help_channel.map(|c| format!("<#{c}>"))),
        ),
        with(
            Msg::StatusRenotify,
            Arg::Number,
            &s.renotify.as_secs().div_ceil(60).to_string(),
        ),
        match s.region {
            Some(r) => i18n::text_with(
                lang,
                Msg::StatusRegion,
                &[
                    (Arg::Region, r.name_in(lang.into())),
                    (Arg::Emergency, &r.emergency_in(lang.into())),
                ],
            ),
            None => say(Msg::StatusRegionUnset),
        },
        match s.log_channel {
            Some(c) => with(Msg::StatusLog, Arg::Place, &format!("<#{c}>")),
            None => say(Msg::StatusLogUnset),
        },
    ]
    .join("\n");
    let missing: Vec<String> = [
        (s.volunteer_role.is_none(), Msg::StatusMissingRole),
        (s.cards_channel.is_none(), Msg::StatusMissingCards),
        (s.help_channel.is_none(), Msg::StatusMissingHelp),
    ]
    .into_iter()
    .filter(|(missing, _)| *missing)
    .map(|(_, msg)| say(msg))
    .collect();
    lines.push_str("\n\n");
    if missing.is_empty() {
        lines.push_str(&say(Msg::StatusReady));
    } else {
        lines.push_str(&with(Msg::StatusMissing, Arg::Words, &missing.join(", ")));
    }
    if let Some(p) = &s.permission_problem {
        lines.push_str("\n\n");
        lines.push_str(&with(Msg::StatusPermission, Arg::Error, p));
    }
    lines
}

/// The server a volunteer command was run in, if the caller is one of its volunteers;
/// otherwise the note that says why not.
async fn volunteer_here(
    desk: &Desk,
    caller: &Caller,
) -> Result<Result<GuildId, Reply>, StoreError> {
    let Some(guild) = caller.guild else {
        return Ok(Err(caller.note(Msg::CmdInAServer)));
    };
    let role = desk
        .store()
        .guild_setup_settled(guild)
        .await?
        .and_then(|s| s.volunteer_role);
    if role.is_some_and(|r| caller.roles.contains(&r)) {
        return Ok(Ok(guild));
    }
    Ok(Err(caller.note(Msg::VolunteerOnly)))
}

/// `/volunteer duty on|off`.
pub async fn duty(desk: &Desk, caller: &Caller, on: bool) -> Result<Reply, StoreError> {
    let guild = match volunteer_here(desk, caller).await? {
        Ok(guild) => guild,
        Err(refused) => return Ok(refused),
    };
    desk.store()
        .set_on_duty(guild, caller.user, on, desk.now())
        .await?;
    Ok(caller.note(if on { Msg::DutyOn } else { Msg::DutyOff }))
}

/// `/volunteer queue`: the live handoffs, urgent first, then oldest.
pub async fn queue(desk: &Desk, caller: &Caller) -> Result<Reply, StoreError> {
    let guild = match volunteer_here(desk, caller).await? {
        Ok(guild) => guild,
        Err(refused) => return Ok(refused),
    };
    let queue = desk.store().queue(guild).await?;
    if queue.is_empty() {
        return Ok(caller.note(Msg::QueueEmpty));
    }
    let lang = caller.lang;
    let with = |msg, arg, value: &str| i18n::text_with(lang, msg, &[(arg, value)]);
    let mut lines = vec![with(Msg::QueueHead, Arg::Number, &queue.len().to_string())];
    for h in queue.iter().take(QUEUE_SHOWN) {
        let who = match (h.status, h.claimed_by) {
            (HandoffStatus::Claimed, Some(v)) => {
                with(Msg::QueueClaimedBy, Arg::Volunteer, &format!("<@{v}>"))
            }
            _ => i18n::text(lang, Msg::QueueUnclaimed).into_owned(),
        };
        let link = super::card::card_url(h)
            .map(|u| format!(" · [{}]({u})", i18n::text(lang, Msg::QueueCard)))
            .unwrap_or_default();
        let since = format!("<t:{}:R>", h.created_at.unix_seconds());
        lines.push(format!(
            "{}#{} <@{}> · {} · {who}{link}",
            if h.urgent { "🚨 " } else { "" },
            h.id,
            h.member,
            with(Msg::QueueWaitingSince, Arg::Words, &since),
        ));
    }
    if queue.len() > QUEUE_SHOWN {
        let more = (queue.len() - QUEUE_SHOWN).to_string();
        lines.push(with(Msg::QueueMore, Arg::Number, &more));
    }
    Ok(Reply::Note(lines.join("\n")))
}
