//! What volunteers do on a card (claim, release, transfer, resolve) and what the member does
//! afterwards (rate, add a note), as Discord sees it: the handoff service decides, this module
//! words its outcomes and draws the modals. The role is checked on every press.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{
    CreateActionRow, CreateEmbed, CreateInputText, CreateInteractionResponse, CreateModal, Http,
    InputTextStyle,
};
use tokio::sync::Notify;

use super::ids::{input, CardAction, Modal};
use super::port::DiscordPort;
use super::render::{fit, Screen};
use super::respond::Reply;
use crate::desk::Desk;
use crate::domain::{Handoff, HandoffId, Rating, UserId};
use crate::guide::Lang;
use crate::handoff::{CardOutcome, CardView, Handoffs, NoteOutcome, PressedBy, Rated, Refusal};
use crate::i18n::{self, Arg, Msg};
use crate::store::StoreError;

// What volunteers read is in the server's language (`handoff::card::server_lang`); what the
// member reads (notes, "Did this solve it?") is in the language of the member's Discord.

/// The languages of one press or submission, as Discord sent them with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Langs {
    /// The presser's Discord (`locale`): the member's own buttons answer in it.
    pub presser: Lang,
    /// The server's Discord (`guild_locale`): the volunteer's form, which opens before any store
    /// read, and a refusal when no card was found to take the language from.
    pub server: Lang,
}
const NOTE_MAX: u16 = 1000;
/// How long a press that opens a modal may spend on its refusal check. A modal cannot follow a
/// deferral, so a slower store opens the modal anyway: the submission is judged in full.
const MODAL_CHECK: Duration = Duration::from_millis(500);

/// The handoff service on Discord.
pub type Service = Handoffs<DiscordPort>;

pub fn service(desk: &Arc<Desk>, http: &Arc<Http>, wake: &Arc<Notify>) -> Service {
    Handoffs::new(
        Arc::clone(desk),
        DiscordPort::new(Arc::clone(http)),
        Arc::clone(wake),
    )
}

/// A press on a card or a rating button. `picked` carries a user select's choice. Beside the
/// reply comes a handoff the member has just rated: pass it to [`Service::after_rating`] once
/// the reply is sent.
pub async fn press(
    service: &Service,
    by: &PressedBy,
    (id, action): (HandoffId, CardAction),
    picked: Option<UserId>,
    langs: Langs,
) -> Result<(Reply, Option<Handoff>), StoreError> {
    let outcome = match action {
        CardAction::Rate(rating) => return rate(service, by.user, id, rating, langs.presser).await,
        CardAction::Resolve | CardAction::Note => {
            return Ok((modal(service, by, id, action, langs).await, None))
        }
        CardAction::Claim => service.claim(by, id).await?,
        CardAction::Release => service.release(by, id).await?,
        CardAction::Transfer => service.transfer(by, id, picked).await?,
    };
    Ok((card_reply(outcome, langs.server), None))
}

/// The resolve modal's submission: resolve, ask the member, close the thread. `server`: the
/// server's language as the submission says (`guild_locale`), for a refusal without a card.
pub async fn resolve(
    service: &Service,
    by: &PressedBy,
    id: HandoffId,
    note: Option<String>,
    server: Lang,
) -> Result<Reply, StoreError> {
    Ok(card_reply(
        service.resolve(by, id, note.as_deref()).await?,
        server,
    ))
}

/// The member's note modal submission.
pub async fn member_note(
    service: &Service,
    member: UserId,
    id: HandoffId,
    note: String,
    lang: Lang,
) -> Result<Reply, StoreError> {
    let note = fit(note.trim(), usize::from(NOTE_MAX));
    let said = match service.member_note(member, id, &note).await? {
        NoteOutcome::Sent => Msg::NoteSent,
        NoteOutcome::Empty => Msg::NoteEmpty,
        NoteOutcome::NotTheMember => Msg::OnlyMember,
        NoteOutcome::NotFound => Msg::HandoffGone,
        NoteOutcome::Closed => Msg::HandoffClosed,
    };
    Ok(Reply::Note(i18n::text(lang, said).into_owned()))
}

/// The modal a Resolve or "Add a note" press opens, or why it does not. The check is bounded
/// by [`MODAL_CHECK`]: a modal is never lost to a slow store.
async fn modal(
    service: &Service,
    by: &PressedBy,
    id: HandoffId,
    action: CardAction,
    langs: Langs,
) -> Reply {
    let lang = langs.presser;
    let (checked, modal) = if action == CardAction::Note {
        let check = async {
            Ok(match service.may_add_note(by.user, id).await? {
                Some(NoteOutcome::NotFound) => Some(i18n::text(lang, Msg::HandoffGone).into()),
                Some(_) => Some(i18n::text(lang, Msg::OnlyMember).into()),
                None => None,
            })
        };
        (
            tokio::time::timeout(MODAL_CHECK, check).await,
            note_modal(id, lang),
        )
    } else {
        let check = async {
            let refused = service.may_resolve(by, id).await?;
            Ok(refused.and_then(|r| refusal(&r, langs.server)))
        };
        (
            tokio::time::timeout(MODAL_CHECK, check).await,
            resolve_modal(id, langs.server),
        )
    };
    match checked {
        Ok(Ok(Some(refused))) => Reply::Note(refused),
        Ok(Err::<_, StoreError>(e)) => {
            tracing::warn!(error = %e, "could not check a press before its modal");
            Reply::Raw(CreateInteractionResponse::Modal(modal))
        }
        Ok(Ok(None)) | Err(_) => Reply::Raw(CreateInteractionResponse::Modal(modal)),
    }
}

