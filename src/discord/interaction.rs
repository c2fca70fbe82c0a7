//! What every interaction's handling needs, whichever kind it is: its [`Responder`], where it
//! happened, and the kind line a member gets when something fails on our side. Kept apart so
//! the handlers of commands, components and modals all lean on it and never on each other.

use serenity::all::{Context, GuildId, InteractionId, Member as GuildMember, UserId};

use super::respond::{Reply, Responder};
use crate::desk::DeskError;
use crate::domain::Scope;
use crate::handoff::PressedBy;

const TROUBLE: &str = "Sorry, something went wrong on our side. Please try again in a moment. If anyone is in danger, call 911 (or your local emergency number) now.";

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

/// Internals go to the log; the member gets a short, kind line.
pub fn or_trouble(reply: Result<Reply, DeskError>) -> Reply {
    reply.unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not handle an interaction");
        Reply::Note(TROUBLE.into())
    })
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
