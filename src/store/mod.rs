//! Persistence (sqlx): the only module that speaks SQL.
//!
//! - [`Store`]: the one store API the app uses, over one of two backends chosen by
//!   `DATABASE_URL` in [`Store::open`]: SQLite (`lite.rs`, the embedded default, one process)
//!   or PostgreSQL (`pg/`, shared by several processes). Every public method is defined once, in
//!   `api.rs`, and runs on either; each backend applies its own embedded migrations
//!   (`migrations/*.sql` for SQLite, `migrations/postgres/*.sql`), forward-only.
//! - Sessions and their append-only answer log: `sessions.rs`.
//! - Volunteer handoffs: `handoffs.rs` (writes), `handoff_reads.rs`, their re-notify timer
//!   `notices.rs`; leases for once-only periodic work across processes: `leases.rs`; the
//!   member's car: `cars.rs`; the forum helper's watched forums and taken posts: `forum.rs`;
//!   per-server setup and the volunteers on duty: `guilds.rs`; their row conversions:
//!   `handoff_rows.rs`. Each has its PostgreSQL twin under `pg/`.
//! - Forgetting a member on request and the retention period: `forget.rs`.
//! - Row ↔ domain conversions, including the `u64` ↔ `i64` id mapping: `rows.rs`.
//! - Errors phrased for whoever has to act on them: `error.rs`.
//! - SQLite only: backups safe while the bot runs (`VACUUM INTO`), checking a copy, restoring
//!   one, and the bot's daily backups: `backup/`; every write transaction starts with
//!   `Lite::begin_write` (not `pool.begin`), so writers queue fairly and share commits
//!   (`writer/`); hot reads use `Lite::reader` (`reader.rs`). Both are measured by
//!   `examples/bench_store.rs` and `bench_load.rs`.
//! - Presses read their session from the last write of it this process made when they can
//!   (`cache.rs`); every session write records what it committed there. Sound with several
//!   processes too: a guild's presses all reach the one process whose shard owns the guild.
//!
//! Times are passed in (`now`, a [`crate::domain::Timestamp`]) rather than read here, so tests
//! control the clock; callers read theirs from a [`crate::domain::Clock`].
//!
//! Discord ids are `u64` newtypes in the app (`crate::domain::ids`) and `i64` in the database.
//! Snowflakes use 63 bits, so the mapping is `i64::try_from`: lossless for every real id, and an
//! id ≥ 2^63 (forged or garbled) is refused with [`StoreError::IdOutOfRange`] rather than
//! silently wrapped to a negative number.

mod api;
mod backup;
mod cache;
mod cars;
mod checkpoint;
mod durability;
mod error;
mod fixed;
mod forget;
mod forum;
mod guilds;
mod handoff_reads;
mod handoff_rows;
mod handoffs;
mod health;
mod leases;
mod lite;
mod notices;
mod pg;
mod reader;
mod rows;
mod sessions;
mod stats;
mod unguided;
mod write_conn;
mod writer;

use std::time::Duration;

use sqlx::migrate::Migrator;

use crate::domain::SessionRecord;

pub use backup::{
    backup, backup_name, check_copy, restore, run_daily_backups, take_daily_backup, taken_at,
    BackupError, CopyReport, DAILY,
};
pub use error::StoreError;
pub use fixed::FixedAnswer;
pub use forget::{Forgotten, FORGOTTEN_USER};
pub use handoff_rows::{NOTE_MAX_CHARS, RENOTIFY_LIMIT, RENOTIFY_MIN};
pub use health::{check_database, configured_servers};
pub(crate) use lite::Lite;
pub use pg::copy::{migrate_data, Copied, MigrateDataError};
use pg::Pg;

/// The SQLite migrations under `migrations/`, embedded at compile time.
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The PostgreSQL migrations under `migrations/postgres/` (the same schema in PostgreSQL's
/// words, starting from the schema SQLite reached by its 0013), embedded at compile time.
pub(crate) static PG_MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// The outcome of [`Store::advance`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advance {
    /// The step matched: the new state and the answer are committed. Holds the new row.
    Applied(SessionRecord),
    /// Someone else moved the session first (a double click, an old button), or it is no longer
    /// active. Nothing was written. Holds the current row so the caller can redraw it.
    Stale(SessionRecord),
}

/// Tuning for [`Store::open_with`]. The defaults suit the bot.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// SQLite runs one writer at a time whatever the pool size; extra connections let reads
    /// (WAL) proceed while a write is under way. A few are plenty on a small machine.
    pub max_connections: u32,
    /// How long a writer waits for another writer's lock before giving up with an error.
    /// Transactions here are a handful of statements, so waits are milliseconds; 5 s covers
    /// a slow disk without letting a member stare at a spinner for long.
    pub busy_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            max_connections: 4,
            busy_timeout: Duration::from_secs(5),
        }
    }
}

/// The store: sessions, handoffs, setup and timers, on SQLite or PostgreSQL (see the module
/// docs). Cheap to clone; clones share connections.
#[derive(Debug, Clone)]
pub struct Store(Backend);

#[derive(Debug, Clone)]
enum Backend {
    Sqlite(Lite),
    Postgres(Pg),
}

/// Whether `database_url` names a PostgreSQL database (`postgres://` or `postgresql://`);
/// anything else is SQLite's.
pub fn is_postgres(database_url: &str) -> bool {
    let url = database_url.trim_start();
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl Store {
    /// Opens the database at `database_url` and applies its backend's migrations.
    ///
    /// `postgres://user@host:port/db` (or `postgresql://`) opens PostgreSQL; the database must
    /// exist. Anything else is SQLite: `sqlite://path/to/file.db`, `sqlite:file.db` or a plain
    /// path, created with WAL journal, foreign keys on and a 5 s busy timeout. The folder must
    /// already exist: creating folders is left to the operator, so a typo in the path fails
    /// loudly instead of scattering databases around.
    pub async fn open(database_url: &str) -> Result<Store, StoreError> {
        Store::open_with(database_url, StoreOptions::default()).await
    }

    /// [`Store::open`] with explicit tuning.
    pub async fn open_with(database_url: &str, options: StoreOptions) -> Result<Store, StoreError> {
        Ok(Store(if is_postgres(database_url) {
            Backend::Postgres(Pg::open(database_url, &options).await?)
        } else {
            Backend::Sqlite(Lite::open_with(database_url, options).await?)
        }))
    }

    /// `"sqlite"` or `"postgres"`: for logs and `pitcrew doctor`.
    pub fn backend(&self) -> &'static str {
        match self.0 {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Waits for in-flight queries and closes every connection.
    pub async fn close(&self) {
        match &self.0 {
            Backend::Sqlite(s) => s.close().await,
            Backend::Postgres(p) => p.close().await,
        }
    }
}
