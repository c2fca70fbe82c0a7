//! Writers' parts of a transaction ([`WriteTx`]) and how they end: a follower's savepoint
//! released or undone, the leader's commit shared with the writers that joined it.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use sqlx::query::Query;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Executor, Sqlite, SqliteConnection};
use tokio::sync::{oneshot, OwnedMutexGuard};

use super::{commit_error, shared_error, Batch, Committed, WriteTx, Writer};

impl WriteTx {
    /// The order in which this writer's work ran among all writers of the store: a later write
    /// has a greater number, so what it wrote supersedes what an earlier one did.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Runs the query built from [`Writer::begin_with`]'s SQL, every statement of it, and
    /// returns the rows it gave back.
    pub async fn run<'q>(
        &mut self,
        query: Query<'q, Sqlite, SqliteArguments<'q>>,
    ) -> Result<Vec<SqliteRow>, sqlx::Error> {
        let rows = query.fetch_all(self.conn()).await?;
        self.ran = true;
        Ok(rows)
    }

    pub(super) fn turn(&mut self) -> &mut Batch {
        self.turn
            .as_mut()
            .expect("a WriteTx holds its turn until it ends")
    }

    pub(super) fn conn(&mut self) -> &mut SqliteConnection {
        self.turn()
            .conn
            .as_mut()
            .expect("a write turn always has the transaction's connection")
    }

    /// The statement opening this writer's part failed: a leader's transaction never began
    /// (dropping the turn gives the connection back); a follower's savepoint may be missing, so
    /// its work could not be undone on its own and the shared transaction is lost.
    pub(super) fn opening_failed(&mut self, e: &sqlx::Error) {
        if self.leader {
            // Nothing began on it.
            let turn = self.turn();
            if let Some(conn) = turn.conn.take() {
                // Whether the level was set before the failure is unknown.
                turn.conns.give_back(conn, None);
            }
        } else {
            self.fail(e);
        }
    }

    /// Marks the shared transaction as lost; whoever commits it rolls it back instead.
    fn fail(&mut self, e: &sqlx::Error) {
        let turn = self.turn();
        turn.failed.get_or_insert_with(|| shared_error(e));
    }

    /// Commits this writer's work: returns once the transaction holding it is committed.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        if self.sealed {
            // Committed by the query itself: nothing is open, and nobody joined (the turn was
            // ours throughout). The connection goes back for the next transaction.
            let mut turn = self.turn.take().expect("a WriteTx ends once");
            let Some(mut conn) = turn.conn.take() else {
                return Ok(());
            };
            if self.ran {
                turn.give_back(conn);
                return Ok(());
            }
            // Not run with `run`: whether the COMMIT ran is unknown, and a connection must never
            // be used again inside a transaction. A bug, caught by the tests.
            debug_assert!(
                false,
                "a sealed write's query must be run with WriteTx::run"
            );
            match (&mut *conn).execute("COMMIT").await {
                Ok(_) => turn.give_back(conn),
                Err(_) => conn.discard(),
            }
            return Ok(());
        }
        // A follower's savepoint is released by the next statement on the connection, in the
        // same round trip. It is never left open under the next one: nested savepoints made
        // writes slower (SQLite checks every open savepoint on every page it writes).
        if !self.leader {
            self.turn().unreleased = true;
        }
        self.end(true).await
    }

    /// Undoes this writer's work; the other writers' work in the transaction is kept.
    pub async fn rollback(mut self) -> Result<(), sqlx::Error> {
        if self.sealed {
            // Already committed by its own query: ending it is all that is left to do.
            self.commit().await?;
            return Err(commit_error(
                "it was committed with its query and cannot be rolled back",
            ));
        }
        if self.leader {
            // Nobody has joined yet: the whole transaction is this writer's.
            let mut turn = self.turn.take().expect("a WriteTx ends once");
            return abort(&mut turn).await;
        }
        let undone = undo(self.conn()).await;
        if let Err(e) = &undone {
            self.fail(e);
        }
        self.end(false).await?;
        undone
    }

    /// Leaves the turn. A follower with work in the transaction waits for the leader's commit;
    /// the leader commits, after the writers already waiting when nobody else would.
    async fn end(mut self, wait_for_commit: bool) -> Result<(), sqlx::Error> {
        let mut turn = self.turn.take().expect("a WriteTx ends once");
        let outcome = if self.leader {
            lead(turn, &self.writer).await
        } else if wait_for_commit {
            let (tx, rx) = oneshot::channel();
            turn.joined.push(tx);
            drop(turn);
            rx.await
                .unwrap_or_else(|_| Err("the writer that led it stopped".into()))
        } else {
            Ok(())
        };
        match outcome {
            Err(why) if wait_for_commit => Err(commit_error(&why)),
            _ => Ok(()),
        }
    }
}

