//! WAL checkpoints, kept off the path of a member's answer.
//!
//! Why: SQLite copies the WAL back into the database file (a checkpoint) by default inside the
//! commit that takes the WAL past 1,000 pages, and a checkpoint writes megabytes and waits for
//! two fsyncs. Under load that stalls a commit every second or so, with every answer queued
//! behind it: the slowest first responses. Here a task of the store's own checkpoints on its
//! own connection, once a second, beside the writers (SQLite lets a checkpoint run while a
//! writer appends to the WAL).
//!
//! It also bounds what a power cut can take: answers commit without an fsync
//! (`durability::Durability::Process`), and the checkpoint's fsync of the WAL makes everything
//! committed before it durable, so at most about a second of answers is at risk.
//!
//! Should this task fall behind or stop, the writers checkpoint by themselves once the WAL
//! reaches [`FALLBACK_PAGES`], as SQLite would.

use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How often the WAL is checkpointed.
pub(crate) const INTERVAL: Duration = Duration::from_secs(1);

/// `wal_autocheckpoint` for every connection: the WAL size (in pages of 4 KiB) at which a
/// committing writer checkpoints by itself, far above what a second of answers writes.
pub(crate) const FALLBACK_PAGES: &str = "10000";

/// The running checkpoint task of one store.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Checkpointer {
    /// Starts checkpointing the database `options` open, every [`INTERVAL`].
    pub fn start(options: SqliteConnectOptions) -> Checkpointer {
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(run(options, stopped));
        Checkpointer { stop, task }
    }

    /// Stops the task (after the checkpoint in progress, if any) and closes its connection.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

async fn run(options: SqliteConnectOptions, mut stopped: oneshot::Receiver<()>) {
    let mut conn: Option<SqliteConnection> = None;
    // Logged when checkpoints start failing and when they work again, not once a second.
    let mut failing = false;
    let mut tick = tokio::time::interval(INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The first tick is immediate; nothing has been written yet.
    tick.tick().await;
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            _ = tick.tick() => {}
        }
        let outcome = match conn.as_mut() {
            Some(c) => checkpoint(c).await,
            None => match options.connect().await {
                Ok(c) => checkpoint(conn.insert(c)).await,
                Err(e) => Err(e),
            },
        };
        match outcome {
            Ok(()) if failing => {
                failing = false;
                tracing::info!("WAL checkpoints work again");
            }
            Ok(()) => {}
            Err(e) => {
                // A new connection next time, in case this one is the trouble.
                conn = None;
                if !failing {
                    failing = true;
                    tracing::warn!(error = %e, "WAL checkpoints are failing; the writers will checkpoint by themselves meanwhile");
                }
            }
        }
    }
    if let Some(c) = conn {
        let _ = c.close().await;
    }
}

/// PASSIVE: copies what it can without waiting for readers or writers.
async fn checkpoint(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(conn)
        .await
        .map(drop)
}
