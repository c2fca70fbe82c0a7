//! The write side of the store: writers take turns, and the writers that queue up while one
//! SQLite transaction is open share it and its commit (group commit).
//!
//! Why: with `synchronous = FULL` every commit waits for an fsync of the WAL, and SQLite has one
//! write lock, so commits happen one after another. Under load the bot's throughput was one
//! fsync per answer (the load benchmark's profile: most of the time in the commit's fsync, and,
//! before writers took turns here, in SQLite's busy handler sleeping 1-25 ms at a time). Shared,
//! one fsync makes every answer in the batch durable at once. Nothing about durability changes:
//! a writer's `commit` returns only once the transaction holding its work is committed.
//!
//! How: the first writer to find no transaction open begins one (`BEGIN IMMEDIATE`) and leads
//! it. When the leader is done it lets the writers already waiting add their work, then commits
//! for all of them; writers arriving later start the next transaction. Each writer that joins
//! works inside its own `SAVEPOINT`, so its failure (or rollback) undoes its work and nobody
//! else's. With nobody waiting, a write is exactly one transaction, as before.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sqlx::pool::PoolConnection;
use sqlx::query::Query;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Executor, Sqlite, SqliteConnection, SqlitePool};
use tokio::sync::{oneshot, Mutex, OwnedMutexGuard};

/// The outcome of a shared commit, told to every writer whose work it held.
type Committed = Result<(), Arc<str>>;

/// The writer queue of one store (cloned with it).
#[derive(Debug, Clone, Default)]
pub(crate) struct Writer {
    batch: Arc<Mutex<Batch>>,
    /// Writers waiting for their turn. A leader that sees some leaves its transaction open
    /// for them and commits after them; with none, it commits at once.
    queued: Arc<AtomicUsize>,
}

/// The open transaction, if any. Only the holder of the turn touches it.
#[derive(Debug, Default)]
struct Batch {
    /// From the leader's `BEGIN IMMEDIATE` to the commit.
    conn: Option<PoolConnection<Sqlite>>,
    /// Writers whose work is in the open transaction, waiting for its commit.
    joined: Vec<oneshot::Sender<Committed>>,
    /// Set when the transaction can no longer be committed (a savepoint could not be undone).
    failed: Option<Arc<str>>,
    /// The last follower's savepoint is still open: the next statement sent releases it (the
    /// next follower's `SAVEPOINT`, or the `COMMIT`), saving a round trip per write.
    unreleased: bool,
    /// How many writers have had their turn: the order in which their work ran.
    turns: u64,
}

/// Counts a writer as waiting until it gets its turn, also when its future is dropped.
struct Waiting(Arc<AtomicUsize>);

impl Waiting {
    fn new(queued: &Arc<AtomicUsize>) -> Waiting {
        queued.fetch_add(1, Ordering::SeqCst);
        Waiting(Arc::clone(queued))
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One writer's part of a write transaction. Use it like a `sqlx::Transaction`: `&mut *tx` as
/// the executor, then [`WriteTx::commit`] or [`WriteTx::rollback`]. Dropped without either,
/// its work is undone.
pub(crate) struct WriteTx {
    turn: Option<OwnedMutexGuard<Batch>>,
    writer: Writer,
    /// Whether this writer began the transaction, and so commits it.
    leader: bool,
    /// This writer's place in the order of all turns (see [`WriteTx::seq`]).
    seq: u64,
    /// The writer's one query ends with the `COMMIT` (see [`Writer::begin_with`]).
    sealed: bool,
    /// That query was run to its end by [`WriteTx::run`].
    ran: bool,
}

fn shared_error(e: &sqlx::Error) -> Arc<str> {
    e.to_string().into()
}

fn commit_error(why: &str) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(format!(
        "the transaction holding this write did not commit: {why}"
    )))
}

impl Writer {
    /// Waits for this writer's turn and opens its part of a write transaction.
    pub async fn begin(&self, pool: &SqlitePool) -> Result<WriteTx, sqlx::Error> {
        let (mut tx, opening) = self.take_turn(pool).await?;
        if let Err(e) = tx.conn().execute(opening).await {
            tx.opening_failed(&e);
            return Err(e);
        }
        Ok(tx)
    }

