//! Every slash command pitcrew offers, each defined once: its name, description, options,
//! permissions and contexts sit next to the parser that reads an invocation back into a typed
//! [`Command`], with the option names as constants both use. Registration and parsing walk
//! the same list ([`ALL`]), so a command cannot be registered without being understood.
//!
//! A parser is strict, like the custom_id parsers in `ids`: an option it does not know, of the
//! wrong type, or given twice makes the invocation `None` rather than being skipped, so an
//! option renamed on one side only fails the round-trip tests instead of being ignored.

use std::time::Duration;

use serenity::all::{
    ChannelType, Command as DiscordCommand, CommandData, CommandDataOption,
    CommandDataOptionValue as Value, CommandOptionType, CreateCommand, CreateCommandOption,
    GuildId as DiscordGuildId, Http, InteractionContext, Permissions,
};

use crate::domain::{ChannelId, KeyType, Make, Region, RoleId};
use crate::guide::Lang;
use crate::i18n::{self, Msg};

/// Discord's limit on autocomplete choices.
pub const AUTOCOMPLETE_MAX: usize = 25;
/// The guide option value that closes the member's open guide: `/triage cancel`.
pub const CANCEL: &str = "cancel";

/// An invocation of one of pitcrew's slash commands, read from what Discord sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/triage [guide]`: a guide id, words describing the problem, or nothing (the picker).
    Triage { guide: Option<String> },
    /// `/triage cancel`: close the open guide (and a live handoff with it).
    Cancel,
    /// `/pitcrew setup`: the parts given change, the others stay.
    Setup(SetupOptions),
    /// `/pitcrew status`.
    Status,
    /// `/pitcrew reload`: load and check the guides now, swap them in if they pass.
    Reload,
    /// `/volunteer queue`.
    Queue,
    /// `/volunteer duty on|off`.
    Duty { on: bool },
    /// `/car set|show|forget`.
    Car(CarCommand),
    /// `/pitcrew forum`: the forum helper on or off for one forum channel.
    Forum(ForumOptions),
    /// `/pitcrew stats`: the figures, with the funnel chart and the full table as files.
    Stats(InsightOptions),
    /// `/pitcrew graph`: a guide's decision graph as a picture, with its traffic.
    Graph(InsightOptions),
    /// `/forget-me`: asks, then deletes what pitcrew keeps about the member.
    ForgetMe,
}

/// What `/car` asks for. `Set` carries the parts as given; whether they make a car (a key that
/// exists on that make, a year in range) is the domain's call, answered to the member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarCommand {
    Set {
        make: Make,
        model: Option<String>,
        year: Option<u16>,
        key: Option<KeyType>,
    },
    Show,
    Forget,
}

/// What `/pitcrew setup` was given; `None` leaves that part as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetupOptions {
    pub volunteer_role: Option<RoleId>,
    pub cards_channel: Option<ChannelId>,
    pub help_channel: Option<ChannelId>,
    pub renotify: Option<Duration>,
    /// The country whose emergency numbers the server's screens give.
    pub region: Option<Region>,
    /// The moderators' log channel (guide problems found at a live reload).
    pub log_channel: Option<ChannelId>,
}

/// One slash command: the name it is registered and dispatched under, the rest of its
/// registration, and the parser of its options.
struct Definition {
    name: &'static str,
    define: fn(CreateCommand) -> CreateCommand,
    parse: fn(&[CommandDataOption]) -> Option<Command>,
}

/// Every command, in the order Discord lists them.
const ALL: [Definition; 5] = [
    Definition {
        name: "triage",
        define: triage::define,
        parse: triage::parse,
    },
    Definition {
        name: "pitcrew",
        define: pitcrew::define,
        parse: pitcrew::parse,
    },
    Definition {
        name: "volunteer",
        define: volunteer::define,
        parse: volunteer::parse,
    },
    Definition {
        name: "car",
        define: car::define,
        parse: car::parse,
    },
    Definition {
        name: "forget-me",
        define: forget_me::define,
        parse: forget_me::parse,
    },
];

/// Every command pitcrew offers, as one list: registration is a single bulk overwrite, so
/// commands removed from this list disappear from Discord too.
/// The names of every command, as registered.
pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|d| d.name).collect()
}

pub fn definitions() -> Vec<CreateCommand> {
    ALL.iter()
        .map(|d| (d.define)(CreateCommand::new(d.name)))
        .collect()
}

/// The invocation in `data`, or `None` for a command or options pitcrew never registered.
pub fn parse(data: &CommandData) -> Option<Command> {
    let definition = ALL.iter().find(|d| d.name == data.name)?;
    (definition.parse)(&data.options)
}

