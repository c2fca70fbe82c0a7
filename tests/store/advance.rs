//! Advancing: the step guard, stale presses, the cache, restarts.

use super::*;

#[tokio::test]
async fn advance_applies_and_logs_answers_in_order() {
    let (_dir, _url, store) = fresh().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1_000)).await;

    let s1 = state("where-are-keys", &["start"], 1, Status::Active);
    let r1 = applied(
        store
            .advance(
                rec.id,
                0,
                &s1,
                &v1(),
                &answer("start", "Keys are inside"),
                t(2_000),
            )
            .await
            .expect("advance 1"),
    );
    assert_eq!(r1.state, s1);
    assert_eq!((r1.created_at, r1.updated_at), (t(1_000), t(2_000)));

    let s2 = state("spare", &["start", "where-are-keys"], 2, Status::Active);
    applied(
        store
            .advance(
                rec.id,
                1,
                &s2,
                &v1(),
                &answer("where-are-keys", "Cabin"),
                t(3_000),
            )
            .await
            .expect("advance 2"),
    );
    // The guide was edited between steps: the session now follows the new version.
    let s3 = state(
        "call-roadside",
        &["start", "where-are-keys", "spare"],
        3,
        Status::Escalated,
    );
    let r3 = applied(
        store
            .advance(
                rec.id,
                2,
                &s3,
                &v2(),
                &answer("spare", "Talk to a volunteer"),
                t(4_000),
            )
            .await
            .expect("advance 3"),
    );
    assert_eq!(r3.state, s3);
    assert_eq!(r3.guide_version, v2());
    assert_eq!(store.session(rec.id).await.expect("read"), Some(r3));
    // No longer active: it is not what a member would resume.
    assert_eq!(
        store
            .active_session(&alice(), &Scope::Dm)
            .await
            .expect("active"),
        None
    );

    let log = store.answers(rec.id).await.expect("answers");
    let expected = [
        (0, "start", "Keys are inside", t(2_000)),
        (1, "where-are-keys", "Cabin", t(3_000)),
        (2, "spare", "Talk to a volunteer", t(4_000)),
    ]
    .map(|(step, node, choice, at)| AnswerRecord {
        session: rec.id,
        step,
        node: node.to_string(),
        choice: choice.to_string(),
        at,
    });
    assert_eq!(log, expected);
    store.close().await;
}

#[tokio::test]
async fn advance_on_a_wrong_step_is_stale_and_logs_nothing() {
    let (_dir, _url, store) = fresh().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1_000)).await;
    let s1 = state("n1", &["start"], 1, Status::Active);
    let current = applied(
        store
            .advance(rec.id, 0, &s1, &v1(), &answer("start", "Yes"), t(2_000))
            .await
            .expect("advance"),
    );

    // The same button pressed again (step 0), and a button from the future (step 7).
    for wrong in [0, 7] {
        let other = state("n-other", &["start"], wrong + 1, Status::Active);
        let got = stale(
            store
                .advance(
                    rec.id,
                    wrong,
                    &other,
                    &v2(),
                    &answer("start", "No"),
                    t(3_000),
                )
                .await
                .expect("advance"),
        );
        assert_eq!(got, current, "Stale carries the row as it is");
    }
    assert_eq!(store.session(rec.id).await.expect("read"), Some(current));
    assert_eq!(store.answers(rec.id).await.expect("answers").len(), 1);
    store.close().await;
}

/// A press reads its session from this process's last write of it, without asking SQLite;
/// the database still judges the advance, so a session another process moved meanwhile (the
/// cache cannot know) is never advanced from the old state, and the next read is the new one.
#[tokio::test]
async fn a_press_reads_the_last_write_and_the_database_still_judges() {
    let (_dir, url, store) = fresh().await;
    let other = Store::open(&url)
        .await
        .expect("a second process on the file");
    let rec = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let one = applied(
        store
            .advance(
                rec.id,
                0,
                &state("b", &["start"], 1, Status::Active),
                &v1(),
                &answer("start", "B"),
                t(1_100),
            )
            .await
            .expect("advance"),
    );
    applied(
        other
            .advance(
                rec.id,
                1,
                &state("c", &["start", "b"], 2, Status::Active),
                &v1(),
                &answer("b", "C"),
                t(1_200),
            )
            .await
            .expect("the other process advances"),
    );

    // Served from memory: this process has not seen the other's write.
    let cached = store
        .session_for_press(rec.id, 1)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(cached, one);
    // The advance from it is refused by the database and brings back the stored row.
    let current = stale(
        store
            .advance(
                rec.id,
                1,
                &state("d", &["start", "b"], 2, Status::Active),
                &v1(),
                &answer("b", "D"),
                t(1_300),
            )
            .await
            .expect("advance"),
    );
    assert_eq!((current.state.node.as_str(), current.state.step), ("c", 2));
    // A press on any other step than the cached one reads the database.
    let fresh_read = store
        .session_for_press(rec.id, 2)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(fresh_read, current);
    let answers = store.answers(rec.id).await.expect("answers");
    let choices: Vec<&str> = answers.iter().map(|a| a.choice.as_str()).collect();
    assert_eq!(choices, ["B", "C"], "the refused press logged nothing");
    other.close().await;
    store.close().await;
}

