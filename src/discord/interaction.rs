//! What every interaction's handling needs, whichever kind it is: its [`Responder`], where it
//! happened, and the kind line a member gets when something fails on our side. Kept apart so
//! the handlers of commands, components and modals all lean on it and never on each other.

use serenity::all::{Context, GuildId, Interaction, InteractionId, Member as GuildMember, UserId};

use super::region::{self, Reader};
use super::respond::{Deferral, Reply, Responder};
use crate::desk::DeskError;
use crate::domain::{Region, Scope};
use crate::guide::Lang;
use crate::handoff::{card, PressedBy};
use crate::i18n::{self, Arg, Msg};

/// Said when something failed on our side, with the reader's emergency number, in the
/// reader's language.
fn trouble(region: Region, lang: Lang) -> String {
    let in_danger = region.in_danger_in(lang.into());
    i18n::text_with(lang, Msg::Trouble, &[(Arg::InDanger, &in_danger)])
}

/// A short note in the reader's language, with nothing put into it.
pub fn note(reader: &Reader<'_>, msg: Msg) -> Reply {
    Reply::Note(i18n::text(reader.lang(), msg).into_owned())
}

pub fn responder(ctx: &Context, id: InteractionId, token: &str) -> Responder {
    Responder {
        http: ctx.http.clone(),
        id,
        token: token.to_string(),
    }
}

pub fn scope(guild: Option<GuildId>, channel: u64) -> Scope {
    match guild {
        Some(g) => Scope::Guild {
            guild: g.into(),
            channel: channel.into(),
        },
        None => Scope::Dm,
    }
}

/// Internals go to the log; the member gets a short, kind line. The region is worked out
/// only on failure (the store may be what failed: then the locale decides).
pub async fn or_trouble(reply: Result<Reply, DeskError>, reader: &Reader<'_>) -> Reply {
    match reply {
        Ok(reply) => reply,
        Err(e) => {
            tracing::error!(error = %e, "could not handle an interaction");
            Reply::Note(trouble(reader.region().await, reader.lang()))
        }
    }
}

/// Who pressed, with the roles Discord sent along with the press.
pub fn pressed_by(user: UserId, member: Option<&GuildMember>) -> PressedBy {
    PressedBy {
        user: user.into(),
        roles: member
            .map(|m| m.roles.iter().map(|&r| r.into()).collect())
            .unwrap_or_default(),
    }
}

/// The server's language as Discord sends it with an interaction (`guild_locale`), where
/// pitcrew speaks it; the cards' fallback (English) outside a server or for a language it
/// does not.
pub fn server_lang(guild_locale: Option<&str>) -> Lang {
    guild_locale.map_or(card::server_lang(None), Lang::from_discord_locale)
}

/// Answered while pitcrew stops: try again soon, and the number for danger meanwhile.
pub async fn restarting(ctx: &Context, interaction: &Interaction) {
    let (id, token, locale) = match interaction {
        Interaction::Command(c) => (c.id, c.token.as_str(), c.locale.as_str()),
        Interaction::Component(c) => (c.id, c.token.as_str(), c.locale.as_str()),
        Interaction::Modal(m) => (m.id, m.token.as_str(), m.locale.as_str()),
        _ => return,
    };
    // The store may already be closing: the member's locale alone picks the number.
    let lang = Lang::from_discord_locale(locale);
    let in_danger = region::from_locale(locale).in_danger_in(lang.into());
    let note = i18n::text_with(lang, Msg::Restarting, &[(Arg::InDanger, &in_danger)]);
    responder(ctx, id, token)
        .answer(Deferral::NewMessage, async { Reply::Note(note) })
        .await;
}
