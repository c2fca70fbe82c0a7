//! `/car`: what the member reads when they save, show or forget their car. Every answer is a
//! private note; the car itself is the member's own text, shown back in a code span so
//! markdown in a model name cannot dress it up as ours.

use super::commands::CarCommand;
use crate::desk::{Desk, DeskError};
use crate::domain::{Car, Member};

/// The reply to `/car …` for `member`.
pub async fn run(desk: &Desk, member: &Member, command: CarCommand) -> Result<String, DeskError> {
    Ok(match command {
        CarCommand::Set {
            make,
            model,
            year,
            key,
        } => match Car::new(make, model.as_deref(), year, key) {
            Ok(car) => {
                desk.save_car(member, &car).await?;
                format!(
                    "Saved: {}. Guides for it come first in `/triage`, and steps that ask what \
                     your car already tells are skipped. Change it with `/car set`, delete it \
                     with `/car forget`.",
                    shown(&car)
                )
            }
            Err(e) => format!("That car was not saved: {e}. Try `/car set` again."),
        },
        CarCommand::Show => match desk.car(member).await? {
            Some(car) => format!(
                "Your car: {}. Volunteers see it on your handoff card. `/car forget` deletes it.",
                shown(&car)
            ),
            None => "pitcrew keeps no car for you. `/car set` tells it once, so guides fit \
                     your car."
                .into(),
        },
        CarCommand::Forget => {
            if desk.forget_car(member).await? {
                "Your car is deleted. Guides show every step again.".into()
            } else {
                "pitcrew kept no car for you, so there was nothing to delete.".into()
            }
        }
    })
}

/// The car in a code span; backticks in the model would end it early, so they go.
fn shown(car: &Car) -> String {
    format!("`{}`", car.to_string().replace('`', "'"))
}