#[tokio::test]
async fn advance_on_an_abandoned_session_is_stale() {
    let (_dir, _url, store) = fresh().await;
    let old = start(&store, &alice(), &Scope::Dm, t(1)).await;
    let new = start(&store, &alice(), &Scope::Dm, t(2)).await;

    // An old screen's button still carries the right step, but the session was replaced:
    // reviving it would make two active sessions.
    let got = stale(
        store
            .advance(
                old.id,
                0,
                &state("n1", &["start"], 1, Status::Active),
                &v1(),
                &answer("start", "Yes"),
                t(3),
            )
            .await
            .expect("advance"),
    );
    assert_eq!(got.state.status, Status::Abandoned);
    assert!(store.answers(old.id).await.expect("answers").is_empty());
    assert_eq!(
        store
            .active_session(&alice(), &Scope::Dm)
            .await
            .expect("active"),
        Some(new)
    );
    store.close().await;
}

#[tokio::test]
async fn advance_refuses_missing_sessions_and_non_increasing_steps() {
    let (_dir, _url, store) = fresh().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1)).await;

    let missing = SessionId(rec.id.0 + 42);
    let err = store
        .advance(
            missing,
            0,
            &state("n", &[], 1, Status::Active),
            &v1(),
            &answer("start", "x"),
            t(2),
        )
        .await
        .expect_err("missing session");
    assert!(
        matches!(err, StoreError::NotFound(id) if id == missing),
        "{err}"
    );

    let err = store
        .advance(
            rec.id,
            0,
            &state("n", &[], 0, Status::Active),
            &v1(),
            &answer("start", "x"),
            t(2),
        )
        .await
        .expect_err("step must move forward");
    assert!(
        matches!(
            err,
            StoreError::StepNotAdvanced {
                expected: 0,
                next: 0,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        store.session(rec.id).await.expect("read"),
        Some(rec.clone())
    );
    assert!(store.answers(rec.id).await.expect("answers").is_empty());
    store.close().await;
}

/// Answers are copied from the WAL into the database file by the store's own task, not inside
/// a member's commit: a moment after a write, the database file alone (without its WAL) holds
/// it, though far fewer pages were written than SQLite's own checkpoint threshold.
#[tokio::test]
async fn the_wal_is_checkpointed_into_the_database_file_by_the_store() {
    let (dir, _url, store) = fresh_sqlite().await;
    let rec = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let copy = dir.path().join("copy.db");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let found = loop {
        // A copy of the main file only: what a checkpoint has put there.
        let _ = std::fs::remove_file(dir.path().join("copy.db-wal"));
        std::fs::copy(dir.path().join("pitcrew.db"), &copy).expect("copy");
        let mut conn = raw(&format!("sqlite://{}", copy.display())).await;
        let found: Option<i64> = sqlx::query("SELECT count(*) FROM sessions WHERE id = ?")
            .bind(rec.id.0)
            .fetch_one(&mut conn)
            .await
            .ok()
            .map(|r| r.get(0));
        conn.close().await.expect("close copy");
        if found == Some(1) || std::time::Instant::now() > deadline {
            break found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(found, Some(1), "the session reached the database file");
    store.close().await;
}

#[tokio::test]
async fn sessions_and_answers_survive_closing_and_reopening() {
    let (_dir, url, store) = fresh().await;
    let rec = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let s1 = state("n1", &["start"], 1, Status::Active);
    let after = applied(
        store
            .advance(rec.id, 0, &s1, &v1(), &answer("start", "Yes"), t(2_000))
            .await
            .expect("advance"),
    );
    let log = store.answers(rec.id).await.expect("answers");
    store.close().await;
    drop(store);

    let reopened = Store::open(&url).await.expect("reopen");
    assert_eq!(
        reopened
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(after.clone())
    );
    assert_eq!(reopened.answers(rec.id).await.expect("answers"), log);
    // And the member carries on from where they were.
    let s2 = state("n2", &["start", "n1"], 2, Status::Resolved);
    applied(
        reopened
            .advance(
                rec.id,
                after.state.step,
                &s2,
                &v1(),
                &answer("n1", "Done"),
                t(3_000),
            )
            .await
            .expect("advance after reopen"),
    );
    assert_eq!(reopened.answers(rec.id).await.expect("answers").len(), 2);
    reopened.close().await;
}
