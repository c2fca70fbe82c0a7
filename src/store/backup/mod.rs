//! Backups that are safe while the bot runs, and restoring one.
//!
//! - A backup is SQLite's `VACUUM INTO`: one read transaction on the live database, so it is a
//!   consistent snapshot of every commit before it began, and (WAL) neither waits for the
//!   bot's writers nor makes them wait. A plain copy of the file would not be: the newest
//!   commits live in `-wal` beside it until a checkpoint, and a copy taken during one is torn.
//!   It is written to `FILE.partial`, checked ([`check`]), flushed to the disk (SQLite does not
//!   fsync what `VACUUM INTO` writes) and only then renamed to `FILE`, so a `FILE` that exists
//!   is a whole, checked backup.
//! - [`check_copy`] (`check.rs`): the copy opens, passes `PRAGMA integrity_check`, and every
//!   migration it records is one this build knows.
//! - [`restore()`] (`restore.rs`): replaces the database with a checked copy, refusing while
//!   anything has the database open.
//! - The bot's own daily backups, keeping the last N (`daily.rs`).

mod check;
mod daily;
mod restore;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use super::Lite;
pub(crate) use check::check_open;
pub use check::{check_copy, CopyReport};
pub use daily::{backup_name, run_daily_backups, take_daily_backup, taken_at, DAILY};
pub use restore::restore;

/// What went wrong with a backup or a restore, phrased for the operator: each names the file
/// or setting and what to do.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "{path} already exists: choose a new file name for the backup, or move the old one away"
    )]
    Exists { path: PathBuf },
    #[error("cannot read the database DATABASE_URL={url}: {reason}. Check DATABASE_URL names the bot's database file")]
    Source { url: String, reason: String },
    #[error(
        "cannot write {path}: {reason}. Check the folder exists, is writable and has free space"
    )]
    Write { path: PathBuf, reason: String },
    #[error("{path} is not a usable pitcrew backup: {problem}")]
    BadCopy { path: PathBuf, problem: String },
    #[error("the database DATABASE_URL={url} is in use (is the bot or `pitcrew chat` running?): stop everything that uses it, then restore again")]
    InUse { url: String },
    #[error("cannot restore into DATABASE_URL={url}: {reason}. If that file is damaged, move it (and any -wal and -shm beside it) away, then restore again")]
    Target { url: String, reason: String },
    #[error("backups and restores here are for SQLite; a PostgreSQL database is backed up with the server's own tools (pg_dump, or the host's snapshots): unset BACKUP_DIR")]
    Postgres,
}

/// The text of an SQLite error without sqlx's prefixes.
fn reason(e: &sqlx::Error) -> String {
    match e.as_database_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}

impl Lite {
    /// Writes a consistent copy of this database to `dest` (which must not exist yet) while the
    /// store keeps working; see the module docs. Used by the bot's daily backups.
    pub async fn backup_to(&self, dest: &Path) -> Result<CopyReport, BackupError> {
        let write = |e: &sqlx::Error| BackupError::Write {
            path: dest.to_path_buf(),
            reason: reason(e),
        };
        // A read connection: `VACUUM INTO` only reads the live database.
        let mut conn = self.reader().await.map_err(|e| write(&e))?;
        into_file(&mut conn, dest).await
    }
}

/// `pitcrew backup FILE`: a consistent copy of the database at `database_url` (the bot may be
/// running on it) to `dest`, which must not exist yet. The database is neither created nor
/// migrated: a mistyped DATABASE_URL fails instead of backing up an empty new file.
pub async fn backup(database_url: &str, dest: &Path) -> Result<CopyReport, BackupError> {
    let source = |e: &sqlx::Error| BackupError::Source {
        url: database_url.to_string(),
        reason: reason(e),
    };
    let mut conn = SqliteConnectOptions::from_str(database_url)
        .map_err(|e| source(&e))?
        .create_if_missing(false)
        // The bot's writers hold the lock for milliseconds; `VACUUM INTO` waits that long at most.
        .busy_timeout(std::time::Duration::from_secs(5))
        .connect()
        .await
        .map_err(|e| source(&e))?;
    let result = into_file(&mut conn, dest).await;
    let _ = conn.close().await;
    result
}

/// `VACUUM INTO` a partial file beside `dest`, check it, flush it, rename it to `dest`.
async fn into_file(conn: &mut SqliteConnection, dest: &Path) -> Result<CopyReport, BackupError> {
    if dest.exists() {
        return Err(BackupError::Exists {
            path: dest.to_path_buf(),
        });
    }
    let write = |reason: String| BackupError::Write {
        path: dest.to_path_buf(),
        reason,
    };
    let partial = partial_path(dest);
    // Left by a backup that was cut off: ours by its name, and never a whole backup.
    match std::fs::remove_file(&partial) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(write(e.to_string())),
    }
    let target = partial
        .to_str()
        .ok_or_else(|| write("the path is not valid UTF-8".into()))?;
    if let Err(e) = sqlx::query("VACUUM INTO ?")
        .bind(target)
        .execute(&mut *conn)
        .await
    {
        let _ = std::fs::remove_file(&partial);
        return Err(write(reason(&e)));
    }
    let report = match check_copy(&partial).await {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    let finish = || -> std::io::Result<()> {
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, dest)?;
        // The rename itself survives a power cut only once the folder is flushed too.
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    };
    if let Err(e) = finish() {
        let _ = std::fs::remove_file(&partial);
        return Err(write(e.to_string()));
    }
    Ok(report)
}

/// `FILE.partial` beside `FILE`.
fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_os_string();
    name.push(".partial");
    PathBuf::from(name)
}
