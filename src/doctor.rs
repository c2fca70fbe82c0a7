//! `pitcrew doctor`: everything between a fresh machine and a working bot, checked in order,
//! one line each, with the fix for what fails: settings, content, the database, then Discord
//! (the token and its application, the gateway, the commands registered).

use crate::config::Config;
use crate::discord;
use crate::guide;
use crate::store;

/// One line of the report.
pub struct Line {
    pub what: String,
    /// `Ok(what is fine)`, or `Err(what is wrong and its fix)`.
    pub outcome: Result<String, String>,
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.outcome {
            Ok(fine) => write!(f, "ok    {}: {fine}", self.what),
            Err(wrong) => write!(f, "FAIL  {}: {wrong}", self.what),
        }
    }
}

/// Runs every check (the Discord ones only with a token), in order.
pub async fn checks(config: &Config) -> Vec<Line> {
    let mut lines = Vec::new();
    let discord = config.discord();
    lines.push(Line {
        what: "settings".into(),
        outcome: match &discord {
            Ok(_) => Ok("read; DISCORD_TOKEN is set".into()),
            Err(e) => Err(e.to_string()),
        },
    });
    let report = guide::check_dir(&config.content_dir);
    let summary = report.to_string();
    let summary = summary.lines().last().unwrap_or_default().to_string();
    lines.push(Line {
        what: "content".into(),
        outcome: if report.is_ok() {
            Ok(format!("{}: {summary}", config.content_dir.display()))
        } else {
            Err(format!(
                "{}: {summary} — run `pitcrew check` for each FILE:LINE:COL and fix it",
                config.content_dir.display()
            ))
        },
    });
    lines.push(Line {
        what: "database".into(),
        outcome: store::check_database(&config.database_url).await,
    });
    if let Ok(discord) = discord {
        // A database that cannot be read was named above; its servers are then unknown.
        let servers = store::configured_servers(&config.database_url)
            .await
            .unwrap_or_default();
        for (what, outcome) in discord::doctor::checks(discord, &servers).await {
            lines.push(Line { what, outcome });
        }
    }
    lines
}