/// Registers the commands: to one server when configured (instant), else globally. `true`
/// when Discord took them.
pub async fn register(http: &Http, guild: Option<DiscordGuildId>) -> bool {
    let result = match guild {
        Some(g) => g.set_commands(http, definitions()).await,
        None => DiscordCommand::set_global_commands(http, definitions()).await,
    };
    match result {
        Ok(cmds) => {
            tracing::info!(count = cmds.len(), "slash commands registered");
            true
        }
        Err(e) => {
            tracing::error!(
                error = %e,
                "could not register slash commands; check the bot was invited with the applications.commands scope"
            );
            false
        }
    }
}

/// Discord's locale code for `lang`'s localizations (Discord has one German, `de`).
fn discord_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-US",
        Lang::De => "de",
    }
}

/// The languages other than the default one a command's words are localized into.
fn localized() -> impl Iterator<Item = Lang> {
    Lang::ALL.into_iter().filter(|&l| l != Lang::GUIDES)
}

/// A command's description in English, with Discord's `description_localizations` for every
/// other language. Names stay the same everywhere: members helping each other across
/// languages say `/triage` alike, and Discord dispatches on the default name anyway.
fn described(cmd: CreateCommand, msg: Msg) -> CreateCommand {
    localized().fold(
        cmd.description(i18n::text(Lang::GUIDES, msg)),
        |cmd, lang| cmd.description_localized(discord_locale(lang), i18n::text(lang, msg)),
    )
}

/// An option with its description in every language, like [`described`].
fn option(kind: CommandOptionType, name: &str, msg: Msg) -> CreateCommandOption {
    localized().fold(
        CreateCommandOption::new(kind, name, i18n::text(Lang::GUIDES, msg)),
        |o, lang| o.description_localized(discord_locale(lang), i18n::text(lang, msg)),
    )
}

/// The only subcommand of an invocation, with its options.
fn subcommand(options: &[CommandDataOption]) -> Option<(&str, &[CommandDataOption])> {
    match options {
        [CommandDataOption {
            name,
            value: Value::SubCommand(subs),
            ..
        }] => Some((name.as_str(), subs.as_slice())),
        _ => None,
    }
}

/// Sets `slot` once; a second value for the same option refuses the invocation.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

mod triage {
    use super::*;

    pub const GUIDE: &str = "guide";

    pub fn define(cmd: CreateCommand) -> CreateCommand {
        described(cmd, Msg::CmdTriage)
            .contexts(vec![InteractionContext::Guild, InteractionContext::BotDm])
            .add_option(
                option(CommandOptionType::String, GUIDE, Msg::CmdTriageGuide)
                    .required(false)
                    .set_autocomplete(true)
                    .max_length(100),
            )
    }

    pub fn parse(options: &[CommandDataOption]) -> Option<Command> {
        let mut guide = None;
        for o in options {
            match (o.name.as_str(), &o.value) {
                (GUIDE, Value::String(s)) => once(&mut guide, s.clone())?,
                _ => return None,
            }
        }
        Some(match guide {
            Some(g) if g.trim().eq_ignore_ascii_case(CANCEL) => Command::Cancel,
            guide => Command::Triage { guide },
        })
    }
}

mod pitcrew {
    use super::*;

    const SETUP: &str = "setup";
    const STATUS: &str = "status";
    const ROLE: &str = "volunteer_role";
    const CARDS: &str = "cards_channel";
    const HELP: &str = "help_channel";
    const RENOTIFY: &str = "renotify_minutes";
    const RENOTIFY_MAX_MINUTES: u64 = 24 * 60;
    const REGION: &str = "region";
    const LOG: &str = "log_channel";
    const RELOAD: &str = "reload";

