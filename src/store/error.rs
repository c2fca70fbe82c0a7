//! What can go wrong in the store, phrased for the person who has to fix it: an operator at
//! start-up (`Open`, `Migrate`), or a developer reading logs (`Corrupt`, `Database`).

use std::time::Duration;

use sqlx::migrate::MigrateError;

use crate::domain::HandoffId;
use crate::domain::SessionId;
use sqlx::migrate::Migrator;

/// The setting that holds the database location; named in every start-up error so the operator
/// knows which knob to turn.
const SETTING: &str = "DATABASE_URL";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be created or opened: missing or read-only folder, a path
    /// that is a folder, a file that is not a SQLite database, a malformed URL.
    #[error("cannot open the session database {SETTING}={url}: {reason}. {hint}")]
    Open {
        url: String,
        reason: String,
        hint: &'static str,
    },

    /// A migration could not be applied, or the database's migration history does not match
    /// this build. `migration` names it, e.g. `0001_sessions`.
    #[error("cannot prepare the session database {SETTING}={url}: migration {migration}: {reason}. {hint}")]
    Migrate {
        url: String,
        migration: String,
        reason: String,
        hint: &'static str,
    },

    /// A stored row does not decode into the domain (unknown status, broken JSON path, an id out
    /// of range): written by hand, by a newer version, or damaged. Never a panic.
    #[error("session {session} in the database cannot be read: {what} (the row was changed outside pitcrew, or by a newer version)")]
    Corrupt { session: SessionId, what: String },

    /// An id does not fit SQLite's signed 64-bit integer. Discord snowflakes use 63 bits, so
    /// this means a forged or garbled id, not a real one.
    #[error("{what} {value} is out of range: ids above {max} cannot be stored (Discord ids never are)", max = i64::MAX)]
    IdOutOfRange { what: &'static str, value: u64 },

    /// `advance` on a session id that has no row.
    #[error("session {0} does not exist")]
    NotFound(SessionId),

    /// `advance` was handed a next state whose step does not move past the expected one. The
    /// step guard only works if steps strictly increase, so this is a caller bug, refused
    /// before it can let an old button apply twice.
    #[error("session {session}: the next state's step {next} must be greater than the expected step {expected}")]
    StepNotAdvanced {
        session: SessionId,
        expected: u32,
        next: u32,
    },

    /// A stored handoff or server-setup row does not decode into the domain; `record` names it
    /// ("handoff 7", "setup of server 175…"). Like `Corrupt`, never a panic.
    #[error("{record} in the database cannot be read: {what} (the row was changed outside pitcrew, or by a newer version)")]
    CorruptRecord { record: String, what: String },

    /// A handoff id that has no row (a forged or garbled button id, or a deleted session).
    #[error("handoff {0} does not exist")]
    HandoffNotFound(HandoffId),

    /// Free text from a person (a member's note, a resolution note) over the stored bound.
    /// Refused rather than cut, so nobody's words are silently lost; the UI caps lower.
    #[error("{what} is {chars} characters long; at most {max} can be kept: shorten it")]
    TooLong {
        what: &'static str,
        chars: usize,
        max: usize,
    },

    /// A duration setting outside what the store keeps (whole seconds, within bounds).
    #[error("{what} of {value:?} is out of range: it must be between {min:?} and {max:?}")]
    DurationOutOfRange {
        what: &'static str,
        value: Duration,
        min: Duration,
        max: Duration,
    },

    /// Any other database failure (for example a lock not obtained within the busy timeout).
    #[error("session database error: {0}")]
    Database(#[from] sqlx::Error),
}

// SQLite primary result codes (https://www.sqlite.org/rescode.html). Extended codes carry the
// primary code in their low byte.
const SQLITE_PERM: i32 = 3;
const SQLITE_READONLY: i32 = 8;
const SQLITE_IOERR: i32 = 10;
const SQLITE_CORRUPT: i32 = 11;
const SQLITE_FULL: i32 = 13;
const SQLITE_CANTOPEN: i32 = 14;
const SQLITE_NOTADB: i32 = 26;

const HINT_FOLDER: &str = "Check the folder exists and is writable by the bot (and that the path names a file, not a folder), or set DATABASE_URL to another path such as sqlite://pitcrew.db";
const HINT_NOT_DB: &str = "The file exists but is not a SQLite database (damaged, or some other kind of file): move it aside, restore a backup, or set DATABASE_URL to another path";
const HINT_READONLY: &str = "The file or its folder is read-only: make both writable by the bot, or set DATABASE_URL to a writable path";
const HINT_FULL: &str =
    "The disk is full: free some space, or set DATABASE_URL to a path on another disk";
const HINT_URL: &str =
    "Set DATABASE_URL to a file path such as sqlite://path/to/pitcrew.db (or a plain path)";

/// The primary SQLite result code behind an error, if it came from SQLite.
fn primary_code(err: &sqlx::Error) -> Option<i32> {
    let code = err.as_database_error()?.code()?;
    code.parse::<i32>().ok().map(|c| c & 0xff)
}

/// A hint for errors that mean "this file cannot be used as our database", whichever phase
/// (connect, pragmas, migrations) they surfaced in. `None` for everything else.
fn open_hint(err: &sqlx::Error) -> Option<&'static str> {
    match err {
        sqlx::Error::Configuration(_) => return Some(HINT_URL),
        sqlx::Error::Io(_) => return Some(HINT_FOLDER),
        _ => {}
    }
    match primary_code(err)? {
        SQLITE_CANTOPEN | SQLITE_PERM | SQLITE_IOERR => Some(HINT_FOLDER),
        SQLITE_NOTADB | SQLITE_CORRUPT => Some(HINT_NOT_DB),
        SQLITE_READONLY => Some(HINT_READONLY),
        SQLITE_FULL => Some(HINT_FULL),
        _ => None,
    }
}

