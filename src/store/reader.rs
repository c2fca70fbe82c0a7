//! Connections for the hot reads (a press's session, a command's open session), kept out of
//! sqlx's pool: the pool pings every connection handed back to it, a round trip to the
//! connection's thread per query that a local SQLite file gains nothing from. The load
//! benchmark counts those hand-offs between threads as the bot's main cost.
//!
//! An in-memory database exists only in the pool's one connection, so it reads from the pool.

use std::sync::Mutex;

use sqlx::pool::PoolConnection;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Sqlite, SqliteConnection, SqlitePool};
use tokio::sync::{Semaphore, SemaphorePermit};

/// At most this many reads at once on the dedicated connections; WAL lets them all run beside
/// the writer, and a read takes tens of microseconds.
const READERS: usize = 2;

#[derive(Debug)]
pub(crate) struct Readers {
    /// `None` for an in-memory database: reads go through the pool.
    options: Option<SqliteConnectOptions>,
    idle: Mutex<Vec<SqliteConnection>>,
    permits: Semaphore,
}

/// A connection lent for one read; it goes back when dropped.
pub(crate) enum ReadConn<'a> {
    Own {
        conn: Option<SqliteConnection>,
        readers: &'a Readers,
        _permit: SemaphorePermit<'a>,
    },
    Pool(PoolConnection<Sqlite>),
}

impl Readers {
    pub fn new(options: Option<SqliteConnectOptions>) -> Readers {
        Readers {
            options,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(READERS),
        }
    }

    pub async fn get<'a>(&'a self, pool: &SqlitePool) -> Result<ReadConn<'a>, sqlx::Error> {
        let Some(options) = &self.options else {
            return Ok(ReadConn::Pool(pool.acquire().await?));
        };
        let permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => options.connect().await?,
        };
        Ok(ReadConn::Own {
            conn: Some(conn),
            readers: self,
            _permit: permit,
        })
    }

    /// Closes the idle connections; reads still running close theirs when they end.
    pub async fn close(&self) {
        self.permits.close();
        let idle = std::mem::take(&mut *self.idle.lock().unwrap_or_else(|e| e.into_inner()));
        for conn in idle {
            let _ = sqlx::Connection::close(conn).await;
        }
    }
}

impl std::ops::Deref for ReadConn<'_> {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        match self {
            ReadConn::Own { conn, .. } => conn.as_ref().expect("lent until dropped"),
            ReadConn::Pool(conn) => conn,
        }
    }
}

impl std::ops::DerefMut for ReadConn<'_> {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        match self {
            ReadConn::Own { conn, .. } => conn.as_mut().expect("lent until dropped"),
            ReadConn::Pool(conn) => conn,
        }
    }
}

impl Drop for ReadConn<'_> {
    fn drop(&mut self) {
        if let ReadConn::Own { conn, readers, .. } = self {
            if let Some(conn) = conn.take() {
                if !readers.permits.is_closed() {
                    readers
                        .idle
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(conn);
                }
            }
        }
    }
}