    pub fn define(cmd: CreateCommand) -> CreateCommand {
        let channel = |name, msg| {
            option(CommandOptionType::Channel, name, msg).channel_types(vec![ChannelType::Text])
        };
        described(cmd, Msg::CmdPitcrew)
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .contexts(vec![InteractionContext::Guild])
            .add_option(
                option(CommandOptionType::SubCommand, SETUP, Msg::CmdPitcrewSetup)
                    .add_sub_option(option(
                        CommandOptionType::Role,
                        ROLE,
                        Msg::CmdPitcrewSetupRole,
                    ))
                    .add_sub_option(channel(CARDS, Msg::CmdPitcrewSetupCards))
                    .add_sub_option(channel(HELP, Msg::CmdPitcrewSetupHelp))
                    .add_sub_option(
                        option(
                            CommandOptionType::Integer,
                            RENOTIFY,
                            Msg::CmdPitcrewSetupRenotify,
                        )
                        .min_int_value(1)
                        .max_int_value(RENOTIFY_MAX_MINUTES),
                    )
                    .add_sub_option(Region::ALL.into_iter().fold(
                        option(
                            CommandOptionType::String,
                            REGION,
                            Msg::CmdPitcrewSetupRegion,
                        ),
                        |option, r| {
                            let names =
                                localized().map(|l| (discord_locale(l), r.name_in(l.into())));
                            option.add_string_choice_localized(r.name(), r.code(), names)
                        },
                    ))
                    .add_sub_option(channel(LOG, Msg::CmdPitcrewSetupLog)),
            )
            .add_option(option(
                CommandOptionType::SubCommand,
                STATUS,
                Msg::CmdPitcrewStatus,
            ))
            .add_option(super::forum::subcommand())
            .add_option(super::insight::stats())
            .add_option(super::insight::graph())
            .add_option(option(
                CommandOptionType::SubCommand,
                RELOAD,
                Msg::CmdPitcrewReload,
            ))
    }

    pub fn parse(options: &[CommandDataOption]) -> Option<Command> {
        match subcommand(options)? {
            (STATUS, []) => Some(Command::Status),
            (super::forum::FORUM, given) => super::forum::parse(given),
            (name @ (super::insight::STATS | super::insight::GRAPH), given) => {
                super::insight::parse(name, given)
            }
            (RELOAD, []) => Some(Command::Reload),
            (SETUP, given) => {
                let mut o = SetupOptions::default();
                for opt in given {
                    match (opt.name.as_str(), &opt.value) {
                        (ROLE, Value::Role(r)) => once(&mut o.volunteer_role, (*r).into())?,
                        (CARDS, Value::Channel(c)) => once(&mut o.cards_channel, (*c).into())?,
                        (HELP, Value::Channel(c)) => once(&mut o.help_channel, (*c).into())?,
                        (RENOTIFY, Value::Integer(m)) => {
                            // Discord holds the bounds; a forged value is brought inside them.
                            let minutes = u64::try_from(*m)
                                .unwrap_or(1)
                                .clamp(1, RENOTIFY_MAX_MINUTES);
                            once(&mut o.renotify, Duration::from_secs(minutes * 60))?
                        }
                        // Only a code of the choice list: a forged one refuses the command.
                        (REGION, Value::String(code)) => once(&mut o.region, Region::parse(code)?)?,
                        (LOG, Value::Channel(c)) => once(&mut o.log_channel, (*c).into())?,
                        _ => return None,
                    }
                }
                Some(Command::Setup(o))
            }
            _ => None,
        }
    }
}

mod volunteer {
    use super::*;

    const QUEUE: &str = "queue";
    const DUTY: &str = "duty";
    const STATE: &str = "state";
    const ON: &str = "on";
    const OFF: &str = "off";

    pub fn define(cmd: CreateCommand) -> CreateCommand {
        described(cmd, Msg::CmdVolunteer)
            .contexts(vec![InteractionContext::Guild])
            .add_option(option(
                CommandOptionType::SubCommand,
                QUEUE,
                Msg::CmdVolunteerQueue,
            ))
            .add_option(
                option(CommandOptionType::SubCommand, DUTY, Msg::CmdVolunteerDuty).add_sub_option(
                    option(CommandOptionType::String, STATE, Msg::CmdVolunteerDutyState)
                        .required(true)
                        .add_string_choice(ON, ON)
                        .add_string_choice(OFF, OFF),
                ),
            )
    }

    pub fn parse(options: &[CommandDataOption]) -> Option<Command> {
        match subcommand(options)? {
            (QUEUE, []) => Some(Command::Queue),
            (DUTY, [state]) => match (state.name.as_str(), &state.value) {
                (STATE, Value::String(s)) if s == ON => Some(Command::Duty { on: true }),
                (STATE, Value::String(s)) if s == OFF => Some(Command::Duty { on: false }),
                _ => None,
            },
            _ => None,
        }
    }
}

#[path = "commands_car.rs"]
mod car;

#[path = "commands_forget.rs"]
mod forget_me;

#[path = "commands_forum.rs"]
mod forum;
pub use forum::ForumOptions;

#[path = "commands_insight.rs"]
mod insight;
pub use insight::{InsightOptions, SINCE_DEFAULT_DAYS};

#[cfg(test)]
#[path = "commands_tests.rs"]
mod tests;
