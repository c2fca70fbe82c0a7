//! [`Writer::begin_one`]: a one-statement write runs without BEGIN and COMMIT when it is alone,
//! and like any other write when it joins an open transaction.

use sqlx::Row;

use super::tests::{behind_a_leader, store_with_table, values};

/// Sets the writer's connection to the answers' durability, as every write after the first
/// finds it.
async fn warmed(store: &crate::store::Lite) {
    let (mut tx, sql) = store
        .begin_write_one("INSERT INTO t (x) VALUES (1)")
        .await
        .expect("turn");
    tx.run(sqlx::query(&sql)).await.expect("first write");
    tx.commit().await.expect("end");
}

#[tokio::test]
async fn a_lone_statement_is_sent_alone_and_is_stored_when_it_returns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_table(&dir).await;
    warmed(&store).await;
    let (mut tx, sql) = store
        .begin_write_one("INSERT INTO t (x) VALUES (5)")
        .await
        .expect("turn");
    assert_eq!(
        sql, "INSERT INTO t (x) VALUES (5)",
        "no BEGIN or COMMIT around it"
    );
    tx.run(sqlx::query(&sql)).await.expect("write");
    // Stored before the writer ends: another reader sees it.
    let seen: i64 = sqlx::query("SELECT count(*) FROM t WHERE x = 5")
        .fetch_one(&store.pool)
        .await
        .expect("read")
        .get(0);
    assert_eq!(seen, 1);
    tx.commit().await.expect("end");
    // The connection went back with no transaction open: an ordinary writer follows.
    let mut next = store.begin_write().await.expect("next writer");
    sqlx::query("INSERT INTO t (x) VALUES (6)")
        .execute(&mut *next)
        .await
        .expect("write");
    next.commit().await.expect("commit");
    assert_eq!(values(&store).await, [1, 5, 6]);
    store.close().await;
}

#[tokio::test]
async fn a_lone_statement_that_fails_leaves_nothing_written_and_nothing_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_table(&dir).await;
    warmed(&store).await;
    let (mut tx, sql) = store
        .begin_write_one("INSERT INTO t (x) SELECT 7 UNION ALL SELECT -1")
        .await
        .expect("turn");
    assert!(!sql.contains("BEGIN"), "{sql}");
    let refused = tx.run(sqlx::query(&sql)).await;
    assert!(refused.is_err(), "the CHECK refuses -1");
    drop(tx);
    // The statement was undone whole (no 7), and the next writer is not inside a transaction
    // left open: its commit is real.
    let (mut tx, sql) = store
        .begin_write_one("INSERT INTO t (x) VALUES (8)")
        .await
        .expect("next turn");
    tx.run(sqlx::query(&sql)).await.expect("write");
    tx.commit().await.expect("end");
    assert_eq!(values(&store).await, [1, 8]);
    store.close().await;
}

/// Behind an open transaction the statement joins it with a savepoint, like `begin_with`'s
/// writers: the one that fails undoes only its own work.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statements_queued_behind_a_leader_join_its_transaction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_table(&dir).await;
    let results = behind_a_leader(&store, 1, [2, -3, 4], |store, x| async move {
        let (mut tx, sql) = store
            .begin_write_one("INSERT INTO t (x) VALUES (?)")
            .await?;
        assert!(
            sql.starts_with("SAVEPOINT") || sql.starts_with("RELEASE"),
            "{sql}"
        );
        tx.run(sqlx::query(&sql).bind(x)).await?;
        tx.commit().await
    })
    .await;
    assert_eq!(results, [true, false, true]);
    assert_eq!(values(&store).await, [1, 2, 4]);
    store.close().await;
}
