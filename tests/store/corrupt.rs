//! Rows the store did not write: planted with SQLite SQL, read as Corrupt, never a panic; the append-only log.

use super::*;

// ---------------------------------------------------------------------------------------------
// Rows the store did not write

/// Writes with CHECK constraints off, as a damaged file or an older/newer program might.
async fn plant(url: &str, sql: &str, id: i64) {
    let mut conn = raw(url).await;
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut conn)
        .await
        .expect("pragma");
    sqlx::query(sql)
        .bind(id)
        .execute(&mut conn)
        .await
        .expect("plant");
    conn.close().await.expect("close raw");
}

fn assert_corrupt(err: StoreError, id: SessionId, what_has: &str) {
    match &err {
        StoreError::Corrupt { session, what } => {
            assert_eq!(*session, id);
            assert!(what.contains(what_has), "what {what:?}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert!(err.to_string().contains(&format!("session {id}")), "{err}");
}

#[tokio::test]
async fn a_broken_status_written_by_raw_sql_reads_as_corrupt() {
    let (_dir, url, store) = fresh_sqlite().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1)).await;
    plant(
        &url,
        "UPDATE sessions SET status = 'paused' WHERE id = ?",
        rec.id.0,
    )
    .await;

    let err = store.session(rec.id).await.expect_err("corrupt status");
    assert_corrupt(err, rec.id, "unknown status \"paused\"");
    // The step guard still holds: the broken row is not `active`, so an advance is Stale… and
    // Stale must carry the row, which cannot be decoded: Corrupt again, never a panic.
    let err = store
        .advance(
            rec.id,
            0,
            &state("n", &[], 1, Status::Active),
            &v1(),
            &answer("start", "x"),
            t(2),
        )
        .await
        .expect_err("advance on a corrupt row");
    assert_corrupt(err, rec.id, "status");
    store.close().await;
}

#[tokio::test]
async fn broken_paths_and_ids_read_as_corrupt() {
    let (_dir, url, store) = fresh_sqlite().await;

    let cases = [
        ("UPDATE sessions SET path = 'not json' WHERE id = ?", "path"),
        ("UPDATE sessions SET path = '[1, 2]' WHERE id = ?", "path"),
        (
            "UPDATE sessions SET member_id = -5 WHERE id = ?",
            "member_id -5 is negative",
        ),
        ("UPDATE sessions SET step = -1 WHERE id = ?", "step -1"),
        (
            "UPDATE sessions SET member_kind = 'robot' WHERE id = ?",
            "member_kind",
        ),
    ];
    for (i, (sql, what)) in cases.into_iter().enumerate() {
        let scope = Scope::Guild {
            guild: GUILD,
            channel: ChannelId(i as u64),
        };
        let rec = start(&store, &alice(), &scope, t(1)).await;
        plant(&url, sql, rec.id.0).await;
        let err = store.session(rec.id).await.expect_err(sql);
        assert_corrupt(err, rec.id, what);
    }
    store.close().await;
}

#[tokio::test]
async fn the_answer_log_is_append_only_but_goes_with_its_session() {
    let (_dir, url, store) = fresh_sqlite().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1)).await;
    applied(
        store
            .advance(
                rec.id,
                0,
                &state("n1", &["start"], 1, Status::Active),
                &v1(),
                &answer("start", "Yes"),
                t(2),
            )
            .await
            .expect("advance"),
    );

    let mut conn = raw(&url).await;
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut conn)
        .await
        .expect("fk on");
    let err = sqlx::query("UPDATE answers SET choice = 'No'")
        .execute(&mut conn)
        .await
        .expect_err("update refused");
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = sqlx::query("DELETE FROM answers")
        .execute(&mut conn)
        .await
        .expect_err("delete refused");
    assert!(err.to_string().contains("append-only"), "{err}");

    sqlx::query("DELETE FROM sessions WHERE id = ?")
        .bind(rec.id.0)
        .execute(&mut conn)
        .await
        .expect("deleting the session takes its answers along");
    let left: i64 = sqlx::query("SELECT count(*) FROM answers")
        .fetch_one(&mut conn)
        .await
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
    conn.close().await.expect("close raw");

    // Ids are never reused, even after the newest session is deleted (they live on in buttons).
    let next = start(&store, &alice(), &Scope::Dm, t(3)).await;
    assert!(next.id.0 > rec.id.0);
    store.close().await;
}
