//! "None of these — ask a volunteer" on Discord. The handoff service decides (a server, a
//! setup, one live request per member); this module gets the member's words, from the screen
//! the button sits on or, when they have described nothing yet, from a modal opened at once
//! (a modal cannot follow a deferral, so nothing is read before it), and words the outcome.

use serenity::all::{
    ActionRowComponent, ComponentInteraction, Context, CreateEmbed, CreateInteractionResponse,
    ModalInteraction,
};

use super::card_actions::Service;
use super::ids::input;
use super::interaction::{responder, scope};
use super::region::Reader;
use super::render::Screen;
use super::respond::{Deferral, Reply, Responder};
use super::screens;
use crate::domain::{Handoff, Member, Ready, Region, Scope};
use crate::guide::Lang;
use crate::handoff::text;
use crate::handoff::Prepared;
use crate::i18n::{self, Msg};

const ASKED_COLOUR: u32 = 0xf59e0b;
const ALONE_COLOUR: u32 = 0xdc2626;

/// The button was pressed: hand over the words on its screen, or ask for them first.
pub async fn pressed(ctx: &Context, service: &Service, press: &ComponentInteraction) {
    let responder = responder(ctx, press.id, &press.token);
    let member = Member::Discord(press.user.id.into());
    let place = scope(press.guild_id, press.channel_id.get());
    let words = screens::words_on(&press.message);
    let lang = Lang::from_discord_locale(&press.locale);
    // In a DM no volunteer can be reached whatever they write: say so at once, no form.
    if words.is_none() && place != Scope::Dm {
        let modal = CreateInteractionResponse::Modal(screens::ask_modal(lang));
        return responder
            .answer(Deferral::Update, async { Reply::Raw(modal) })
            .await;
    }
    let words = words.unwrap_or_default();
    let name = press
        .member
        .as_ref()
        .map_or_else(|| press.user.display_name(), |m| m.display_name())
        .to_string();
    let reader = Reader::new(service.desk(), press.guild_id, &press.locale);
    let after = responder
        .answer_then(Deferral::Update, async {
            let region = reader.region().await;
            let (screen, after) =
                ask(service, &member, &place, &words, (region, reader.lang())).await;
            (Reply::Update(screen), after.map(|a| (a, (region, lang))))
        })
        .await;
    deliver(service, &responder, after, &name).await;
}

/// The ask-a-volunteer modal was submitted with the member's words.
pub async fn submitted(ctx: &Context, service: &Service, modal: &ModalInteraction) {
    let responder = responder(ctx, modal.id, &modal.token);
    let member = Member::Discord(modal.user.id.into());
    let place = scope(modal.guild_id, modal.channel_id.get());
    let words = modal
        .data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .find_map(|c| match c {
            ActionRowComponent::InputText(t) if t.custom_id == input::ASK_WORDS => t.value.clone(),
            _ => None,
        })
        .unwrap_or_default();
    let name = modal
        .member
        .as_ref()
        .map_or_else(|| modal.user.display_name(), |m| m.display_name())
        .to_string();
    let from_screen = modal.message.is_some();
    let reader = Reader::new(service.desk(), modal.guild_id, &modal.locale);
    let after = responder
        .answer_then(Deferral::Update, async {
            let region = reader.region().await;
            let (screen, after) =
                ask(service, &member, &place, &words, (region, reader.lang())).await;
            // Opened from the picker's button: the picker turns into the answer.
            let reply = if from_screen {
                Reply::Update(screen)
            } else {
                Reply::New(screen)
            };
            (reply, after.map(|a| (a, (region, reader.lang()))))
        })
        .await;
    deliver(service, &responder, after, &name).await;
}

/// The service's decision, drawn; beside it the handoff to deliver once the member has it.
pub(super) async fn ask(
    service: &Service,
    member: &Member,
    place: &Scope,
    words: &str,
    (region, lang): (Region, Lang),
) -> (Screen, Option<(Handoff, Ready)>) {
    // The member's language goes with the handoff: the volunteers' card names it.
    let asked = service.ask_unguided(member, place, words, lang).await;
    let (title, said, colour, after) = match asked {
        Ok(Prepared::Opened { handoff, ready }) => (
            Msg::AskedTitle,
            text::unguided_next(region, lang),
            ASKED_COLOUR,
            Some((*handoff, ready)),
        ),
        Ok(Prepared::NoServer) => (
            Msg::AloneTitle,
            text::no_volunteer_here(true, region, lang),
            ALONE_COLOUR,
            None,
        ),
        Ok(Prepared::NotSetUp) => (
            Msg::AloneTitle,
            text::no_volunteer_here(false, region, lang),
            ALONE_COLOUR,
            None,
        ),
        Ok(Prepared::AlreadyOpen { thread }) => (
            Msg::AlreadyOpenTitle,
            text::already_open(thread, region, lang),
            ASKED_COLOUR,
            None,
        ),
        Ok(Prepared::Closed) => (
            Msg::AloneTitle,
            text::ask_again(region, lang),
            ALONE_COLOUR,
            None,
        ),
        Err(e) => {
            tracing::error!(error = %e, "could not open a handoff without a guide");
            (
                Msg::NotReachedTitle,
                text::not_delivered(region, lang),
                ALONE_COLOUR,
                None,
            )
        }
    };
    let mut embed = CreateEmbed::new()
        .title(i18n::text(lang, title))
        .description(said)
        .colour(colour);
    if let Some(quoted) = screens::words_field(words) {
        embed = embed.field(i18n::text(lang, Msg::YourWords), quoted, false);
    }
    let screen = Screen {
        content: None,
        embed,
        rows: Vec::new(),
    };
    (screen, after)
}

/// The handoff's Discord side, once the member has their screen; on failure they are told.
pub(super) async fn deliver(
    service: &Service,
    responder: &Responder,
    after: Option<((Handoff, Ready), (Region, Lang))>,
    member_name: &str,
) {
    if let Some(((handoff, ready), (region, lang))) = after {
        if !service
            .deliver_prepared(&handoff, &ready, member_name)
            .await
        {
            responder
                .follow_note(&text::not_delivered(region, lang))
                .await;
        }
    }
}