/// Commits (or rolls back) the leader's transaction. With writers waiting, their work goes in
/// first: the turn passes to them and comes back to a task that commits for everyone.
async fn lead(mut turn: OwnedMutexGuard<Batch>, writer: &Writer) -> Committed {
    if writer.queued.load(Ordering::SeqCst) == 0 {
        return finish(&mut turn).await;
    }
    let (tx, rx) = oneshot::channel();
    turn.joined.push(tx);
    drop(turn);
    // A task of its own, so the commit happens even if the leader's future is dropped; it
    // queues behind the writers waiting now, and ahead of any that come later.
    let batch = Arc::clone(&writer.batch);
    tokio::spawn(async move {
        let mut turn = batch.lock_owned().await;
        finish(&mut turn).await
    });
    rx.await
        .unwrap_or_else(|_| Err("the commit task stopped".into()))
}

/// Ends the open transaction and tells everyone who joined it how it went.
pub(super) async fn finish(turn: &mut Batch) -> Committed {
    let Some(mut conn) = turn.conn.take() else {
        return Ok(());
    };
    // COMMIT and ROLLBACK end any savepoint still open.
    turn.unreleased = false;
    let outcome = match turn.failed.take() {
        Some(why) => {
            match (&mut *conn).execute("ROLLBACK").await {
                Ok(_) => turn.give_back(conn),
                Err(_) => conn.discard(),
            }
            Err(why)
        }
        None => match (&mut *conn).execute("COMMIT").await {
            Ok(_) => {
                turn.give_back(conn);
                Ok(())
            }
            Err(e) => {
                // Whatever state the connection is in, it must not be used again with a
                // transaction open.
                let _ = (&mut *conn).execute("ROLLBACK").await;
                conn.discard();
                Err(shared_error(&e))
            }
        },
    };
    for joined in turn.joined.drain(..) {
        let _ = joined.send(outcome.clone());
    }
    outcome
}

/// Undoes a follower's work (its savepoint is the one open).
async fn undo(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    conn.execute("ROLLBACK TO write; RELEASE write").await?;
    Ok(())
}

/// Rolls back a transaction that holds only its leader's work.
async fn abort(turn: &mut Batch) -> Result<(), sqlx::Error> {
    let Some(mut conn) = turn.conn.take() else {
        return Ok(());
    };
    turn.unreleased = false;
    let result = (&mut *conn).execute("ROLLBACK").await.map(drop);
    match result {
        Ok(()) => turn.give_back(conn),
        Err(_) => conn.discard(),
    }
    result
}

impl std::ops::Deref for WriteTx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        self.turn
            .as_ref()
            .and_then(|t| t.conn.as_deref())
            .expect("a write turn always has the transaction's connection")
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.conn()
    }
}

impl Drop for WriteTx {
    /// A write abandoned half-way (an error returned with `?`, a dropped future): its work is
    /// undone and, if it led, the transaction ended, in a task since that takes statements.
    fn drop(&mut self) {
        let Some(mut turn) = self.turn.take() else {
            return;
        };
        if self.autocommit {
            // One statement in SQLite's own transaction: applied whole or not at all, and
            // nothing is left open either way. The connection goes straight back.
            if let Some(conn) = turn.conn.take() {
                turn.give_back(conn);
            }
            return;
        }
        let leader = self.leader;
        let cleanup = async move {
            if leader {
                let _ = abort(&mut turn).await;
            } else if let Some(conn) = turn.conn.as_deref_mut() {
                if let Err(e) = undo(conn).await {
                    turn.failed.get_or_insert_with(|| shared_error(&e));
                }
            }
        };
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(cleanup);
            }
            // Without a runtime the process is shutting down and nothing more can be written;
            // cleanup would need one, so it cannot run.
            Err(_) => drop(cleanup),
        }
    }
}
