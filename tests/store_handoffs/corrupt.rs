//! Rows the store did not write, and ids that live on.

use super::*;

// ---------------------------------------------------------------------------------------------
// Rows the store did not write, and ids that live on

/// Writes with CHECK constraints off, as a damaged file or another program might.
async fn plant(url: &str, sql: &str) {
    let mut conn = raw(url).await;
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut conn)
        .await
        .expect("pragma");
    sqlx::query(sql).execute(&mut conn).await.expect("plant");
    conn.close().await.expect("close raw");
}

#[tokio::test]
async fn broken_rows_read_as_corrupt_records_never_a_panic() {
    let (_dir, url, store) = fresh_sqlite().await;
    let cases = [
        ("status = 'paused'", "unknown status \"paused\""),
        ("rating = 'meh'", "unknown rating"),
        ("notify_count = 7", "notify_count 7"),
        ("notify_count = -1", "notify_count -1"),
        ("member_id = -5", "member_id -5 is negative"),
        ("urgent = 2", "urgent 2"),
        ("status = 'claimed'", "claimed_by is missing"),
    ];
    for (i, (set, what)) in cases.into_iter().enumerate() {
        let h = open_at(
            &store,
            GUILD,
            UserId(ALICE.get() + i as u64),
            false,
            at(1_000),
        )
        .await;
        plant(
            &url,
            &format!("UPDATE handoffs SET {set} WHERE id = {}", h.id),
        )
        .await;
        let err = store.handoff(h.id).await.expect_err(set);
        match &err {
            StoreError::CorruptRecord { record, what: got } => {
                assert_eq!(record, &format!("handoff {}", h.id));
                assert!(got.contains(what), "{set}: {got:?}");
            }
            other => panic!("{set}: expected CorruptRecord, got {other:?}"),
        }
        assert!(
            err.to_string().contains(&format!("handoff {}", h.id)),
            "{err}"
        );
        // Guarded writes that read the row back report it too, instead of panicking.
        assert!(store.claim(h.id, VOL_1, at(2_000)).await.is_err(), "{set}");
    }

    store
        .save_guild_setup(&GuildSetup::new(GUILD), at(1))
        .await
        .expect("save");
    plant(&url, "UPDATE guild_settings SET renotify_secs = 0").await;
    let err = store.guild_setup(GUILD).await.expect_err("corrupt setup");
    assert!(matches!(err, StoreError::CorruptRecord { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("server {GUILD}")),
        "{err}"
    );
    assert!(err.to_string().contains("renotify_secs 0"), "{err}");
    store.close().await;
}

#[tokio::test]
async fn handoffs_go_with_their_session_and_ids_are_never_reused() {
    let (_dir, url, store) = fresh_sqlite().await;
    let h = open(&store).await;
    let mut conn = raw(&url).await;
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut conn)
        .await
        .expect("fk on");
    sqlx::query("DELETE FROM sessions WHERE id = ?")
        .bind(h.session.0)
        .execute(&mut conn)
        .await
        .expect("delete the session");
    let left: i64 = sqlx::query("SELECT count(*) FROM handoffs")
        .fetch_one(&mut conn)
        .await
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
    conn.close().await.expect("close raw");

    // The id lives on in Discord buttons, so the next handoff gets a new one.
    let next = open_at(&store, GUILD, BOB, false, at(2_000)).await;
    assert!(next.id > h.id);
    assert_eq!(store.handoff(h.id).await.expect("gone"), None);
    store.close().await;
}
