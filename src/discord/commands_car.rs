//! `/car set|show|forget`: the member's car, defined here once like every other command.
//! Make and key type are Discord choices built from the domain's own vocabularies, so a value
//! the parser does not know can only come from a forged invocation, and is refused.

use super::*;
use crate::domain::car::{YEAR_MAX, YEAR_MIN};
use crate::domain::{KeyType, Make, MODEL_MAX_CHARS_U16};

const SET: &str = "set";
const SHOW: &str = "show";
const FORGET: &str = "forget";
const MAKE: &str = "make";
const MODEL: &str = "model";
const YEAR: &str = "year";
const KEY: &str = "key";

pub fn define(cmd: CreateCommand) -> CreateCommand {
    let mut make = option(CommandOptionType::String, MAKE, Msg::CmdCarSetMake).required(true);
    for m in Make::ALL {
        make = make.add_string_choice(m.as_str(), m.as_str());
    }
    let mut key = option(CommandOptionType::String, KEY, Msg::CmdCarSetKey);
    for k in KeyType::ALL {
        key = key.add_string_choice(k.label(), k.as_str());
    }
    described(cmd, Msg::CmdCar)
        .contexts(vec![InteractionContext::Guild, InteractionContext::BotDm])
        .add_option(
            option(CommandOptionType::SubCommand, SET, Msg::CmdCarSet)
                .add_sub_option(make)
                .add_sub_option(
                    option(CommandOptionType::String, MODEL, Msg::CmdCarSetModel)
                        .max_length(MODEL_MAX_CHARS_U16),
                )
                .add_sub_option(
                    option(CommandOptionType::Integer, YEAR, Msg::CmdCarSetYear)
                        .min_int_value(u64::from(YEAR_MIN))
                        .max_int_value(u64::from(YEAR_MAX)),
                )
                .add_sub_option(key),
        )
        .add_option(option(CommandOptionType::SubCommand, SHOW, Msg::CmdCarShow))
        .add_option(option(
            CommandOptionType::SubCommand,
            FORGET,
            Msg::CmdCarForget,
        ))
}

pub fn parse(options: &[CommandDataOption]) -> Option<Command> {
    match subcommand(options)? {
        (SHOW, []) => Some(Command::Car(CarCommand::Show)),
        (FORGET, []) => Some(Command::Car(CarCommand::Forget)),
        (SET, given) => {
            let (mut make, mut model, mut year, mut key) = (None, None, None, None);
            for o in given {
                match (o.name.as_str(), &o.value) {
                    (MAKE, Value::String(s)) => once(&mut make, s.parse::<Make>().ok()?)?,
                    (MODEL, Value::String(s)) => once(&mut model, s.clone())?,
                    // Out of Discord's bounds means forged: refused, not clamped, since a
                    // wrong year would hide the wrong steps.
                    (YEAR, Value::Integer(y)) => once(&mut year, u16::try_from(*y).ok()?)?,
                    (KEY, Value::String(s)) => once(&mut key, s.parse::<KeyType>().ok()?)?,
                    _ => return None,
                }
            }
            Some(Command::Car(CarCommand::Set {
                make: make?,
                model,
                year,
                key,
            }))
        }
        _ => None,
    }
}
