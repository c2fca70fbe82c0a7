//! `pitcrew doctor`'s database check: the file opens, passes SQLite's integrity check, its
//! migrations are this build's, and it takes a write lock (so the bot can write).

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use super::backup::check_open;
use crate::domain::{ChannelId, GuildId};

/// `Ok(what is fine)`, or `Err(what is wrong and the fix)`.
pub async fn check_database(database_url: &str) -> Result<String, String> {
    let options = SqliteConnectOptions::from_str(database_url)
        .map_err(|e| format!("DATABASE_URL={database_url} is not a SQLite URL: {e}"))?;
    if !options.get_filename().exists() {
        return Ok(format!(
            "{} does not exist yet: `pitcrew run` creates it (check DATABASE_URL if you expected one)",
            options.get_filename().display()
        ));
    }
    let mut conn = options
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(5))
        .connect()
        .await
        .map_err(|e| format!("DATABASE_URL={database_url} cannot be opened: {e} — check the file and its folder are readable and writable by the bot"))?;
    let result = async {
        let report = check_open(&mut conn)
            .await
            .map_err(|p| format!("DATABASE_URL={database_url}: {p} — restore a backup (`pitcrew restore FILE`)"))?;
        // The write lock the bot's every answer needs, taken and given back at once.
        let writable = async {
            sqlx::query("BEGIN IMMEDIATE").execute(&mut conn).await?;
            sqlx::query("ROLLBACK").execute(&mut conn).await
        }
        .await;
        writable.map_err(|e| format!("DATABASE_URL={database_url} cannot be written: {e} — make the file and its folder writable by the bot, and free disk space"))?;
        let pending = report.known_migrations.saturating_sub(report.migrations);
        Ok(if pending == 0 {
            format!("opens, migrated, writable ({} sessions, {} answers)", report.sessions, report.answers)
        } else {
            format!("opens, writable; {pending} migration(s) to apply at the next start ({} sessions)", report.sessions)
        })
    }
    .await;
    let _ = conn.close().await;
    result
}

/// A server and its cards and help channels, as stored.
type SetupRow = (i64, Option<i64>, Option<i64>);

/// The servers with a setup, and the channels each names (volunteers' cards, help threads);
/// empty when the database does not exist yet.
pub async fn configured_servers(
    database_url: &str,
) -> Result<Vec<(GuildId, Vec<ChannelId>)>, String> {
    let options = SqliteConnectOptions::from_str(database_url).map_err(|e| e.to_string())?;
    if !options.get_filename().exists() {
        return Ok(Vec::new());
    }
    let mut conn = options
        .read_only(true)
        .busy_timeout(Duration::from_secs(5))
        .connect()
        .await
        .map_err(|e| e.to_string())?;
    let rows: Result<Vec<SetupRow>, _> = sqlx::query_as(
        "SELECT guild_id, cards_channel_id, help_channel_id FROM guild_settings ORDER BY guild_id",
    )
    .fetch_all(&mut conn)
    .await;
    let _ = conn.close().await;
    // The CHECKs keep every id non-negative, so the conversions only skip what they must.
    let id = |v: i64| u64::try_from(v).ok();
    Ok(rows
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|(g, cards, help)| {
            let channels = [cards, help]
                .into_iter()
                .flatten()
                .filter_map(id)
                .map(ChannelId)
                .collect();
            Some((GuildId(id(g)?), channels))
        })
        .collect())
}
