//! Resolve, cancel, rate; The queue.

use super::*;

// ---------------------------------------------------------------------------------------------
// Resolve, cancel, rate

#[tokio::test]
async fn resolve_ends_the_session_in_the_same_transaction() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(session_status(&store, h.session).await.0, "escalated");
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));

    let note = "Spare key from home; <@&1> @everyone were not pinged.";
    let done = store
        .resolve_handoff(h.id, Some(note), at(3_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(done.status, HandoffStatus::Resolved);
    assert_eq!(done.resolution_note.as_deref(), Some(note));
    assert_eq!(done.claimed_by, Some(VOL_1), "kept for the record");
    assert_eq!(done.next_notify_at, None);
    assert_eq!(
        session_status(&store, h.session).await,
        ("resolved".to_string(), 3_000)
    );
    // A press on the member's last screen sees the session as resolved, not as the escalated
    // state the advance before left in the store's session cache.
    let pressed = store
        .session_for_press(h.session, 1)
        .await
        .expect("read for a press")
        .expect("exists");
    assert_eq!(pressed.state.status, Status::Resolved);

    // Only once.
    assert_eq!(
        store
            .resolve_handoff(h.id, Some("again"), at(4_000))
            .await
            .expect("again"),
        None
    );
    assert_eq!(get(&store, h.id).await, done);
    assert_eq!(
        store
            .cancel_handoff(h.id, at(4_001))
            .await
            .expect("cancel resolved"),
        None
    );
    assert_eq!(
        session_status(&store, h.session).await,
        ("resolved".to_string(), 3_000)
    );

    // An urgent one straight from `open`, no note; its `emergency` session is resolved too.
    let urgent = open_at(&store, GUILD, BOB, true, at(5_000)).await;
    assert_eq!(session_status(&store, urgent.session).await.0, "emergency");
    let done = store
        .resolve_handoff(urgent.id, Some("   "), at(6_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!((done.resolution_note, done.claimed_by), (None, None));
    assert_eq!(
        session_status(&store, urgent.session).await,
        ("resolved".to_string(), 6_000)
    );

    assert_eq!(
        store
            .resolve_handoff(HandoffId(999), None, at(1))
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}

#[tokio::test]
async fn cancel_abandons_the_session_in_the_same_transaction() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));

    let gone = store
        .cancel_handoff(h.id, at(3_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(gone.status, HandoffStatus::Cancelled);
    assert_eq!(gone.claimed_by, Some(VOL_1));
    assert_eq!(gone.next_notify_at, None);
    assert_eq!(
        session_status(&store, h.session).await,
        ("abandoned".to_string(), 3_000)
    );
    assert_eq!(
        store.cancel_handoff(h.id, at(4_000)).await.expect("again"),
        None
    );
    assert_eq!(
        store
            .resolve_handoff(h.id, None, at(4_001))
            .await
            .expect("resolve cancelled"),
        None
    );
    assert!(store.queue(GUILD).await.expect("queue").is_empty());
    assert_eq!(store.earliest_notice().await.expect("earliest"), None);

    // An open urgent one: its `emergency` session is abandoned as well.
    let urgent = open_at(&store, GUILD, BOB, true, at(5_000)).await;
    store
        .cancel_handoff(urgent.id, at(6_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        session_status(&store, urgent.session).await,
        ("abandoned".to_string(), 6_000)
    );
    store.close().await;
}

#[tokio::test]
async fn a_rating_is_taken_once_and_only_after_resolve() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(
        store
            .rate(h.id, Rating::Solved, at(1_500))
            .await
            .expect("open"),
        None
    );
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    assert_eq!(
        store
            .rate(h.id, Rating::Solved, at(2_500))
            .await
            .expect("claimed"),
        None
    );
    store
        .resolve_handoff(h.id, None, at(3_000))
        .await
        .expect("resolve")
        .expect("live");

    let rated = store
        .rate(h.id, Rating::NotSolved, at(4_000))
        .await
        .expect("rate")
        .expect("resolved");
    assert_eq!(
        (rated.rating, rated.updated_at),
        (Some(Rating::NotSolved), at(4_000))
    );
    assert_eq!(
        store
            .rate(h.id, Rating::Solved, at(5_000))
            .await
            .expect("second"),
        None
    );
    assert_eq!(
        get(&store, h.id).await.rating,
        Some(Rating::NotSolved),
        "the first answer stands"
    );

    let cancelled = open_at(&store, GUILD, BOB, false, at(6_000)).await;
    store
        .cancel_handoff(cancelled.id, at(6_001))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .rate(cancelled.id, Rating::Solved, at(6_002))
            .await
            .expect("cancelled"),
        None
    );
    assert_eq!(
        store
            .rate(HandoffId(999), Rating::Solved, at(1))
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// The queue

#[tokio::test]
async fn the_queue_is_urgent_first_then_oldest_then_id() {
    let (_dir, _url, store) = fresh().await;
    let old = open_at(&store, GUILD, ALICE, false, at(1_000)).await;
    let newer = open_at(&store, GUILD, BOB, false, at(3_000)).await;
    let urgent_new = open_at(&store, GUILD, CAROL, true, at(4_000)).await;
    let urgent_old = open_at(&store, GUILD, UserId(ALICE.get() + 10), true, at(2_000)).await;
    let same_time = open_at(&store, GUILD, UserId(ALICE.get() + 11), false, at(3_000)).await;
    let _elsewhere = open_at(&store, OTHER_GUILD, ALICE, true, at(500)).await;
    let done = open_at(&store, GUILD, UserId(ALICE.get() + 12), true, at(100)).await;
    store
        .resolve_handoff(done.id, None, at(5_000))
        .await
        .expect("resolve")
        .expect("live");
    let gone = open_at(&store, GUILD, UserId(ALICE.get() + 13), false, at(100)).await;
    store
        .cancel_handoff(gone.id, at(5_000))
        .await
        .expect("cancel")
        .expect("live");
    // Claimed ones stay in the queue (the queue shows who has what).
    claimed(
        store
            .claim(newer.id, VOL_1, at(6_000))
            .await
            .expect("claim"),
    );

    let ids: Vec<HandoffId> = store
        .queue(GUILD)
        .await
        .expect("queue")
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(
        ids,
        vec![urgent_old.id, urgent_new.id, old.id, newer.id, same_time.id]
    );
    assert!(newer.id < same_time.id);
    assert!(store
        .queue(GuildId(OTHER_GUILD.get() + 1))
        .await
        .expect("empty")
        .is_empty());
    store.close().await;
}
