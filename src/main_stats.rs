//! `pitcrew stats`: the figures of the last `--since` in a terminal table, CSV or JSON, from
//! the same [`Desk::figures`] the Discord command calls.

use std::process::ExitCode;
use std::time::Duration;

use clap::ValueEnum;
use pitcrew::config::Config;
use pitcrew::desk::DeskError;

/// How `pitcrew stats` prints the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Readable in a terminal.
    Table,
    /// The full table, one row per guide, node and edge (columns: see the README).
    Csv,
    /// Every figure, as JSON.
    Json,
}

/// `--since`: a whole number and a unit, `m` minutes, `h` hours, `d` days or `w` weeks
/// (`30d`, `24h`, `7d`).
pub(crate) fn parse_since(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let unit = text.chars().last().ok_or("say how far back, e.g. 30d")?;
    let number: u64 = text[..text.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| format!("`{text}` is not a number and a unit, e.g. 30d, 24h, 7d"))?;
    let secs = match unit {
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        'w' => 604_800,
        _ => return Err(format!("`{text}`: the unit is m, h, d or w (e.g. 30d)")),
    };
    if number == 0 {
        return Err("the window must be longer than 0".into());
    }
    Ok(Duration::from_secs(number.saturating_mul(secs)))
}

pub(crate) async fn stats(
    config: Config,
    guide: Option<String>,
    since: Duration,
    format: Format,
) -> ExitCode {
    let desk = match super::open_desk(&config).await {
        Ok(d) => d,
        Err(code) => return code,
    };
    let figures = desk.figures(guide.as_deref(), since).await;
    desk.store().close().await;
    let figures = match figures {
        Ok(f) => f,
        Err(e @ DeskError::UnknownGuide(_)) => {
            eprintln!("error: {e} (neither in the content folder nor in the database; `pitcrew check` lists the guides)");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match format {
        Format::Table => print!("{}", figures.table()),
        Format::Csv => print!("{}", figures.to_csv()),
        Format::Json => match serde_json::to_string_pretty(&figures) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: the figures could not be written as JSON: {e}");
                return ExitCode::FAILURE;
            }
        },
    }
    ExitCode::SUCCESS
}
