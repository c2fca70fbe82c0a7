//! SQLite persistence (sqlx). The only module that speaks SQL.
//!
//! - [`Store`]: a pool over one SQLite file, opened with [`Store::open`], which also applies the
//!   embedded migrations (`migrations/*.sql`, forward-only).
//! - Sessions and their append-only answer log: `sessions.rs`.
//! - Volunteer handoffs: `handoffs.rs` (writes), `handoff_reads.rs`, their re-notify timer
//!   `notices.rs`; leases for once-only periodic work across processes: `leases.rs`; the member's car: `cars.rs`; the forum helper's watched forums and taken posts: `forum.rs`; per-server setup and the volunteers on duty: `guilds.rs`; their row
//!   conversions: `handoff_rows.rs`.
//! - Forgetting a member on request and the retention period: `forget.rs`.
//! - Row ↔ domain conversions, including the `u64` ↔ `i64` id mapping: `rows.rs`.
//! - Errors phrased for whoever has to act on them: `error.rs`.
//! - Backups safe while the bot runs (`VACUUM INTO`), checking a copy, restoring one, and the
//!   bot's daily backups: `backup/`.
//! - Writes: every write transaction starts with `Store::begin_write` (not `pool.begin`), so
//!   writers queue fairly and share commits (`writer/`); hot reads use `Store::reader`
//!   (`reader.rs`). Both are measured by `examples/bench_store.rs` and `bench_load.rs`.
//! - Presses read their session from the last write of it this process made when they can
//!   (`cache.rs`); every session write records what it committed there.
//!
//! Times are passed in (`now`, a [`crate::domain::Timestamp`]) rather than read here, so tests
//! control the clock; callers read theirs from a [`crate::domain::Clock`].
//!
//! Discord ids are `u64` newtypes in the app (`crate::domain::ids`) and `i64` in SQLite. Snowflakes use 63 bits, so the mapping
//! is `i64::try_from`: lossless for every real id, and an id ≥ 2^63 (forged or garbled) is
//! refused with [`StoreError::IdOutOfRange`] rather than silently wrapped to a negative number.

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
mod notices;
mod reader;
mod rows;
mod sessions;
mod stats;
mod unguided;
mod write_conn;
mod writer;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::domain::SessionRecord;

pub use backup::{
    backup, backup_name, check_copy, restore, run_daily_backups, take_daily_backup, taken_at,
    BackupError, CopyReport, DAILY,
};
use cache::SessionCache;
use checkpoint::Checkpointer;
use durability::Durability;
pub use error::StoreError;
pub use fixed::FixedAnswer;
pub use forget::{Forgotten, FORGOTTEN_USER};
pub use handoff_rows::{NOTE_MAX_CHARS, RENOTIFY_LIMIT, RENOTIFY_MIN};
pub use health::{check_database, configured_servers};
use reader::{ReadConn, Readers};
use writer::{WriteTx, Writer};

/// The migrations under `migrations/`, embedded at compile time.
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

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

/// The session store: a pool of connections to one SQLite database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    /// Writers of this process take turns here and share commits (see `writer/`).
    writer: Writer,
    /// Connections for the hot reads, outside the pool (see `reader.rs`).
    readers: Arc<Readers>,
    /// The sessions this process wrote last, for presses (see `cache.rs`).
    cache: Arc<SessionCache>,
    /// The WAL checkpoint task (see `checkpoint.rs`); none for an in-memory database.
    checkpointer: Arc<std::sync::Mutex<Option<Checkpointer>>>,
}

impl Store {
    /// Opens (creating the file if missing) the database at `database_url`, with WAL journal,
    /// foreign keys on and a 5 s busy timeout, and runs the migrations.
    ///
    /// `database_url` is `sqlite://path/to/file.db`, `sqlite:file.db` or a plain path. The
    /// folder must already exist: creating folders is left to the operator, so a typo in the
    /// path fails loudly instead of scattering databases around.
    pub async fn open(database_url: &str) -> Result<Store, StoreError> {
        Store::open_with(database_url, StoreOptions::default()).await
    }

