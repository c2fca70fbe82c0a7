//! `/car`: what the member reads when they save, show or forget their car. Every answer is a
//! private note; the car itself is the member's own text, shown back in a code span so
//! markdown in a model name cannot dress it up as ours.

use super::commands::CarCommand;
use crate::desk::{Desk, DeskError};
use crate::domain::{Car, Member};
use crate::guide::Lang;
use crate::i18n::{self, Arg, Msg};

/// The reply to `/car …` for `member`.
pub async fn run(
    desk: &Desk,
    member: &Member,
    command: CarCommand,
    lang: Lang,
) -> Result<String, DeskError> {
    let said = |msg| i18n::text(lang, msg).into_owned();
    Ok(match command {
        CarCommand::Set {
            make,
            model,
            year,
            key,
        } => match Car::new(make, model.as_deref(), year, key) {
            Ok(car) => {
                desk.save_car(member, &car).await?;
                i18n::text_with(lang, Msg::CarSaved, &[(Arg::Car, &shown(&car))])
            }
            // The reason is the car check's own (English) words: it names the field at fault.
            Err(e) => i18n::text_with(lang, Msg::CarNotSaved, &[(Arg::Error, &e.to_string())]),
        },
        CarCommand::Show => match desk.car(member).await? {
            Some(car) => i18n::text_with(lang, Msg::CarShown, &[(Arg::Car, &shown(&car))]),
            None => said(Msg::CarNone),
        },
        CarCommand::Forget => {
            if desk.forget_car(member).await? {
                said(Msg::CarForgotten)
            } else {
                said(Msg::CarNothingToForget)
            }
        }
    })
}

/// The car in a code span; backticks in the model would end it early, so they go.
fn shown(car: &Car) -> String {
    format!("`{}`", car.to_string().replace('`', "'"))
}
