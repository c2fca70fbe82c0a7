//! `/pitcrew stats [guide] [since_days]` and `/pitcrew graph guide [since_days]`: the figures
//! and the picture of a guide for moderators. Subcommands of `/pitcrew` (Manage Server), defined
//! here once with their option names; the guide option autocompletes like `/triage`'s.

use super::*;

pub const STATS: &str = "stats";
pub const GRAPH: &str = "graph";
const GUIDE: &str = "guide";
const SINCE: &str = "since_days";
/// Ten years: further back than any club keeps its sessions (see `RETENTION_DAYS`).
const SINCE_MAX_DAYS: u32 = 3650;
/// The window when none is given, as `pitcrew stats` defaults to.
pub const SINCE_DEFAULT_DAYS: u32 = 30;

/// What `/pitcrew stats` or `/pitcrew graph` was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightOptions {
    /// A guide id; `None` for all guides (`stats` only: `graph` requires one).
    pub guide: Option<String>,
    /// How many days back; `None`: [`SINCE_DEFAULT_DAYS`].
    pub since_days: Option<u32>,
}

impl InsightOptions {
    pub fn window(&self) -> Duration {
        let days = self.since_days.unwrap_or(SINCE_DEFAULT_DAYS);
        Duration::from_secs(u64::from(days) * 86_400)
    }
}

fn guide(msg: Msg) -> CreateCommandOption {
    option(CommandOptionType::String, GUIDE, msg).set_autocomplete(true)
}

fn since() -> CreateCommandOption {
    option(CommandOptionType::Integer, SINCE, Msg::CmdPitcrewSince)
        .min_int_value(1)
        .max_int_value(u64::from(SINCE_MAX_DAYS))
}

pub fn stats() -> CreateCommandOption {
    option(CommandOptionType::SubCommand, STATS, Msg::CmdPitcrewStats)
        .add_sub_option(guide(Msg::CmdPitcrewStatsGuide))
        .add_sub_option(since())
}

pub fn graph() -> CreateCommandOption {
    option(CommandOptionType::SubCommand, GRAPH, Msg::CmdPitcrewGraph)
        .add_sub_option(guide(Msg::CmdPitcrewGraphGuide).required(true))
        .add_sub_option(since())
}

/// `name` is [`STATS`] or [`GRAPH`]; `None` for anything else or a graph without its guide.
pub fn parse(name: &str, given: &[CommandDataOption]) -> Option<Command> {
    let mut o = InsightOptions {
        guide: None,
        since_days: None,
    };
    for opt in given {
        match (opt.name.as_str(), &opt.value) {
            (GUIDE, Value::String(g)) => once(&mut o.guide, g.trim().to_string())?,
            // Discord holds the bounds; a forged value is brought inside them.
            (SINCE, Value::Integer(d)) => {
                let days = u32::try_from(*d).unwrap_or(1).clamp(1, SINCE_MAX_DAYS);
                once(&mut o.since_days, days)?
            }
            _ => return None,
        }
    }
    match name {
        STATS => Some(Command::Stats(o)),
        GRAPH if o.guide.is_some() => Some(Command::Graph(o)),
        _ => None,
    }
}