    /// [`Writer::begin`] for a writer whose whole work is the one query `write` (reads may
    /// follow it, nothing that writes): returns the SQL to run as that query, with the
    /// statement that opens this writer's part (`BEGIN IMMEDIATE` or a savepoint) in front of
    /// it, so opening costs no round trip of its own to the connection's thread. When nobody
    /// is waiting to join, the `COMMIT` goes at its end too, and the write is one round trip
    /// in all; [`WriteTx::commit`] then only hands the connection back.
    ///
    /// The caller must run the returned SQL first, with [`WriteTx::run`] (which runs every
    /// statement of it, the `COMMIT` included; `fetch_optional` would stop at the first row);
    /// if that query fails, drop the transaction. Its work can no longer be rolled back once
    /// the query succeeded: end the writer with [`WriteTx::commit`], also when the query
    /// changed nothing.
    pub async fn begin_with(
        &self,
        pool: &SqlitePool,
        write: &str,
    ) -> Result<(WriteTx, String), sqlx::Error> {
        let (mut tx, opening) = self.take_turn(pool).await?;
        // Writers arriving during the query wait for the turn and start the next transaction.
        tx.sealed = tx.leader && self.queued.load(Ordering::SeqCst) == 0;
        let sql = if tx.sealed {
            format!("{opening}; {write}; COMMIT")
        } else {
            format!("{opening}; {write}")
        };
        Ok((tx, sql))
    }

    /// Waits for this writer's turn; returns it with the statement that opens this writer's
    /// part, not yet run.
    async fn take_turn(&self, pool: &SqlitePool) -> Result<(WriteTx, &'static str), sqlx::Error> {
        let mut turn = {
            let _waiting = Waiting::new(&self.queued);
            Arc::clone(&self.batch).lock_owned().await
        };
        turn.turns += 1;
        let seq = turn.turns;
        let leader = turn.conn.is_none();
        let opening = if leader {
            turn.conn = Some(pool.acquire().await?);
            // IMMEDIATE takes SQLite's write lock now (waiting up to the busy timeout for other
            // processes), so no statement of the batch can meet SQLITE_BUSY later.
            "BEGIN IMMEDIATE"
        } else if std::mem::take(&mut turn.unreleased) {
            // The leader's work is alone in the transaction until it is done, so only the
            // writers joining it need a savepoint to be undone on their own.
            "RELEASE write; SAVEPOINT write"
        } else {
            "SAVEPOINT write"
        };
        let tx = WriteTx {
            turn: Some(turn),
            writer: self.clone(),
            leader,
            seq,
            sealed: false,
            ran: false,
        };
        Ok((tx, opening))
    }

