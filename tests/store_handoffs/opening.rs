//! Opening, reading, attaching.

use super::*;

// ---------------------------------------------------------------------------------------------
// Opening, reading, attaching

#[tokio::test]
async fn open_handoff_is_idempotent_per_session() {
    let (_dir, _url, store) = fresh().await;
    let session = escalated_session(&store, GUILD, ALICE, false).await;
    let new = new_handoff(session.id, GUILD, ALICE, false);

    let (h, created) = store.open_handoff(&new, at(1_000)).await.expect("open");
    assert!(created);
    assert_eq!(
        h,
        Handoff {
            id: h.id,
            session: session.id,
            guild: GUILD,
            member: ALICE,
            urgent: false,
            member_lang: Some(LangCode::En),
            status: HandoffStatus::Open,
            member_note: None,
            thread: None,
            card_channel: None,
            card_message: None,
            claimed_by: None,
            resolution_note: None,
            rating: None,
            member_left: false,
            notify_count: 0,
            next_notify_at: Some(at(10_000)),
            created_at: at(1_000),
            updated_at: at(1_000),
        }
    );

    // Asking again (a double click, a retried interaction) finds the first, whatever is passed.
    let again = NewHandoff {
        urgent: true,
        next_notify_at: at(99),
        ..new.clone()
    };
    let (same, created) = store.open_handoff(&again, at(2_000)).await.expect("again");
    assert!(!created);
    assert_eq!(same, h);

    // Still the same once it is closed: a session gets one handoff.
    store
        .cancel_handoff(h.id, at(3_000))
        .await
        .expect("cancel")
        .expect("live");
    let (closed, created) = store
        .open_handoff(&new, at(4_000))
        .await
        .expect("after cancel");
    assert!(!created);
    assert_eq!((closed.id, closed.status), (h.id, HandoffStatus::Cancelled));

    assert_eq!(
        store
            .handoff_for_session(session.id)
            .await
            .expect("by session"),
        Some(closed.clone())
    );
    assert_eq!(store.handoff(h.id).await.expect("by id"), Some(closed));
    assert_eq!(
        store
            .handoff(HandoffId(h.id.0 + 100))
            .await
            .expect("missing"),
        None
    );
    assert_eq!(
        store
            .handoff_for_session(SessionId(9_999))
            .await
            .expect("missing"),
        None
    );

    // A handoff needs a real session.
    let err = store
        .open_handoff(
            &new_handoff(SessionId(9_999), GUILD, ALICE, false),
            at(5_000),
        )
        .await
        .expect_err("no such session");
    assert!(matches!(err, StoreError::Database(_)), "{err}");
    // SQLite says "FOREIGN KEY constraint failed", PostgreSQL "violates foreign key constraint".
    assert!(
        err.to_string().to_lowercase().contains("foreign key"),
        "{err}"
    );
    store.close().await;
}

#[tokio::test]
async fn live_handoff_of_member_is_the_newest_live_one_in_that_server() {
    let (_dir, _url, store) = fresh().await;
    assert_eq!(
        store
            .live_handoff_of_member(GUILD, ALICE)
            .await
            .expect("none"),
        None
    );

    let first = open_at(&store, GUILD, ALICE, false, at(1_000)).await;
    let second = open_at(&store, GUILD, ALICE, false, at(2_000)).await;
    let elsewhere = open_at(&store, OTHER_GUILD, ALICE, false, at(3_000)).await;
    let _bob = open_at(&store, GUILD, BOB, false, at(4_000)).await;

    let live = |g, m| {
        let store = store.clone();
        async move {
            store
                .live_handoff_of_member(g, m)
                .await
                .expect("lookup")
                .map(|h| h.id)
        }
    };
    assert_eq!(live(GUILD, ALICE).await, Some(second.id));
    assert_eq!(live(OTHER_GUILD, ALICE).await, Some(elsewhere.id));

    // Claimed is live too; closed ones are not.
    claimed(
        store
            .claim(second.id, VOL_1, at(5_000))
            .await
            .expect("claim"),
    );
    assert_eq!(live(GUILD, ALICE).await, Some(second.id));
    store
        .resolve_handoff(second.id, None, at(6_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(live(GUILD, ALICE).await, Some(first.id));
    store
        .cancel_handoff(first.id, at(7_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(live(GUILD, ALICE).await, None);
    store.close().await;
}

#[tokio::test]
async fn thread_card_note_and_member_left_are_recorded() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;

    store
        .attach_thread(h.id, ChannelId(7_001), at(2_000))
        .await
        .expect("thread");
    store
        .attach_card(h.id, CHANNEL, MessageId(7_002), at(2_001))
        .await
        .expect("card");
    let read = get(&store, h.id).await;
    assert_eq!(
        (
            read.thread,
            read.card_channel,
            read.card_message,
            read.updated_at
        ),
        (
            Some(ChannelId(7_001)),
            Some(CHANNEL),
            Some(MessageId(7_002)),
            at(2_001)
        )
    );

    // Member text is kept verbatim (never parsed, never trimmed), mentions and markdown included.
    let note = "  @everyone <@&481870553235193857> <@80351110224678913> **HELP** \n`x'); DROP TABLE handoffs; --` 🚗 ";
    let with_note = store
        .set_member_note(h.id, note, at(2_002))
        .await
        .expect("note")
        .expect("live");
    assert_eq!(with_note.member_note.as_deref(), Some(note));
    assert_eq!(get(&store, h.id).await.member_note.as_deref(), Some(note));
    // A blank note clears it.
    let cleared = store
        .set_member_note(h.id, " \n ", at(2_003))
        .await
        .expect("blank")
        .expect("live");
    assert_eq!(cleared.member_note, None);
    store
        .set_member_note(h.id, "in the car park", at(2_004))
        .await
        .expect("note")
        .expect("live");

    let left = store
        .mark_member_left(h.id, at(3_000))
        .await
        .expect("left")
        .expect("exists");
    assert!(left.member_left);
    assert_eq!(left.updated_at, at(3_000));
    let again = store
        .mark_member_left(h.id, at(3_001))
        .await
        .expect("left again")
        .expect("exists");
    assert_eq!(again, left, "idempotent");

    // Notes only while live; thread and card whatever the status.
    store
        .cancel_handoff(h.id, at(4_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .set_member_note(h.id, "too late", at(4_001))
            .await
            .expect("note"),
        None
    );
    assert_eq!(
        get(&store, h.id).await.member_note.as_deref(),
        Some("in the car park")
    );
    store
        .attach_thread(h.id, ChannelId(7_003), at(4_002))
        .await
        .expect("thread after cancel");
    assert!(store
        .mark_member_left(h.id, at(4_003))
        .await
        .expect("left")
        .is_some());

    // A missing handoff: an error for the attach calls, None for the rest.
    let missing = HandoffId(h.id.0 + 100);
    let err = store
        .attach_thread(missing, ChannelId(1), at(5_000))
        .await
        .expect_err("missing");
    assert!(
        matches!(err, StoreError::HandoffNotFound(id) if id == missing),
        "{err}"
    );
    let err = store
        .attach_card(missing, ChannelId(1), MessageId(2), at(5_000))
        .await
        .expect_err("missing");
    assert!(matches!(err, StoreError::HandoffNotFound(_)), "{err}");
    assert_eq!(
        store
            .set_member_note(missing, "x", at(5_000))
            .await
            .expect("note"),
        None
    );
    assert_eq!(
        store
            .mark_member_left(missing, at(5_000))
            .await
            .expect("left"),
        None
    );
    store.close().await;
}