/// The text of an error without sqlx's generic prefixes, so the operator sees SQLite's own
/// words ("unable to open database file", "file is not a database").
fn reason(err: &sqlx::Error) -> String {
    match err.as_database_error() {
        Some(db) => db.message().to_string(),
        None => err.to_string(),
    }
}

pub(crate) fn open_error(url: &str, err: &sqlx::Error) -> StoreError {
    StoreError::Open {
        url: url.to_string(),
        reason: reason(err),
        hint: open_hint(err).unwrap_or(HINT_FOLDER),
    }
}

pub(crate) fn empty_url_error(url: &str) -> StoreError {
    StoreError::Open {
        url: url.to_string(),
        reason: "the setting is empty".to_string(),
        hint: HINT_URL,
    }
}

/// `0001_sessions` for version 1 of `migrator` (each backend has its own): the file name an
/// operator or developer can look up.
fn migration_name(migrator: &Migrator, version: i64) -> String {
    migrator
        .iter()
        .find(|m| m.version == version)
        .map(|m| format!("{:04}_{}", m.version, m.description.replace(' ', "_")))
        .unwrap_or_else(|| format!("{version:04} (unknown to this build)"))
}

/// A failure of `migrator` (the backend's migrations) on the database at `url`.
pub(crate) fn migrate_error(url: &str, migrator: &Migrator, err: MigrateError) -> StoreError {
    let migrate = |migration: String, reason: String, hint: &'static str| StoreError::Migrate {
        url: url.to_string(),
        migration,
        reason,
        hint,
    };
    match err {
        // A damaged or foreign file can get past connecting and only fail once the migrator
        // reads it; that is still "this file cannot be our database", so say it the same way.
        MigrateError::Execute(e) | MigrateError::ExecuteMigration(e, _)
            if open_hint(&e).is_some() =>
        {
            open_error(url, &e)
        }
        MigrateError::ExecuteMigration(e, version) => migrate(
            migration_name(migrator, version),
            reason(&e),
            "The database does not have the shape this migration expects (tables made by hand or by another program?): restore a backup, or set DATABASE_URL to a new file",
        ),
        MigrateError::Execute(e) => migrate(
            "bookkeeping (_sqlx_migrations)".to_string(),
            reason(&e),
            "Restore a backup, or set DATABASE_URL to a new file",
        ),
        MigrateError::VersionMissing(version) => migrate(
            migration_name(migrator, version),
            "it is applied to this database but this build of pitcrew does not have it".to_string(),
            "The file was written by a newer pitcrew: run that version, or set DATABASE_URL to another file",
        ),
        MigrateError::VersionMismatch(version) => migrate(
            migration_name(migrator, version),
            "it was changed after it was applied to this database".to_string(),
            "Migrations are forward-only: restore the original file under migrations/ (migrations/postgres/ for PostgreSQL) and put the change in a new numbered migration",
        ),
        MigrateError::Dirty(version) => migrate(
            migration_name(migrator, version),
            "it was left partly applied".to_string(),
            "Restore a backup, or set DATABASE_URL to a new file",
        ),
        other => migrate(
            "(unknown)".to_string(),
            other.to_string(),
            "Restore a backup, or set DATABASE_URL to a new file",
        ),
    }
}
