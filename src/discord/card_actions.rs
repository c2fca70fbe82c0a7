//! What volunteers do on a card (claim, release, transfer, resolve) and what the member does
//! afterwards (rate, add a note). The role is checked on every press; the store decides races.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateEmbed, CreateInputText,
    CreateInteractionResponse, CreateMessage, CreateModal, Http, InputTextStyle,
    Member as GuildMember, RoleId, UserId,
};

use super::card::button;
use super::handoff::{self as discord_handoff, Undelivered};
use super::ids::{input, CardAction, Modal};
use super::render::{fit, Screen};
use super::respond::Reply;
use crate::desk::Desk;
use crate::domain::{Claim, GuildSetup, Handoff, HandoffId, Rating, Ready};
use crate::store::StoreError;

const NOT_VOLUNTEER: &str = "Only the club's volunteers can do that.";
const NOT_FOUND: &str = "That handoff no longer exists.";
const CLOSED: &str = "This handoff is already closed.";
const ONLY_MEMBER: &str = "Only the member who asked for help can answer this.";
const NOTE_MAX: u16 = 1000;

/// Who pressed, as far as a card cares.
pub struct Presser<'a> {
    pub user: crate::domain::UserId,
    pub member: Option<&'a GuildMember>,
}

/// A press on a card or a rating button. `picked` carries a user select's choice. Beside the
/// reply comes a handoff the member has just rated: pass it to [`rated`] once the reply is
/// sent.
pub async fn press(
    http: &Http,
    desk: &Desk,
    presser: &Presser<'_>,
    id: HandoffId,
    action: CardAction,
    picked: Option<crate::domain::UserId>,
) -> Result<(Reply, Option<Handoff>), StoreError> {
    if let CardAction::Rate(rating) = action {
        return rate(desk, presser, id, rating).await;
    }
    act(http, desk, presser, id, action, picked)
        .await
        .map(|reply| (reply, None))
}

async fn act(
    http: &Http,
    desk: &Desk,
    presser: &Presser<'_>,
    id: HandoffId,
    action: CardAction,
    picked: Option<crate::domain::UserId>,
) -> Result<Reply, StoreError> {
    let store = desk.store();
    let Some(h) = store.handoff(id).await? else {
        return Ok(Reply::Note(NOT_FOUND.into()));
    };
    if action == CardAction::Note {
        if presser.user != h.member {
            return Ok(Reply::Note(ONLY_MEMBER.into()));
        }
        return Ok(Reply::Raw(CreateInteractionResponse::Modal(note_modal(id))));
    }
    // Read once for the whole press: the role check, the interval, the re-ping.
    let setup = store.guild_setup(h.guild).await?;
    if !is_volunteer(setup.as_ref(), presser) {
        return Ok(Reply::Note(NOT_VOLUNTEER.into()));
    }
    let now = desk.now();
    let changed = match action {
        CardAction::Claim => match store.claim(id, presser.user, now).await? {
            Claim::Claimed(h) => {
                Some(joined(http, desk, h, presser.user, "has joined to help you").await)
            }
            Claim::Taken(h) => {
                let who = h.claimed_by.map(|v| format!("<@{v}>")).unwrap_or_default();
                return Ok(Reply::Note(format!("{who} already has this one.")));
            }
            Claim::Closed(h) => Some(h),
        },
        CardAction::Release => {
            let interval = setup
                .as_ref()
                .map(|s| s.renotify)
                .unwrap_or(crate::domain::DEFAULT_RENOTIFY);
            let next = crate::handoff::schedule::first_notice(now, interval);
            match store.release(id, next, now).await? {
                Some(h) => {
                    if let Some(ready) = setup.as_ref().and_then(|s| s.ready()) {
                        requeue(http, desk, &h, &ready).await;
                    }
                    Some(h)
                }
                None => None,
            }
        }
        CardAction::Transfer => {
            let Some(to) = picked else {
                return Ok(Reply::Note("Pick a volunteer to hand over to.".into()));
            };
            if !has_role_now(http, setup.as_ref(), &h, to).await {
                return Ok(Reply::Note(format!(
                    "<@{to}> is not a volunteer here, so this stays with you."
                )));
            }
            match store.transfer(id, to, now).await? {
                Some(h) => Some(joined(http, desk, h, to, "is taking over to help you").await),
                None => None,
            }
        }
        CardAction::Resolve => {
            if !h.status.is_live() {
                return Ok(Reply::Note(CLOSED.into()));
            }
            return Ok(Reply::Raw(CreateInteractionResponse::Modal(resolve_modal(
                id,
            ))));
        }
        CardAction::Rate(_) | CardAction::Note => None,
    };
    match changed {
        Some(h) => card_update(desk, &h).await,
        None => Ok(Reply::Note(CLOSED.into())),
    }
}

