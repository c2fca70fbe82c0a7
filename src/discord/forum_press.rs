//! Presses on a forum reply's buttons. The reply is public, so every answer is a new private
//! message for whoever pressed (the poster or anyone with the same problem); the reply itself
//! never changes. A guide starts on the same desk, sessions and handoff as `/triage`, in the
//! post's thread; "Ask a volunteer" opens a handoff whose card links the post.

use serenity::all::{ComponentInteraction, Context};

use super::card_actions::Service;
use super::forum::post_place;
use super::ids::Action;
use super::interaction::{note, or_trouble, responder, scope};
use super::region::Reader;
use super::render;
use super::respond::{Deferral, Reply};
use super::screens;
use super::unguided;
use crate::desk::{Desk, DeskError, Opened};
use crate::domain::{Member, Scope};
use crate::i18n::{self, Arg, Msg};

/// A press on [`Action::ForumStart`] or [`Action::ForumAsk`].
pub async fn pressed(
    ctx: &Context,
    desk: &Desk,
    service: &Service,
    press: &ComponentInteraction,
    action: Action,
) {
    let responder = responder(ctx, press.id, &press.token);
    let reader = Reader::new(desk, press.guild_id, &press.locale);
    let member = Member::Discord(press.user.id.into());
    let place = scope(press.guild_id, press.channel_id.get());
    match action {
        Action::ForumStart { guide } => {
            responder
                .answer(Deferral::NewMessage, async {
                    or_trouble(start(desk, &member, &place, &guide, &reader).await, &reader).await
                })
                .await
        }
        Action::ForumAsk => {
            let Some(guild) = press.guild_id else {
                return responder
                    .answer(Deferral::NewMessage, async { note(&reader, Msg::Broken) })
                    .await;
            };
            let title = press
                .channel
                .as_ref()
                .and_then(|c| c.name.clone())
                .unwrap_or_default();
            let post = post_place(guild, press.channel_id);
            let name = press
                .member
                .as_ref()
                .map_or_else(|| press.user.display_name(), |m| m.display_name())
                .to_string();
            let after = responder
                .answer_then(Deferral::NewMessage, async {
                    let (region, lang) = (reader.region().await, reader.lang());
                    let words = i18n::text_with(
                        lang,
                        Msg::ForumPostWords,
                        &[(Arg::Title, &title), (Arg::Place, &post)],
                    );
                    let (screen, after) =
                        unguided::ask(service, &member, &place, &words, (region, lang)).await;
                    (Reply::New(screen), after.map(|a| (a, (region, lang))))
                })
                .await;
            unguided::deliver(service, &responder, after, &name).await;
        }
        _ => {
            responder
                .answer(Deferral::NewMessage, async { note(&reader, Msg::Broken) })
                .await
        }
    }
}

/// The guide, started for the presser in the post's thread; an open one there is offered
/// to resume first, as `/triage` does.
async fn start(
    desk: &Desk,
    member: &Member,
    place: &Scope,
    guide: &str,
    reader: &Reader<'_>,
) -> Result<Reply, DeskError> {
    let library = desk.library();
    if library.get(guide).is_none() {
        return Ok(note(reader, Msg::Gone));
    }
    let lang = reader.lang();
    let screen = match desk.start_unless_open(member, place, guide).await? {
        Opened::Started { session, view } => {
            let region = reader.region_for(&view).await;
            render::step(&library, session.id, &view, lang, region)
        }
        Opened::AlreadyOpen { session, view } => {
            let open = library.get(&view.guide_id);
            screens::resume_offer(session.id, &view, (Some(guide), open), lang)
        }
    };
    Ok(Reply::New(screen))
}
