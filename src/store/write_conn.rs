//! The connection write transactions run on: the writer's own, kept outside sqlx's pool.
//!
//! Why: the pool pings every connection handed back to it, a round trip to the connection's
//! thread after every commit that a local SQLite file gains nothing from (the load benchmark's
//! profile showed it). Writes take turns anyway (`writer/`), so one connection is all they
//! need; it goes back to the writer only after a clean `COMMIT` or `ROLLBACK`, and one in doubt
//! is closed and replaced by a new one on the next write.
//!
//! An in-memory database exists only in the pool's one connection, so it writes through that.

use sqlx::pool::PoolConnection;

use super::durability::Durability;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Sqlite, SqliteConnection, SqlitePool};

/// Where write connections come from.
#[derive(Debug)]
pub(crate) struct WriteConns {
    /// `None` for an in-memory database: writes go through the pool.
    options: Option<SqliteConnectOptions>,
    /// The writer's own connection while no transaction is open, with the durability it was
    /// last set to (`None`: unknown).
    spare: Option<(SqliteConnection, Option<Durability>)>,
    /// Set by [`WriteConns::close`]: no connection is opened after it, so a write that comes
    /// late (a task that outlived shutdown) fails instead of reopening the database.
    closed: bool,
}

/// A connection lent to one write transaction.
#[derive(Debug)]
pub(crate) enum WriteConn {
    Own(SqliteConnection),
    Pool(PoolConnection<Sqlite>),
}

impl WriteConns {
    pub fn new(options: Option<SqliteConnectOptions>) -> WriteConns {
        WriteConns {
            options,
            spare: None,
            closed: false,
        }
    }

    /// A connection for the next transaction (the spare one, or a new one), with the
    /// durability its commits have now, when known.
    pub async fn take(
        &mut self,
        pool: &SqlitePool,
    ) -> Result<(WriteConn, Option<Durability>), sqlx::Error> {
        if self.closed {
            return Err(sqlx::Error::PoolClosed);
        }
        let Some(options) = &self.options else {
            return Ok((WriteConn::Pool(pool.acquire().await?), None));
        };
        Ok(match self.spare.take() {
            Some((conn, level)) => (WriteConn::Own(conn), level),
            // The options set `synchronous = NORMAL`.
            None => (
                WriteConn::Own(options.connect().await?),
                Some(Durability::Process),
            ),
        })
    }

    /// Takes back a connection with no transaction open on it, and the durability it was last
    /// set to, when known.
    pub fn give_back(&mut self, conn: WriteConn, level: Option<Durability>) {
        match conn {
            // A transaction that was open when the store closed ends here; its connection
            // is not kept.
            WriteConn::Own(conn) if self.closed => drop(conn),
            WriteConn::Own(conn) => self.spare = Some((conn, level)),
            WriteConn::Pool(conn) => drop(conn),
        }
    }

    /// Closes the spare connection and refuses to open another (the store is closing).
    pub async fn close(&mut self) {
        self.closed = true;
        if let Some((conn, _)) = self.spare.take() {
            let _ = sqlx::Connection::close(conn).await;
        }
    }
}

impl WriteConn {
    /// Closes a connection whose state is in doubt (a failed `COMMIT` or `ROLLBACK`), so no
    /// later write can meet a transaction left open on it.
    pub fn discard(self) {
        match self {
            // Dropping it ends its thread, which closes the database handle.
            WriteConn::Own(conn) => drop(conn),
            WriteConn::Pool(mut conn) => conn.close_on_drop(),
        }
    }
}

impl std::ops::Deref for WriteConn {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        match self {
            WriteConn::Own(conn) => conn,
            WriteConn::Pool(conn) => conn,
        }
    }
}

impl std::ops::DerefMut for WriteConn {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        match self {
            WriteConn::Own(conn) => conn,
            WriteConn::Pool(conn) => conn,
        }
    }
}
