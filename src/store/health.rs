//! `pitcrew doctor`'s database check: the file opens, passes SQLite's integrity check, its
//! migrations are this build's, and it takes a write lock (so the bot can write). A PostgreSQL
//! `DATABASE_URL` is checked by `pg/health.rs`.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use super::backup::check_open;
use super::is_postgres;
use crate::domain::{ChannelId, GuildId};

/// `Ok(what is fine)`, or `Err(what is wrong and the fix)`.
pub async fn check_database(database_url: &str) -> Result<String, String> {
    if is_postgres(database_url) {
        return super::pg::health::check_database(database_url).await;
    }
    let options = SqliteConnectOptions::from_str(database_url)
        .map_err(|e| format!("DATABASE_URL={database_url} is not a SQLite URL: {e}"))?;
    if !options.get_filename().exists() {
        return Ok(format!(
            "{} does not exist yet: `pitcrew run` creates it (check DATABASE_URL if you expected one)",
            options.get_filename().display()
        ));
    }
    let file = options.get_filename().to_path_buf();
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
        let free = free_bytes(&file);
        if free.is_some_and(|b| b < LOW_DISK) {
            return Err(format!(
                "only {} MB free beside DATABASE_URL={database_url}: answers and backups will soon fail to be written — free disk space",
                free.unwrap_or(0) / 1_000_000
            ));
        }
        let free = free.map_or(String::new(), |b| format!(", {} MB free", b / 1_000_000));
        Ok(if pending == 0 {
            format!("opens, migrated, writable ({} sessions, {} answers{free})", report.sessions, report.answers)
        } else {
            format!("opens, writable; {pending} migration(s) to apply at the next start ({} sessions{free})", report.sessions)
        })
    }
    .await;
    let _ = conn.close().await;
    result
}

/// Below this much free space on the database's disk, the doctor calls it broken: SQLite
/// fails writes on a full disk, and a daily backup needs about the database's size again.
const LOW_DISK: u64 = 100_000_000;

/// Bytes free (to an unprivileged process) on the disk holding `path`; `None` where that cannot
/// be read.
#[cfg(unix)]
fn free_bytes(path: &std::path::Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `c` is a valid NUL-terminated path, `stat` a buffer statvfs fills on success,
    // and it is read only then.
    let stat = unsafe {
        if libc::statvfs(c.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        stat.assume_init()
    };
    #[allow(clippy::unnecessary_cast)] // the fields' widths differ between platforms
    Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
}

#[cfg(not(unix))]
fn free_bytes(_: &std::path::Path) -> Option<u64> {
    None
}

/// A server and its cards and help channels, as stored.
type SetupRow = (i64, Option<i64>, Option<i64>);

/// The servers with a setup, and the channels each names (volunteers' cards, help threads);
/// empty when the database does not exist yet.
pub async fn configured_servers(
    database_url: &str,
) -> Result<Vec<(GuildId, Vec<ChannelId>)>, String> {
    if is_postgres(database_url) {
        return super::pg::health::configured_servers(database_url).await;
    }
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