/// The resolve modal's submission: resolve, ask the member, close the thread.
pub async fn resolve(
    http: &Http,
    desk: &Desk,
    presser: &Presser<'_>,
    id: HandoffId,
    note: Option<String>,
) -> Result<Reply, StoreError> {
    let store = desk.store();
    let Some(h) = store.handoff(id).await? else {
        return Ok(Reply::Note(NOT_FOUND.into()));
    };
    if !is_volunteer(store.guild_setup(h.guild).await?.as_ref(), presser) {
        return Ok(Reply::Note(NOT_VOLUNTEER.into()));
    }
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let Some(h) = store
        .resolve_handoff(id, note.as_deref(), desk.now())
        .await?
    else {
        return Ok(Reply::Note(CLOSED.into()));
    };
    let asked = ask_rating(http, &h, presser.user, note.as_deref()).await;
    if let Err(e) = &asked {
        discord_handoff::note_problem(desk, h.guild, e).await;
    }
    // Archived, not yet locked: in a locked thread the member could not press Yes or No (the
    // client greys components out and cannot reopen it), so it is locked once they answered.
    if let Err(e) = discord_handoff::close_thread(http, &h, asked.is_err()).await {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
    card_update(desk, &h).await
}

/// The member's note modal submission.
pub async fn member_note(
    http: &Http,
    desk: &Desk,
    presser: &Presser<'_>,
    id: HandoffId,
    note: String,
) -> Result<Reply, StoreError> {
    let store = desk.store();
    match store.handoff(id).await? {
        Some(h) if h.member == presser.user => {}
        Some(_) => return Ok(Reply::Note(ONLY_MEMBER.into())),
        None => return Ok(Reply::Note(NOT_FOUND.into())),
    }
    let note = fit(note.trim(), usize::from(NOTE_MAX));
    if note.is_empty() {
        return Ok(Reply::Note(
            "Your note was empty, so nothing was sent.".into(),
        ));
    }
    let Some(h) = store.set_member_note(id, &note, desk.now()).await? else {
        return Ok(Reply::Note(CLOSED.into()));
    };
    let said = format!("Note from the member:\n{}", super::card::quote(&note));
    if let Err(e) = discord_handoff::tell_thread(http, &h, &said).await {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
    if let Err(e) = discord_handoff::refresh_card(http, desk, &h).await {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
    Ok(Reply::Note(
        "Thanks. The volunteers can see your note.".into(),
    ))
}

/// The member's "Did this solve it?"; the handoff comes back when this answer was the one kept.
async fn rate(
    desk: &Desk,
    presser: &Presser<'_>,
    id: HandoffId,
    rating: Rating,
) -> Result<(Reply, Option<Handoff>), StoreError> {
    let Some(h) = desk.store().handoff(id).await? else {
        return Ok((Reply::Note(NOT_FOUND.into()), None));
    };
    if presser.user != h.member {
        return Ok((Reply::Note(ONLY_MEMBER.into()), None));
    }
    let rated = desk.store().rate(h.id, rating, desk.now()).await?;
    let thanks = match (&rated, rating) {
        (Some(_), Rating::Solved) => "Thanks for telling us. Glad you're sorted. Drive safe!",
        (Some(_), Rating::NotSolved) => "Thanks for telling us. Type `/triage` any time to ask again; a volunteer will pick it up.",
        (None, _) => "Thanks, we already have your answer.",
    };
    let reply = Reply::Update(Screen {
        content: Some(thanks.into()),
        embed: CreateEmbed::new().description("Did this solve it? Answered."),
        rows: Vec::new(),
    });
    Ok((reply, rated))
}

/// After the member's answer has been shown to them: the card shows it too, and the thread,
/// with nothing left in it to press, is locked.
pub async fn rated(http: &Http, desk: &Desk, h: &Handoff) {
    if let Err(e) = discord_handoff::refresh_card(http, desk, h).await {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
    if let Err(e) = discord_handoff::close_thread(http, h, true).await {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
}

/// The card redrawn in place (callback type 7 on the card).
async fn card_update(desk: &Desk, h: &Handoff) -> Result<Reply, StoreError> {
    let card = discord_handoff::current_card(desk, h).await?;
    Ok(Reply::Update(Screen {
        content: None,
        embed: card.embed,
        rows: card.rows,
    }))
}

/// Whether the presser holds the server's volunteer role (none set: nobody does).
fn is_volunteer(setup: Option<&GuildSetup>, presser: &Presser<'_>) -> bool {
    let Some(role) = setup.and_then(|s| s.volunteer_role) else {
        return false;
    };
    presser
        .member
        .is_some_and(|m| m.roles.contains(&RoleId::from(role)))
}

/// Whether `user` holds the volunteer role right now (asked of Discord, not of the press).
async fn has_role_now(
    http: &Http,
    setup: Option<&GuildSetup>,
    h: &Handoff,
    user: crate::domain::UserId,
) -> bool {
    let Some(role) = setup.and_then(|s| s.volunteer_role) else {
        return false;
    };
    let member = serenity::all::GuildId::from(h.guild)
        .member(http, UserId::from(user))
        .await;
    member.is_ok_and(|m| m.roles.contains(&RoleId::from(role)))
}

/// Adds a volunteer to the member's thread and says so; notes whether the member left, and
/// returns the handoff as it now stands so the card drawn next says so too.
async fn joined(
    http: &Http,
    desk: &Desk,
    h: Handoff,
    volunteer: crate::domain::UserId,
    what: &str,
) -> Handoff {
    let result: Result<(), Undelivered> = async {
        if let Some(thread) = h.thread {
            serenity::all::ChannelId::from(thread)
                .add_thread_member(http, UserId::from(volunteer))
                .await?;
        }
        discord_handoff::tell_thread(
            http,
            &h,
            &format!("<@{volunteer}> (club volunteer) {what}."),
        )
        .await
    }
    .await;
    if let Err(e) = result {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
    if h.member_left || discord_handoff::member_present(http, &h).await {
        return h;
    }
    match desk.store().mark_member_left(h.id, desk.now()).await {
        Ok(Some(marked)) => marked,
        Ok(None) => h,
        Err(e) => {
            tracing::error!(error = %e, "could not mark a member as gone");
            h
        }
    }
}

/// Back in the queue: re-ping the role and tell the member.
async fn requeue(http: &Http, desk: &Desk, h: &Handoff, ready: &Ready) {
    // Pinged as its card was: an urgent one names whoever is on duty.
    let on_duty = if h.urgent {
        desk.store().on_duty(h.guild).await.unwrap_or_default()
    } else {
        Vec::new()
    };
    let (ping, mentions) = discord_handoff::ping(h, ready, &on_duty);
    let link = super::card::card_url(h)
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let result: Result<(), Undelivered> = async {
        serenity::all::ChannelId::from(ready.cards_channel)
            .send_message(
                http,
                CreateMessage::new()
                    .content(format!("{ping} Back in the queue:{link}"))
                    .allowed_mentions(mentions),
            )
            .await?;
        discord_handoff::tell_thread(
            http,
            h,
            "The volunteer had to step away; another one will pick this up. Meanwhile, roadside assistance or a locksmith can help.",
        )
        .await
    }
    .await;
    if let Err(e) = result {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
}

async fn ask_rating(
    http: &Http,
    h: &Handoff,
    volunteer: crate::domain::UserId,
    note: Option<&str>,
) -> Result<(), Undelivered> {
    let Some(thread) = h.thread else {
        return Ok(());
    };
    let mut text = format!("<@{volunteer}> marked this as resolved.");
    if let Some(note) = note {
        text.push_str(&format!("\n{}", super::card::quote(note)));
    }
    text.push_str(&format!("\n\n<@{}>, did this solve it?", h.member));
    serenity::all::ChannelId::from(thread)
        .send_message(
            http,
            CreateMessage::new()
                .content(fit(&text, 2000))
                .components(vec![CreateActionRow::Buttons(vec![
                    button(
                        h,
                        CardAction::Rate(Rating::Solved),
                        "Yes, solved",
                        ButtonStyle::Success,
                    ),
                    button(
                        h,
                        CardAction::Rate(Rating::NotSolved),
                        "No, still stuck",
                        ButtonStyle::Secondary,
                    ),
                ])])
                .allowed_mentions(CreateAllowedMentions::new().users([UserId::from(h.member)])),
        )
        .await?;
    Ok(())
}

fn resolve_modal(id: HandoffId) -> CreateModal {
    CreateModal::new(
        Modal::Resolve { handoff: id }.encode(),
        "Resolve this handoff",
    )
    .components(vec![CreateActionRow::InputText(
        CreateInputText::new(
            InputTextStyle::Paragraph,
            "Note for the record (optional)",
            input::RESOLVE_NOTE,
        )
        .required(false)
        .max_length(NOTE_MAX),
    )])
}

fn note_modal(id: HandoffId) -> CreateModal {
    CreateModal::new(
        Modal::Note { handoff: id }.encode(),
        "A note for the volunteer",
    )
    .components(vec![CreateActionRow::InputText(
        CreateInputText::new(
            InputTextStyle::Paragraph,
            "Anything a volunteer should know?",
            input::MEMBER_NOTE,
        )
        .placeholder("e.g. where you are, what's in the trunk, your phone battery")
        .max_length(NOTE_MAX),
    )])
}
