//! The PostgreSQL backend: the store shared by several bot processes (shards across processes,
//! see the README's Deployment section). Same API and same guarantees as SQLite's (`lite.rs`),
//! held by the same store tests; what differs is how they are kept:
//!
//! - No writer queue: PostgreSQL takes row locks, so concurrent writers wait for each other
//!   per row, not per database. Every state change is still one guarded `UPDATE … WHERE … RETURNING`:
//!   at READ COMMITTED a second writer waits for the first's row lock, then re-checks its
//!   `WHERE` against the committed row, so of two racing presses, claims or notices exactly
//!   one matches — across processes too.
//! - Where SQLite's single write lock serialised a read-then-write (start a session, abandoning
//!   the active one), a transaction-scoped advisory lock on the member and place does.
//! - Connections come from one `PgPool`; there are no WAL checkpoints, backups or file checks
//!   (the server has its own tools: `pg_dump`).

mod cars;
pub(super) mod copy;
mod fixed;
mod forget;
mod forum;
mod guilds;
mod handoff_end;
mod handoff_reads;
mod handoffs;
pub(super) mod health;
mod leases;
mod notices;
mod remember;
mod sessions;
mod stats;
mod unguided;

use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::cache::SessionCache;
use super::{StoreError, StoreOptions, PG_MIGRATOR};

/// Connections per process. Several processes share one server (PostgreSQL's default limit is
/// 100 connections), and a guarded write holds its connection for one round trip or two.
const CONNECTIONS: u32 = 10;

/// How long a query waits for a connection before the member is told to try again.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The store on PostgreSQL.
#[derive(Debug, Clone)]
pub(crate) struct Pg {
    pub(super) pool: PgPool,
    /// The sessions this process wrote last, for presses (see `../cache.rs`).
    pub(super) cache: Arc<SessionCache>,
}

impl Pg {
    /// Connects to the database at `database_url` (which must exist) and applies the
    /// PostgreSQL migrations.
    pub async fn open(database_url: &str, options: &StoreOptions) -> Result<Pg, StoreError> {
        let connect: PgConnectOptions = database_url
            .parse()
            .map_err(|e| open_error(database_url, &e))?;
        let pool = PgPoolOptions::new()
            .max_connections(CONNECTIONS.max(options.max_connections))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(connect)
            .await
            .map_err(|e| open_error(database_url, &e))?;
        if let Err(e) = PG_MIGRATOR.run(&pool).await {
            pool.close().await;
            // The URL as shown: its password never reaches a log or a terminal.
            return Err(super::error::migrate_error(
                &health::shown_url(database_url),
                &PG_MIGRATOR,
                e,
            ));
        }
        Ok(Pg {
            pool,
            cache: Arc::default(),
        })
    }

    /// Waits for in-flight queries and closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A PostgreSQL connection failure, for the operator: the URL, the server's words, and what
/// to check.
fn open_error(url: &str, err: &sqlx::Error) -> StoreError {
    StoreError::Open {
        // Without its password: this error is printed and logged.
        url: health::shown_url(url),
        reason: match err.as_database_error() {
            Some(db) => db.message().to_string(),
            None => err.to_string(),
        },
        hint: "Check the PostgreSQL server is running and reachable, the database exists \
               (createdb NAME), and the user in the URL may connect and create tables",
    }
}
