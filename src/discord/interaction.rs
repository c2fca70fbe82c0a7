//! What every interaction's handling needs, whichever kind it is: its [`Responder`], where it
//! happened, and the kind line a member gets when something fails on our side. Kept apart so
//! the handlers of commands, components and modals all lean on it and never on each other.

use serenity::all::{Context, GuildId, InteractionId, Member as GuildMember, UserId};

use super::region::Reader;
use super::respond::{Reply, Responder};
use crate::desk::DeskError;
use crate::domain::{Region, Scope};
use crate::handoff::PressedBy;

/// Said when something failed on our side, with the reader's emergency number.
fn trouble(region: Region) -> String {
    format!(
        "Sorry, something went wrong on our side. Please try again in a moment. {}",
        region.in_danger()
    )
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
            Reply::Note(trouble(reader.region().await))
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
