//! `/pitcrew forum channel:<forum> watch:<on|off> [when_nothing_fits:<volunteer|silent>]`: a
//! moderator points the forum helper at a forum channel, or stops it. A subcommand of
//! `/pitcrew`, defined here once with its own option names; the channel option offers forum
//! channels only, so Discord itself keeps a text channel out.

use super::*;
use crate::domain::WhenNothingFits;

pub const FORUM: &str = "forum";
const CHANNEL: &str = "channel";
const WATCH: &str = "watch";
const NOTHING_FITS: &str = "when_nothing_fits";
const ON: &str = "on";
const OFF: &str = "off";

/// What `/pitcrew forum` was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumOptions {
    pub channel: ChannelId,
    pub watch: bool,
    /// `None`: offer a volunteer ([`WhenNothingFits::Volunteer`]).
    pub when_nothing_fits: Option<WhenNothingFits>,
}

pub fn subcommand() -> CreateCommandOption {
    let choices = [WhenNothingFits::Volunteer, WhenNothingFits::Silent]
        .into_iter()
        .fold(
            option(
                CommandOptionType::String,
                NOTHING_FITS,
                Msg::CmdPitcrewForumNothingFits,
            ),
            |o, w| o.add_string_choice(w.code(), w.code()),
        );
    option(CommandOptionType::SubCommand, FORUM, Msg::CmdPitcrewForum)
        .add_sub_option(
            option(
                CommandOptionType::Channel,
                CHANNEL,
                Msg::CmdPitcrewForumChannel,
            )
            .channel_types(vec![ChannelType::Forum])
            .required(true),
        )
        .add_sub_option(
            option(CommandOptionType::String, WATCH, Msg::CmdPitcrewForumWatch)
                .required(true)
                .add_string_choice(ON, ON)
                .add_string_choice(OFF, OFF),
        )
        .add_sub_option(choices)
}

pub fn parse(given: &[CommandDataOption]) -> Option<Command> {
    let (mut channel, mut watch, mut when) = (None, None, None);
    for opt in given {
        match (opt.name.as_str(), &opt.value) {
            (CHANNEL, Value::Channel(c)) => once(&mut channel, ChannelId::from(*c))?,
            (WATCH, Value::String(s)) if s == ON => once(&mut watch, true)?,
            (WATCH, Value::String(s)) if s == OFF => once(&mut watch, false)?,
            // Only a code of the choice list: a forged one refuses the command.
            (NOTHING_FITS, Value::String(s)) => once(&mut when, WhenNothingFits::parse(s)?)?,
            _ => return None,
        }
    }
    Some(Command::Forum(ForumOptions {
        channel: channel?,
        watch: watch?,
        when_nothing_fits: when,
    }))
}
