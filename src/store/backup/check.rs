//! Is a file a usable pitcrew backup? It opens (read-only), passes SQLite's own
//! `PRAGMA integrity_check`, and every migration it records was applied whole and is one this
//! build has, unchanged. A copy missing the newest migrations is fine: the bot applies them at
//! its next start, as after an upgrade.

use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use super::{reason, BackupError};
use crate::store::MIGRATOR;

/// What a checked copy holds, for the operator's one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// Migrations recorded in the copy, and how many this build has.
    pub migrations: usize,
    pub known_migrations: usize,
    pub sessions: i64,
    pub answers: i64,
}

impl std::fmt::Display for CopyReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "integrity ok, {} of {} migrations, {} sessions, {} answers",
            self.migrations, self.known_migrations, self.sessions, self.answers
        )
    }
}

/// Checks the copy at `path` without changing it; see the module docs.
pub async fn check_copy(path: &Path) -> Result<CopyReport, BackupError> {
    let bad = |problem: String| BackupError::BadCopy {
        path: path.to_path_buf(),
        problem,
    };
    if !path.is_file() {
        return Err(bad("there is no such file".into()));
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| bad(reason(&e)))?;
    let result = check_open(&mut conn).await.map_err(bad);
    let _ = conn.close().await;
    result
}

/// The checks of [`check_copy`] on an open connection (also `pitcrew doctor`'s, on the live
/// database).
pub(crate) async fn check_open(conn: &mut SqliteConnection) -> Result<CopyReport, String> {
    // "ok", or up to 100 lines naming what is damaged.
    let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| reason(&e))?;
    if problems != ["ok"] {
        return Err(format!(
            "SQLite's integrity check failed: {}",
            problems.join("; ")
        ));
    }
    let applied: Vec<(i64, Vec<u8>, bool)> =
        sqlx::query_as("SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(|_| "it has no migration history: not a pitcrew database".to_string())?;
    for (version, checksum, success) in &applied {
        let Some(known) = MIGRATOR.iter().find(|m| m.version == *version) else {
            return Err(format!(
                "migration {version} was applied by a newer pitcrew than this one: restore it with that version"
            ));
        };
        if !success {
            return Err(format!("migration {version} was left partly applied"));
        }
        if known.checksum.as_ref() != checksum.as_slice() {
            return Err(format!(
                "migration {version} differs from this build's: it was written by another build of pitcrew"
            ));
        }
    }
    // Both tables exist from the first migration on, which every pitcrew database has.
    let sessions = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions")
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| reason(&e))?;
    let answers = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM answers")
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| reason(&e))?;
    Ok(CopyReport {
        migrations: applied.len(),
        known_migrations: MIGRATOR.iter().count(),
        sessions,
        answers,
    })
}