/// The member's "Did this solve it?"; the handoff comes back when this answer was the one kept.
async fn rate(
    service: &Service,
    member: UserId,
    id: HandoffId,
    rating: Rating,
    lang: Lang,
) -> Result<(Reply, Option<Handoff>), StoreError> {
    let refused = |msg| Ok((Reply::Note(i18n::text(lang, msg).into_owned()), None));
    // "Not solved" promises no volunteer: this server may have none; `/triage` says which.
    let (thanks, kept) = match service.rate(member, id, rating).await? {
        Rated::NotFound => return refused(Msg::HandoffGone),
        Rated::NotTheMember => return refused(Msg::OnlyMember),
        Rated::Recorded {
            handoff,
            rating: Rating::Solved,
        } => (Msg::RatedSolved, Some(*handoff)),
        Rated::Recorded {
            handoff,
            rating: Rating::NotSolved,
        } => (Msg::RatedNotSolved, Some(*handoff)),
        Rated::AlreadyAnswered => (Msg::RatedAlready, None),
    };
    let reply = Reply::Update(Screen {
        content: Some(i18n::text(lang, thanks).into_owned()),
        embed: CreateEmbed::new().description(i18n::text(lang, Msg::RatedAnswered)),
        rows: Vec::new(),
    });
    Ok((reply, kept))
}

/// `server`: the language to refuse in when the outcome brings none (no card was found).
fn card_reply(outcome: CardOutcome, server: Lang) -> Reply {
    match outcome {
        CardOutcome::Changed(view) => card_update(&view),
        CardOutcome::Refused { why, lang } => Reply::Note(said(&why, lang.unwrap_or(server))),
    }
}

/// What a volunteer reads when their action was refused (`None`: it was not): in the card's
/// language, which the outcome carries (the server's setup was read for the press anyway),
/// else in `server`, the language Discord says the server speaks.
fn refusal(outcome: &CardOutcome, server: Lang) -> Option<String> {
    match outcome {
        CardOutcome::Refused { why, lang } => Some(said(why, lang.unwrap_or(server))),
        CardOutcome::Changed(_) => None,
    }
}

/// A refusal in `lang`.
fn said(why: &Refusal, lang: Lang) -> String {
    let with = |msg, who: String| i18n::text_with(lang, msg, &[(Arg::Volunteer, &who)]);
    match why {
        Refusal::Taken { by } => {
            let who = by.map(|v| format!("<@{v}>")).unwrap_or_default();
            with(Msg::CardTaken, who)
        }
        Refusal::NotAVolunteer { picked } => {
            with(Msg::CardPickedNotVolunteer, format!("<@{picked}>"))
        }
        Refusal::NobodyPicked => i18n::text(lang, Msg::CardNobodyPicked).into_owned(),
        Refusal::NotVolunteer => i18n::text(lang, Msg::CardNotVolunteer).into_owned(),
        Refusal::NotFound => i18n::text(lang, Msg::CardGone).into_owned(),
        Refusal::Closed => i18n::text(lang, Msg::CardClosed).into_owned(),
    }
}

/// The card redrawn in place (callback type 7 on the card).
fn card_update(view: &CardView) -> Reply {
    let card = super::card::draw(
        &view.handoff,
        &super::card::CardContext {
            guide_title: &view.guide_title,
            unguided: view.unguided,
            steps: &view.steps,
            skipped: view.skipped,
            car: view.car.as_ref(),
            lang: view.lang,
            forgotten: view.forgotten,
        },
    );
    Reply::Update(Screen {
        content: None,
        embed: card.embed,
        rows: card.rows,
    })
}

/// The volunteer's form, in `lang`: the server's language as the press says
/// (`guild_locale`). It opens before any store read (a modal cannot follow a deferral), so the
/// setup that holds the card's language is not at hand; the two differ only in a server that
/// changed its language after its last `/pitcrew setup`.
fn resolve_modal(id: HandoffId, lang: Lang) -> CreateModal {
    CreateModal::new(
        Modal::Resolve { handoff: id }.encode(),
        i18n::text(lang, Msg::ResolveModalTitle),
    )
    .components(vec![CreateActionRow::InputText(
        CreateInputText::new(
            InputTextStyle::Paragraph,
            i18n::text(lang, Msg::ResolveModalLabel),
            input::RESOLVE_NOTE,
        )
        .required(false)
        .max_length(NOTE_MAX),
    )])
}

fn note_modal(id: HandoffId, lang: Lang) -> CreateModal {
    CreateModal::new(
        Modal::Note { handoff: id }.encode(),
        i18n::text(lang, Msg::NoteModalTitle),
    )
    .components(vec![CreateActionRow::InputText(
        CreateInputText::new(
            InputTextStyle::Paragraph,
            i18n::text(lang, Msg::NoteModalLabel),
            input::MEMBER_NOTE,
        )
        .placeholder(i18n::text(lang, Msg::NoteModalExample))
        .max_length(NOTE_MAX),
    )])
}