    /// Waits until no write is in progress (before the pool closes).
    pub async fn idle(&self) {
        let _turn = self.batch.lock().await;
    }
}

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

    fn turn(&mut self) -> &mut Batch {
        self.turn
            .as_mut()
            .expect("a WriteTx holds its turn until it ends")
    }

    fn conn(&mut self) -> &mut SqliteConnection {
        self.turn()
            .conn
            .as_mut()
            .expect("a write turn always has the transaction's connection")
    }

    /// The statement opening this writer's part failed: a leader's transaction never began
    /// (dropping the turn gives the connection back); a follower's savepoint may be missing, so
    /// its work could not be undone on its own and the shared transaction is lost.
    fn opening_failed(&mut self, e: &sqlx::Error) {
        if self.leader {
            drop(self.turn().conn.take());
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
            // ours throughout). The connection goes back to the pool.
            let mut turn = self.turn.take().expect("a WriteTx ends once");
            let conn = turn.conn.take();
            if self.ran {
                drop(conn);
                return Ok(());
            }
            // Not run with `run`: whether the COMMIT ran is unknown, and a connection must never
            // go back to the pool inside a transaction. A bug, caught by the tests.
            debug_assert!(
                false,
                "a sealed write's query must be run with WriteTx::run"
            );
            if let Some(mut conn) = conn {
                if (&mut *conn).execute("COMMIT").await.is_err() {
                    conn.close_on_drop();
                }
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
async fn finish(turn: &mut Batch) -> Committed {
    let Some(mut conn) = turn.conn.take() else {
        return Ok(());
    };
    // COMMIT and ROLLBACK end any savepoint still open.
    turn.unreleased = false;
    let outcome = match turn.failed.take() {
        Some(why) => {
            let _ = (&mut *conn).execute("ROLLBACK").await;
            Err(why)
        }
        None => match (&mut *conn).execute("COMMIT").await {
            Ok(_) => Ok(()),
            Err(e) => {
                // Whatever state the connection is in, it must not go back to the pool with a
                // transaction open.
                let _ = (&mut *conn).execute("ROLLBACK").await;
                conn.close_on_drop();
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
    if result.is_err() {
        conn.close_on_drop();
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sqlx::{Connection, Row};

    use super::super::Store;

    async fn store_with_table(dir: &tempfile::TempDir) -> Store {
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let store = Store::open(&url).await.expect("open");
        sqlx::query("CREATE TABLE t (x INTEGER NOT NULL CHECK (x > 0))")
            .execute(&store.pool)
            .await
            .expect("table");
        store
    }

    async fn values(store: &Store) -> Vec<i64> {
        sqlx::query("SELECT x FROM t ORDER BY x")
            .fetch_all(&store.pool)
            .await
            .expect("read")
            .iter()
            .map(|r| r.get::<i64, _>(0))
            .collect()
    }

    /// Writers queued behind an open transaction share it; one of them failing half-way
    /// undoes only its own work, and every other writer's commit is durable when it returns.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn queued_writers_share_a_commit_and_fail_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_table(&dir).await;
        let mut leader = store.begin_write().await.expect("leader");
        let mut followers = Vec::new();
        for x in [2_i64, 3, 4] {
            let store = store.clone();
            followers.push(tokio::spawn(async move {
                let mut tx = store.begin_write().await?;
                sqlx::query("INSERT INTO t (x) VALUES (?)")
                    .bind(x * 10)
                    .execute(&mut *tx)
                    .await?;
                if x == 3 {
                    // A constraint failure after a first write: the whole part is undone.
                    sqlx::query("INSERT INTO t (x) VALUES (-1)")
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await
            }));
        }
        // Let the followers queue up behind the open transaction.
        while store.writer.queued.load(super::Ordering::SeqCst) < 3 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        sqlx::query("INSERT INTO t (x) VALUES (10)")
            .execute(&mut *leader)
            .await
            .expect("leader's write");
        leader.commit().await.expect("leader's commit");
        let mut results = Vec::new();
        for f in followers {
            results.push(f.await.expect("task").is_ok());
        }
        assert_eq!(results, [true, false, true]);
        assert_eq!(values(&store).await, [10, 20, 40]);
        store.close().await;
    }

    /// A writer whose opening statement travels with its first query: a leader's failing query
    /// leaves no transaction open, and a follower's failing query undoes only its own work.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_opening_sent_with_the_first_query_fails_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_table(&dir).await;

        let (tx, sql) = store
            .begin_write_with("INSERT INTO t (x) VALUES (-1)")
            .await
            .expect("turn");
        assert!(sql.starts_with("BEGIN IMMEDIATE; "), "{sql}");
        let mut tx = tx;
        let refused = tx.run(sqlx::query(&sql)).await;
        assert!(refused.is_err(), "the CHECK refuses -1");
        drop(tx);

        let mut leader = store.begin_write().await.expect("the queue moved on");
        let mut followers = Vec::new();
        for x in [2_i64, -3, 4] {
            let store = store.clone();
            followers.push(tokio::spawn(async move {
                let (mut tx, sql) = store
                    .begin_write_with("INSERT INTO t (x) VALUES (?)")
                    .await?;
                tx.run(sqlx::query(&sql).bind(x)).await?;
                tx.commit().await
            }));
        }
        while store.writer.queued.load(super::Ordering::SeqCst) < 3 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        sqlx::query("INSERT INTO t (x) VALUES (1)")
            .execute(&mut *leader)
            .await
            .expect("leader's write");
        leader.commit().await.expect("leader's commit");
        let mut results = Vec::new();
        for f in followers {
            results.push(f.await.expect("task").is_ok());
        }
        assert_eq!(results, [true, false, true]);
        assert_eq!(values(&store).await, [1, 2, 4]);
        store.close().await;
    }

    /// A lone writer's one query carries its commit: the work is stored once the query
    /// returns, and ending the writer just hands the connection back for the next one.
    #[tokio::test]
    async fn a_lone_writers_query_commits_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_table(&dir).await;
        let (mut tx, sql) = store
            .begin_write_with("INSERT INTO t (x) VALUES (5)")
            .await
            .expect("turn");
        assert_eq!(sql, "BEGIN IMMEDIATE; INSERT INTO t (x) VALUES (5); COMMIT");
        tx.run(sqlx::query(&sql)).await.expect("write");
        let mut other = sqlx::SqliteConnection::connect(&format!(
            "sqlite://{}",
            dir.path().join("w.db").display()
        ))
        .await
        .expect("a second connection");
        let seen: i64 = sqlx::query("SELECT count(*) FROM t")
            .fetch_one(&mut other)
            .await
            .expect("read")
            .get(0);
        assert_eq!(seen, 1, "committed before the writer ends");
        tx.commit().await.expect("end");
        let mut next = store.begin_write().await.expect("next writer");
        sqlx::query("INSERT INTO t (x) VALUES (6)")
            .execute(&mut *next)
            .await
            .expect("write");
        next.commit().await.expect("commit");
        assert_eq!(values(&store).await, [5, 6]);
        store.close().await;
    }

    /// A write dropped without commit or rollback (an early `?`) leaves nothing behind and does
    /// not block the next writer.
    #[tokio::test]
    async fn an_abandoned_write_is_undone_and_the_queue_moves_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_table(&dir).await;
        {
            let mut tx = store.begin_write().await.expect("begin");
            sqlx::query("INSERT INTO t (x) VALUES (1)")
                .execute(&mut *tx)
                .await
                .expect("write");
        }
        let mut tx = store
            .begin_write()
            .await
            .expect("the next writer gets its turn");
        sqlx::query("INSERT INTO t (x) VALUES (2)")
            .execute(&mut *tx)
            .await
            .expect("write");
        tx.commit().await.expect("commit");
        assert_eq!(values(&store).await, [2]);
        store.close().await;
    }
}
