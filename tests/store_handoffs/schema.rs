//! Schema.

use super::*;

// ---------------------------------------------------------------------------------------------
// Schema

#[tokio::test]
async fn the_migration_adds_tables_and_the_lookups_use_their_indexes() {
    let (_dir, url, store) = fresh_sqlite().await;
    let mut conn = raw(&url).await;
    let names: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("schema")
    .iter()
    .map(|r| r.get::<String, _>("name"))
    .collect();
    for expected in [
        "guild_settings",
        "volunteers_on_duty",
        "handoffs",
        "handoffs_queue",
        "handoffs_due",
        "handoffs_member",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }

    for (sql, index) in [
        (
            "EXPLAIN QUERY PLAN SELECT id FROM handoffs WHERE guild_id = 1 \
             AND status IN ('open', 'claimed') ORDER BY urgent DESC, created_at, id",
            "handoffs_queue",
        ),
        (
            "EXPLAIN QUERY PLAN SELECT id FROM handoffs WHERE status = 'open' \
             AND next_notify_at <= 5 ORDER BY next_notify_at, id LIMIT 10",
            "handoffs_due",
        ),
        (
            "EXPLAIN QUERY PLAN SELECT min(next_notify_at) FROM handoffs WHERE status = 'open'",
            "handoffs_due",
        ),
        (
            "EXPLAIN QUERY PLAN SELECT id FROM handoffs WHERE guild_id = 1 AND member_id = 2 \
             AND status IN ('open', 'claimed') ORDER BY created_at DESC, id DESC LIMIT 1",
            "handoffs_member",
        ),
    ] {
        let details: Vec<String> = sqlx::query(sql)
            .fetch_all(&mut conn)
            .await
            .expect("plan")
            .iter()
            .map(|r| r.get::<String, _>("detail"))
            .collect();
        assert!(
            details.iter().any(|d| d.contains(index)),
            "{sql}: {details:?}"
        );
        assert!(
            !details
                .iter()
                .any(|d| d.starts_with("SCAN handoffs") && !d.contains("INDEX")),
            "{sql} scans the table: {details:?}"
        );
        assert!(
            !details.iter().any(|d| d.contains("TEMP B-TREE")),
            "{sql} sorts instead of reading the index in order: {details:?}"
        );
    }
    conn.close().await.expect("close raw");
    store.close().await;
}

#[test]
fn the_schema_bound_on_notify_count_is_renotify_max() {
    // 0002_handoffs.sql spells the bound as 3 in its CHECKs.
    assert_eq!(RENOTIFY_MAX, 3);
    let sql = include_str!("../../migrations/0002_handoffs.sql");
    assert!(sql.contains("notify_count BETWEEN 0 AND 3"));
    assert!(sql.contains(&format!("length(member_note) <= {NOTE_MAX_CHARS}")));
    assert!(sql.contains(&format!(
        "renotify_secs BETWEEN {} AND {}",
        RENOTIFY_MIN.as_secs(),
        RENOTIFY_LIMIT.as_secs()
    )));
    assert!(sql.contains(&format!("DEFAULT {}", DEFAULT_RENOTIFY.as_secs())));
}

#[tokio::test]
async fn the_checks_refuse_rows_the_store_would_never_write() {
    let (_dir, url, store) = fresh_sqlite().await;
    let h = open(&store).await;
    let mut conn = raw(&url).await;
    for (sql, what) in [
        (
            "UPDATE handoffs SET status = 'claimed' WHERE id = ?",
            "claimed without claimed_by",
        ),
        (
            "UPDATE handoffs SET claimed_by = 5 WHERE id = ?",
            "open with claimed_by",
        ),
        (
            "UPDATE handoffs SET rating = 'solved' WHERE id = ?",
            "rating while open",
        ),
        (
            "UPDATE handoffs SET notify_count = 4, next_notify_at = NULL WHERE id = ?",
            "count 4",
        ),
        (
            "UPDATE handoffs SET notify_count = 3 WHERE id = ?",
            "a notice after the last",
        ),
        (
            "UPDATE handoffs SET status = 'paused' WHERE id = ?",
            "unknown status",
        ),
        ("UPDATE handoffs SET urgent = 2 WHERE id = ?", "urgent 2"),
        (
            "UPDATE handoffs SET card_channel_id = 5 WHERE id = ?",
            "card channel without message",
        ),
        (
            "UPDATE handoffs SET member_note = 'x' || printf('%.1000c', 'y') WHERE id = ?",
            "long note",
        ),
        (
            "UPDATE handoffs SET status = 'claimed', claimed_by = 5 WHERE id = ?",
            "claimed with a notice planned",
        ),
    ] {
        let result = sqlx::query(sql).bind(h.id.0).execute(&mut conn).await;
        let err = result.expect_err(what);
        assert!(
            err.to_string().contains("CHECK constraint failed"),
            "{what}: {err}"
        );
    }
    // STRICT: a value of the wrong type is refused, not stored as a surprise.
    let err = sqlx::query("UPDATE handoffs SET urgent = 'yes' WHERE id = ?")
        .bind(h.id.0)
        .execute(&mut conn)
        .await
        .expect_err("STRICT refuses text in an integer column");
    assert!(err.to_string().contains("cannot store TEXT"), "{err}");
    // A settings row to update, so the UPDATE below has something to refuse.
    store
        .set_permission_problem(GUILD, None, at(1))
        .await
        .expect("settings row");
    for sql in [
        "UPDATE guild_settings SET renotify_secs = 0",
        "INSERT INTO guild_settings (guild_id, renotify_secs, updated_at) VALUES (1, 0, 0)",
        "INSERT INTO guild_settings (guild_id, updated_at) VALUES (-1, 0)",
    ] {
        let err = sqlx::query(sql).execute(&mut conn).await.expect_err(sql);
        assert!(
            err.to_string().contains("CHECK constraint failed"),
            "{sql}: {err}"
        );
    }
    conn.close().await.expect("close raw");
    assert_eq!(get(&store, h.id).await, h, "nothing changed");
    store.close().await;
}