    /// [`Store::open`] with explicit tuning.
    pub async fn open_with(database_url: &str, options: StoreOptions) -> Result<Store, StoreError> {
        if database_url.trim().is_empty() {
            // SQLite would quietly open a private temporary database for an empty name, and
            // every session would vanish on restart.
            return Err(error::empty_url_error(database_url));
        }
        let connect = SqliteConnectOptions::from_str(database_url)
            .map_err(|e| error::open_error(database_url, &e))?
            .create_if_missing(true)
            // WAL: readers never block the writer and vice versa, which matters when a member's
            // click (write) and a volunteer's card refresh (read) arrive together.
            .journal_mode(SqliteJournalMode::Wal)
            // Each write transaction sets its own level as it begins (`durability.rs`):
            // FULL for handoffs and setup, NORMAL for answers, the level every connection
            // opens with (readers never commit, so it does not matter to them).
            .synchronous(SqliteSynchronous::Normal)
            // Checkpoints run in a task of their own (`checkpoint.rs`), not in a member's
            // commit; this is the fallback should that task fall behind.
            .pragma("wal_autocheckpoint", checkpoint::FALLBACK_PAGES)
            .foreign_keys(true)
            .busy_timeout(options.busy_timeout);

        let in_memory = is_in_memory(database_url);
        let mut pool = SqlitePoolOptions::new()
            .max_connections(options.max_connections.max(1))
            // sqlx pings a connection before lending it out by default: a round trip to the
            // connection's thread on every query, for a failure (a dropped network link) a
            // local SQLite file cannot have. It still pings on release, catching a connection
            // left in a bad state.
            .test_before_acquire(false);
        if in_memory {
            // An in-memory database lives as long as one connection to it does: keep exactly
            // one, for ever, or the data disappears when the pool trims idle connections.
            pool = pool
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
        }
        let pool = pool
            .connect_with(connect.clone())
            .await
            .map_err(|e| error::open_error(database_url, &e))?;

        if let Err(e) = MIGRATOR.run(&pool).await {
            pool.close().await;
            return Err(error::migrate_error(database_url, e));
        }
        Ok(Store {
            pool,
            writer: Writer::new((!in_memory).then(|| connect.clone())),
            readers: Arc::new(Readers::new((!in_memory).then(|| connect.clone()))),
            cache: Arc::default(),
            checkpointer: Arc::new(std::sync::Mutex::new(
                (!in_memory).then(|| Checkpointer::start(connect.clone())),
            )),
        })
    }

    /// Starts this writer's part of a write transaction, once the writers before it are done.
    ///
    /// SQLite has one write lock per database. Writers that met at that lock did not queue:
    /// the losers slept in SQLite's busy handler in steps of 1, 2, 5 … 25 ms and retried long
    /// after the lock was free. Here they
    /// wait in a fair async queue instead, and the ones waiting while a transaction is open
    /// share it and its fsync ([`writer`]). The busy timeout still covers other processes on
    /// the same file (`pitcrew chat`).
    ///
    /// Its commit survives a power cut ([`Durability::PowerCut`]): every write but a session's
    /// answers (handoffs, reminders, setup) goes this way.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        self.writer.begin(&self.pool, Durability::PowerCut).await
    }

    /// [`Store::begin_write`] for a session's answer: one query, sent with the statement opening
    /// the writer's part and, when it can, the commit: one round trip to the connection's
    /// thread instead of three; see [`Writer::begin_with`]. Its commit survives the process
    /// dying, not a power cut ([`Durability::Process`]), unless it shares a durable one.
    pub(crate) async fn begin_write_with(
        &self,
        write: &str,
    ) -> Result<(WriteTx, String), sqlx::Error> {
        self.writer.begin_with(&self.pool, write).await
    }

    /// [`Store::begin_write_with`] for a write that is ONE statement: alone in the queue it
    /// runs without `BEGIN`/`COMMIT` around it (a single statement is atomic by itself), so
    /// its query is that statement only; see [`Writer::begin_one`].
    pub(crate) async fn begin_write_one(
        &self,
        statement: &str,
    ) -> Result<(WriteTx, String), sqlx::Error> {
        self.writer.begin_one(&self.pool, statement).await
    }

    /// A connection for one read (see `reader.rs`).
    pub(crate) async fn reader(&self) -> Result<ReadConn<'_>, sqlx::Error> {
        self.readers.get(&self.pool).await
    }

    /// Waits for in-flight queries and closes every connection (checkpointing the WAL).
    pub async fn close(&self) {
        let checkpointer = self
            .checkpointer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(checkpointer) = checkpointer {
            checkpointer.stop().await;
        }
        self.writer.close().await;
        self.readers.close().await;
        // sqlx's `close` can return while a connection just handed back is still on its way
        // to the pool, in a task of its own that checked the pool was open before `close`
        // began: it then lands among the idle ones of a closed pool and stays open until the
        // pool is dropped. So close again until none is open, bounded: those tasks
        // finish in microseconds, and a shutdown must not hang on one that does not.
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        loop {
            self.pool.close().await;
            // `size` counts the connections open, idle or not (`num_idle` is not kept up to
            // date by `close`).
            if self.pool.size() == 0 || std::time::Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
}

fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}
