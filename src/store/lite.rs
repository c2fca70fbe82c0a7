//! The SQLite backend: one database file, opened with WAL, written through the writer queue
//! (`writer/`) and read through the hot readers (`reader.rs`). The default, and what `chat`
//! and a one-club deployment run on.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::cache::SessionCache;
use super::checkpoint::{self, Checkpointer};
use super::durability::Durability;
use super::reader::{ReadConn, Readers};
use super::writer::{WriteTx, Writer};
use super::{error, StoreError, StoreOptions, MIGRATOR};

/// The store on SQLite: a pool of connections to one database file, its writer queue and its
/// readers. Every SQLite-only speed-up lives behind this type.
#[derive(Debug, Clone)]
pub(crate) struct Lite {
    pub(super) pool: SqlitePool,
    /// Writers of this process take turns here and share commits (see `writer/`).
    pub(super) writer: Writer,
    /// Connections for the hot reads, outside the pool (see `reader.rs`).
    readers: Arc<Readers>,
    /// The sessions this process wrote last, for presses (see `cache.rs`).
    pub(super) cache: Arc<SessionCache>,
    /// The WAL checkpoint task (see `checkpoint.rs`); none for an in-memory database.
    checkpointer: Arc<std::sync::Mutex<Option<Checkpointer>>>,
}

impl Lite {
    /// Opens (creating the file if missing) the database at `database_url`, with WAL journal,
    /// foreign keys on and a 5 s busy timeout, and runs the migrations (see [`super::Store::open`]).
    pub async fn open_with(database_url: &str, options: StoreOptions) -> Result<Lite, StoreError> {
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
            return Err(error::migrate_error(database_url, &MIGRATOR, e));
        }
        Ok(Lite {
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
    /// share it and its fsync ([`super::writer`]). The busy timeout still covers other processes on
    /// the same file (`pitcrew chat`).
    ///
    /// Its commit survives a power cut ([`Durability::PowerCut`]): every write but a session's
    /// answers (handoffs, reminders, setup) goes this way.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        self.writer.begin(&self.pool, Durability::PowerCut).await
    }

    /// [`Lite::begin_write`] for a session's answer: one query, sent with the statement opening
    /// the writer's part and, when it can, the commit: one round trip to the connection's
    /// thread instead of three; see [`Writer::begin_with`]. Its commit survives the process
    /// dying, not a power cut ([`Durability::Process`]), unless it shares a durable one.
    pub(crate) async fn begin_write_with(
        &self,
        write: &str,
    ) -> Result<(WriteTx, String), sqlx::Error> {
        self.writer.begin_with(&self.pool, write).await
    }

    /// [`Lite::begin_write_with`] for a write that is ONE statement: alone in the queue it
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
