//! `pitcrew restore FILE`: the database becomes a checked copy, never under a running bot.
//!
//! Whether anything has the database open is asked of SQLite itself, not of a lock file: the
//! bot keeps its database in WAL mode, and SQLite lets a connection leave WAL mode only when
//! no other connection (in any process: the bot, `pitcrew chat`, an `sqlite3` shell) has the
//! file open. A lock file would only know about pitcrew processes and could outlive a crashed
//! one; SQLite's locks are the operating system's, released when a process dies. The same
//! connection then keeps an exclusive lock (`locking_mode = EXCLUSIVE`) until the copy is in,
//! so a bot started meanwhile waits, fails to open the database and is restarted by its
//! service manager, rather than reading half a restore.
//!
//! The copy goes in through SQL, in one transaction with a rollback journal: the old tables
//! dropped, the copy's schema and rows written, committed at once. A restore cut off by a
//! crash or a power cut leaves the old database as it was.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use super::{check_copy, reason, BackupError, CopyReport};

// SQLite's primary result codes for "someone else holds the lock".
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;

/// Replaces the database at `database_url` (created if missing) with the copy at `copy`,
/// after checking the copy ([`check_copy`]); refuses while the database is in use.
pub async fn restore(copy: &Path, database_url: &str) -> Result<CopyReport, BackupError> {
    let report = check_copy(copy).await?;
    let copy_path = copy.to_str().ok_or_else(|| BackupError::BadCopy {
        path: copy.to_path_buf(),
        problem: "the path is not valid UTF-8".into(),
    })?;
    let failed = |e: &sqlx::Error| {
        let code = e
            .as_database_error()
            .and_then(|d| d.code())
            .and_then(|c| c.parse::<i32>().ok())
            .map(|c| c & 0xff);
        if matches!(code, Some(SQLITE_BUSY | SQLITE_LOCKED)) {
            BackupError::InUse {
                url: database_url.to_string(),
            }
        } else {
            BackupError::Target {
                url: database_url.to_string(),
                reason: reason(e),
            }
        }
    };
    let mut conn = SqliteConnectOptions::from_str(database_url)
        .map_err(|e| failed(&e))?
        .create_if_missing(true)
        // Waiting would only hide that something else has the file open.
        .busy_timeout(Duration::ZERO)
        .locking_mode(SqliteLockingMode::Exclusive)
        // The tables are dropped and written in whatever order; the copy's rows already agree.
        .foreign_keys(false)
        .connect()
        .await
        .map_err(|e| failed(&e))?;
    let result = async {
        // Fails with SQLITE_BUSY while any other connection has the file open (see above).
        sqlx::query("PRAGMA journal_mode = DELETE")
            .execute(&mut conn)
            .await?;
        replace(&mut conn, copy_path).await?;
        // Back to the mode the bot opens it in.
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&mut conn)
            .await
            .map(drop)
    }
    .await
    .map_err(|e| failed(&e));
    let _ = conn.close().await;
    result.map(|()| report)
}

/// Drops everything in `main` and writes the copy's schema and rows in one transaction.
async fn replace(conn: &mut SqliteConnection, copy: &str) -> Result<(), sqlx::Error> {
    // ATTACH is refused inside a transaction.
    sqlx::query("ATTACH DATABASE ? AS backup")
        .bind(copy)
        .execute(&mut *conn)
        .await?;
    let mut tx = conn.begin_with("BEGIN EXCLUSIVE").await?;
    // Dropping a table drops its indexes and triggers with it; views go on their own.
    let old: Vec<(String, String)> = sqlx::query_as(
        "SELECT type, name FROM main.sqlite_schema \
         WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table'",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (kind, name) in &old {
        let sql = format!("DROP {} main.{}", kind.to_uppercase(), quoted(name));
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    // Tables first, their rows next, then what reads them (indexes, views, triggers): a
    // trigger made before the rows would fire on them.
    let new: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT type, name, sql FROM backup.sqlite_schema \
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
         ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (kind, name, sql) in &new {
        sqlx::query(sql).execute(&mut *tx).await?;
        if kind == "table" {
            let name = quoted(name);
            let copy = format!("INSERT INTO main.{name} SELECT * FROM backup.{name}");
            sqlx::query(&copy).execute(&mut *tx).await?;
        }
    }
    // AUTOINCREMENT counters, so ids handed out before the backup are never handed out again.
    let has_sequence = |schema: &'static str| {
        format!("SELECT COUNT(*) FROM {schema}.sqlite_schema WHERE name = 'sqlite_sequence'")
    };
    let in_main: i64 = sqlx::query_scalar(&has_sequence("main"))
        .fetch_one(&mut *tx)
        .await?;
    let in_copy: i64 = sqlx::query_scalar(&has_sequence("backup"))
        .fetch_one(&mut *tx)
        .await?;
    if in_main > 0 {
        sqlx::query("DELETE FROM main.sqlite_sequence")
            .execute(&mut *tx)
            .await?;
        if in_copy > 0 {
            sqlx::query("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence")
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    sqlx::query("DETACH DATABASE backup")
        .execute(&mut *conn)
        .await
        .map(drop)
}

/// `"name"`, with any `"` inside doubled.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
