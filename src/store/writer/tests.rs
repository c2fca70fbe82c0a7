//! The writer's tests, on real SQLite files: shared commits, writers failing alone, the
//! opening and the commit sent with a writer's query, and the writer's own connection.

use std::time::Duration;

use sqlx::{Connection, Row};

use super::super::Lite as Store;

pub(super) async fn store_with_table(dir: &tempfile::TempDir) -> Store {
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let store = Store::open_with(&url, Default::default()).await.expect("open");
    sqlx::query("CREATE TABLE t (x INTEGER NOT NULL CHECK (x > 0))")
        .execute(&store.pool)
        .await
        .expect("table");
    store
}

pub(super) async fn values(store: &Store) -> Vec<i64> {
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
    let results = behind_a_leader(&store, 10, [2, 3, 4], |store, x| async move {
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
    })
    .await;
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
    assert!(sql.contains("BEGIN IMMEDIATE; INSERT"), "{sql}");
    let mut tx = tx;
    let refused = tx.run(sqlx::query(&sql)).await;
    assert!(refused.is_err(), "the CHECK refuses -1");
    drop(tx);

    // The queue moved on: the next writer leads, and its followers write one query each.
    let results = behind_a_leader(&store, 1, [2, -3, 4], |store, x| async move {
        let (mut tx, sql) = store
            .begin_write_with("INSERT INTO t (x) VALUES (?)")
            .await?;
        tx.run(sqlx::query(&sql).bind(x)).await?;
        tx.commit().await
    })
    .await;
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
    assert!(
        sql.ends_with("BEGIN IMMEDIATE; INSERT INTO t (x) VALUES (5); COMMIT"),
        "{sql}"
    );
    tx.run(sqlx::query(&sql)).await.expect("write");
    let mut other =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.path().join("w.db").display()))
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

/// Writes run on the writer's own connection, kept from one transaction to the next; one
/// whose COMMIT failed is closed instead, so no later writer meets the transaction it left.
#[tokio::test]
async fn a_connection_whose_commit_failed_is_replaced_and_the_next_write_works() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_table(&dir).await;
    // A deferred foreign key is checked at COMMIT, so the COMMIT itself fails.
    sqlx::query(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child \
         (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)",
    )
    .execute(&store.pool)
    .await
    .expect("table");
    let mut tx = store.begin_write().await.expect("begin");
    // A TEMP table lives as long as its connection: it marks this one.
    sqlx::query("CREATE TEMP TABLE mark (x)")
        .execute(&mut *tx)
        .await
        .expect("mark");
    tx.commit().await.expect("commit");

    let mut tx = store.begin_write().await.expect("begin");
    assert!(has_mark(&mut tx).await, "the same connection again");
    sqlx::query("INSERT INTO child (parent) VALUES (99)")
        .execute(&mut *tx)
        .await
        .expect("deferred: accepted until COMMIT");
    tx.commit().await.expect_err("the COMMIT fails");

    let mut tx = store.begin_write().await.expect("begin");
    assert!(!has_mark(&mut tx).await, "a new connection");
    sqlx::query("INSERT INTO t (x) VALUES (7)")
        .execute(&mut *tx)
        .await
        .expect("write");
    tx.commit().await.expect("commit");
    assert_eq!(values(&store).await, [7]);
    let orphans: i64 = sqlx::query("SELECT count(*) FROM child")
        .fetch_one(&store.pool)
        .await
        .expect("read")
        .get(0);
    assert_eq!(orphans, 0, "the failed transaction was rolled back");
    store.close().await;
}

/// Whether the connection under `tx` has the TEMP table `mark`.
async fn has_mark(tx: &mut super::WriteTx) -> bool {
    sqlx::query("SELECT count(*) FROM temp.sqlite_master WHERE name = 'mark'")
        .fetch_one(&mut **tx)
        .await
        .expect("read")
        .get::<i64, _>(0)
        == 1
}

/// SQLite's `synchronous` level on the connection under `tx`: 1 is NORMAL, 2 is FULL.
async fn synchronous(tx: &mut super::WriteTx) -> i64 {
    sqlx::query("PRAGMA synchronous")
        .fetch_one(&mut **tx)
        .await
        .expect("read")
        .get(0)
}

/// Answers commit without waiting for the disk; handoffs and setup with it. A durable writer
/// never joins an answer's transaction: that one is committed first, and the durable writer
/// leads its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn durable_writes_flush_to_disk_and_never_ride_on_an_answers_commit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_table(&dir).await;
    let mut answer = store
        .writer
        .begin(&store.pool, crate::store::durability::Durability::Process)
        .await
        .expect("answer");
    assert_eq!(synchronous(&mut answer).await, 1, "NORMAL");
    sqlx::query("INSERT INTO t (x) VALUES (1)")
        .execute(&mut *answer)
        .await
        .expect("write");

    let durable = {
        let store = store.clone();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        tokio::spawn(async move {
            let mut tx = store.begin_write().await.expect("durable");
            let level = synchronous(&mut tx).await;
            // Seen from another connection, while the durable transaction is still open:
            // the answer's transaction was committed before this one began.
            let mut other = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("a second connection");
            let committed: i64 = sqlx::query("SELECT count(*) FROM t")
                .fetch_one(&mut other)
                .await
                .expect("read")
                .get(0);
            sqlx::query("INSERT INTO t (x) VALUES (2)")
                .execute(&mut *tx)
                .await
                .expect("write");
            tx.commit().await.expect("commit");
            (level, committed)
        })
    };
    queued(&store, 1).await;
    answer.commit().await.expect("the answer's commit");
    let (level, committed) = durable.await.expect("task");
    assert_eq!(level, 2, "FULL");
    assert_eq!(committed, 1);
    assert_eq!(values(&store).await, [1, 2]);
    // The next answer is back to NORMAL on the same connection.
    let mut next = store
        .writer
        .begin(&store.pool, crate::store::durability::Durability::Process)
        .await
        .expect("answer");
    assert_eq!(synchronous(&mut next).await, 1, "NORMAL again");
    next.commit().await.expect("commit");
    store.close().await;
}

/// Waits until `n` writers are queued for their turn.
async fn queued(store: &Store, n: usize) {
    while store.writer.queued.load(super::Ordering::SeqCst) < n {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Opens a leader's transaction, writes `leader_x` in it, and holds it open until a follower
/// per `xs` (each `follow(store, x)` in a task of its own) has queued behind it; then commits
/// it. Returns whether each follower's commit succeeded, in the order of `xs`.
pub(super) async fn behind_a_leader<F, Fut>(
    store: &Store,
    leader_x: i64,
    xs: [i64; 3],
    follow: F,
) -> Vec<bool>
where
    F: Fn(Store, i64) -> Fut,
    Fut: std::future::Future<Output = Result<(), sqlx::Error>> + Send + 'static,
{
    let mut leader = store.begin_write().await.expect("leader");
    let followers: Vec<_> = xs
        .iter()
        .map(|&x| tokio::spawn(follow(store.clone(), x)))
        .collect();
    queued(store, xs.len()).await;
    sqlx::query("INSERT INTO t (x) VALUES (?)")
        .bind(leader_x)
        .execute(&mut *leader)
        .await
        .expect("leader's write");
    leader.commit().await.expect("leader's commit");
    let mut results = Vec::new();
    for f in followers {
        results.push(f.await.expect("task").is_ok());
    }
    results
}
