//! Modal submissions: the describe form, a volunteer's resolve note, the member's note. Only
//! an id [`Modal::parse`] accepts is acted on; a button's id in a submission is a broken id.

use serenity::all::{ActionRowComponent, Context, ModalInteraction};

use super::card_actions::{self, Service};
use super::ids::{input, Modal};
use super::interaction::{note, or_trouble, pressed_by, responder, server_lang};
use super::region::Reader;
use super::respond::{Deferral, Reply};
use super::screens;
use super::unguided;
use crate::desk::{Desk, DeskError};
use crate::i18n::Msg;

pub async fn submitted(ctx: &Context, desk: &Desk, service: &Service, modal: &ModalInteraction) {
    let parsed = Modal::parse(&modal.data.custom_id);
    // Its handoff is delivered after the reply, so it is answered on its own.
    if parsed == Some(Modal::AskVolunteer) {
        return unguided::submitted(ctx, service, modal).await;
    }
    let responder = responder(ctx, modal.id, &modal.token);
    let by = pressed_by(modal.user.id, modal.member.as_ref());
    let reader = Reader::new(desk, modal.guild_id, &modal.locale);
    // The work runs inside the answer, so a slow store or Discord is deferred in time.
    let work = async {
        let reply = match parsed {
            Some(Modal::Describe) => {
                let words = text(modal, input::DESCRIBE).unwrap_or_default();
                let region = reader.region().await;
                let screen = screens::suggest(&desk.library(), &words, region, reader.lang());
                // Submitted from the picker's button: the picker turns into the suggestions.
                Ok(if modal.message.is_some() {
                    Reply::Update(screen)
                } else {
                    Reply::New(screen)
                })
            }
            Some(Modal::Resolve { handoff }) => {
                let note = text(modal, input::RESOLVE_NOTE);
                let server = server_lang(modal.guild_locale.as_deref());
                card_actions::resolve(service, &by, handoff, note, server).await
            }
            Some(Modal::Note { handoff }) => {
                let note = text(modal, input::MEMBER_NOTE).unwrap_or_default();
                card_actions::member_note(service, by.user, handoff, note, reader.lang()).await
            }
            // Answered above; never reached. The same words as a broken button: to the member
            // it was one.
            Some(Modal::AskVolunteer) => Ok(note(&reader, Msg::Broken)),
            None => {
                tracing::info!(custom_id = %modal.data.custom_id, "refused an unknown modal id");
                Ok(note(&reader, Msg::Broken))
            }
        };
        or_trouble(reply.map_err(DeskError::from), &reader).await
    };
    responder.answer(Deferral::Update, work).await;
}

/// The value of the modal's text input named `name`.
fn text(modal: &ModalInteraction, name: &str) -> Option<String> {
    modal
        .data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .find_map(|c| match c {
            ActionRowComponent::InputText(t) if t.custom_id == name => t.value.clone(),
            _ => None,
        })
}
