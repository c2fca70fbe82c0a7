//! `/forget-me` on Discord: a private confirmation that says what goes and what stays, with
//! "Forget me" and "Keep my data" buttons bound to the member who asked; the confirmed press
//! goes to the handoff service, which forgets and then redraws the cards.

use serenity::all::{ButtonStyle, CreateActionRow, CreateButton, CreateEmbed};

use super::card_actions::Service;
use super::ids::Action;
use super::render::Screen;
use super::respond::Reply;
use crate::domain::{Member, UserId};
use crate::guide::Lang;
use crate::i18n::{self, Arg, Msg};
use crate::store::{Forgotten, StoreError};

const DANGER: serenity::all::Colour = serenity::all::Colour(0xdc2626);

/// The confirmation `/forget-me` answers with, privately, for `user`.
pub fn ask(user: UserId, lang: Lang) -> Reply {
    let say = |msg| i18n::text(lang, msg).into_owned();
    let button = |confirm, msg, style| {
        CreateButton::new(Action::ForgetMe { user, confirm }.encode())
            .label(say(msg))
            .style(style)
    };
    Reply::New(Screen {
        content: None,
        embed: CreateEmbed::new()
            .title(say(Msg::ForgetMeTitle))
            .description(format!(
                "{}\n\n{}",
                say(Msg::ForgetMeRemoved),
                say(Msg::ForgetMeStays)
            ))
            .colour(DANGER),
        rows: vec![CreateActionRow::Buttons(vec![
            button(true, Msg::ForgetMeConfirm, ButtonStyle::Danger),
            button(false, Msg::ForgetMeKeep, ButtonStyle::Secondary),
        ])],
    })
}

/// A press on the confirmation by `presser`; `asked` is who the buttons were drawn for. Beside
/// the reply comes what was forgotten: pass it to [`Service::after_forget`] once the member has
/// their answer (the cards take one round trip each).
pub async fn pressed(
    service: &Service,
    presser: UserId,
    (asked, confirm): (UserId, bool),
    lang: Lang,
) -> Result<(Reply, Option<Forgotten>), StoreError> {
    let say = |msg| i18n::text(lang, msg).into_owned();
    if presser != asked {
        // Someone else's buttons (a forged press: Discord shows ephemeral ones to one member).
        tracing::info!("refused a /forget-me press by someone other than who asked");
        return Ok((Reply::Note(say(Msg::ForgetMeNotYours)), None));
    }
    if !confirm {
        return Ok((answered(say(Msg::ForgetMeKept)), None));
    }
    let forgotten = service.forget_member(&Member::Discord(presser)).await?;
    Ok((answered(summary(&forgotten, lang)), Some(forgotten)))
}

/// What was removed, as counts.
fn summary(f: &Forgotten, lang: Lang) -> String {
    let count = |msg, n: usize| {
        let n = n.to_string();
        format!("• {}", i18n::text_with(lang, msg, &[(Arg::Number, &n)]))
    };
    let mut lines = Vec::new();
    if f.sessions > 0 {
        let n = usize::try_from(f.sessions).unwrap_or(usize::MAX);
        lines.push(count(Msg::ForgetMeDoneSessions, n));
    }
    if !f.handoffs.is_empty() {
        lines.push(count(Msg::ForgetMeDoneRequests, f.handoffs.len()));
    }
    if !f.released.is_empty() {
        lines.push(count(Msg::ForgetMeDoneReleased, f.released.len()));
    }
    if f.car {
        lines.push(format!("• {}", i18n::text(lang, Msg::ForgetMeDoneCar)));
    }
    if lines.is_empty() {
        return i18n::text(lang, Msg::ForgetMeDoneNothing).into_owned();
    }
    format!(
        "{}\n{}",
        i18n::text(lang, Msg::ForgetMeDone),
        lines.join("\n")
    )
}

/// The confirmation replaced by the outcome, with nothing left to press.
fn answered(text: String) -> Reply {
    Reply::Update(Screen {
        content: None,
        embed: CreateEmbed::new().description(text),
        rows: Vec::new(),
    })
}
