//! Re-notify timer.

use super::*;

// ---------------------------------------------------------------------------------------------
// Re-notify timer

#[tokio::test]
async fn due_notices_are_open_overdue_oldest_first_and_limited() {
    let (_dir, _url, store) = fresh().await;
    assert!(store
        .due_notices(at(i64::MAX), 10)
        .await
        .expect("none")
        .is_empty());
    assert_eq!(store.earliest_notice().await.expect("none"), None);

    // Due at 601_000, 602_000, 603_000, 604_000 (created a second apart), across servers.
    let a = open_at(&store, GUILD, ALICE, false, at(1_000)).await;
    let b = open_at(&store, OTHER_GUILD, BOB, true, at(2_000)).await;
    let c = open_at(&store, GUILD, CAROL, false, at(3_000)).await;
    let d = open_at(&store, GUILD, UserId(ALICE.get() + 1), false, at(4_000)).await;
    claimed(store.claim(c.id, VOL_1, at(5_000)).await.expect("claim c"));
    store
        .cancel_handoff(d.id, at(5_000))
        .await
        .expect("cancel d")
        .expect("live");

    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(601_000))
    );
    assert!(store
        .due_notices(at(600_999), 10)
        .await
        .expect("not yet")
        .is_empty());
    let due = |now, limit| {
        let store = store.clone();
        async move {
            store
                .due_notices(now, limit)
                .await
                .expect("due")
                .iter()
                .map(|h| h.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        due(at(601_000), 10).await,
        vec![a.id],
        "due exactly at next_notify_at"
    );
    assert_eq!(
        due(at(10_000_000), 10).await,
        vec![a.id, b.id],
        "claimed and cancelled are not due"
    );
    assert_eq!(due(at(10_000_000), 1).await, vec![a.id]);
    assert!(due(at(10_000_000), 0).await.is_empty());

    // Taking a's notice moves it behind b.
    store
        .take_notice(a.id, 0, Some(at(1_201_000)), at(601_000))
        .await
        .expect("take")
        .expect("due");
    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(602_000))
    );
    assert_eq!(due(at(10_000_000), 10).await, vec![b.id, a.id]);
    store.close().await;
}

/// Races `racers` takers of each notice of one fresh handoff, the takers taking turns among
/// `stores` (several stores on one database are several processes): every notice is taken
/// exactly once, and after the last nothing more is planned.
async fn race_notices(stores: &[Store], racers: usize) {
    let h = open(&stores[0]).await;
    let due_at = h.next_notify_at.expect("planned");

    for seen in 0..RENOTIFY_MAX {
        let now = at(due_at.millis() + i64::from(seen) * 600_000);
        let barrier = Arc::new(Barrier::new(racers));
        let mut tasks = Vec::new();
        for racer in 0..racers {
            let store = stores[racer % stores.len()].clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                store
                    .take_notice(
                        h.id,
                        seen,
                        Some(now.plus(Duration::from_millis(600_000))),
                        now,
                    )
                    .await
            }));
        }
        let mut taken = Vec::new();
        for task in tasks {
            if let Some(t) = task.await.expect("task").expect("never an error") {
                taken.push(t);
            }
        }
        assert_eq!(
            taken.len(),
            1,
            "notice {}: taken {} times",
            seen + 1,
            taken.len()
        );
        assert_eq!(taken[0].notify_count, seen + 1);
    }
    for store in stores {
        let last = get(store, h.id).await;
        assert_eq!(
            (last.notify_count, last.next_notify_at),
            (RENOTIFY_MAX, None)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_notice_is_taken_exactly_once_by_racing_takers() {
    const RACERS: usize = 8;
    let (_dir, _url, store) = fresh_wide(RACERS as u32).await;
    race_notices(std::slice::from_ref(&store), RACERS).await;
    store.close().await;
}

/// Two bot processes (two stores on one database) whose timers wake together.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_notice_is_taken_once_across_two_processes() {
    const RACERS: usize = 8;
    let (_dir, url, first) = fresh_wide(RACERS as u32).await;
    let second = open_wide(&url, RACERS as u32).await;
    race_notices(&[first.clone(), second.clone()], RACERS).await;
    second.close().await;
    first.close().await;
}

#[tokio::test]
async fn after_a_restart_a_taken_notice_is_not_due_again_and_the_next_one_is() {
    let (dir, url, store) = fresh().await;
    let h = open(&store).await; // first notice due at 601_000
    let interval = Duration::from_millis(600_000);

    // The bot wakes late (it was down): the notice is overdue, it takes it, sends it, and dies.
    let now = at(650_000);
    let due = store.due_notices(now, 10).await.expect("due");
    assert_eq!(due.len(), 1);
    let seen = due[0].notify_count;
    let taken = store
        .take_notice(h.id, seen, Some(now.plus(interval)), now)
        .await
        .expect("take")
        .expect("ours");
    assert_eq!(
        (taken.notify_count, taken.next_notify_at),
        (1, Some(at(1_250_000)))
    );
    store.close().await;

    // Restart: a replay of the same moment finds nothing due, and the old right is gone.
    let store = Store::open(&url).await.expect("reopen");
    assert!(store.due_notices(now, 10).await.expect("due").is_empty());
    assert!(store
        .due_notices(at(1_249_999), 10)
        .await
        .expect("due")
        .is_empty());
    assert_eq!(
        store
            .take_notice(h.id, seen, Some(now.plus(interval)), now)
            .await
            .expect("replay"),
        None
    );
    assert_eq!(
        store
            .take_notice(h.id, seen, Some(at(2_000_000)), at(2_000_000))
            .await
            .expect("late replay"),
        None
    );
    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(1_250_000))
    );

    // The next one comes due on schedule, and is taken once.
    let due = store.due_notices(at(1_250_000), 10).await.expect("due");
    assert_eq!(
        due.iter()
            .map(|h| (h.id, h.notify_count))
            .collect::<Vec<_>>(),
        vec![(h.id, 1)]
    );
    // Not before it is due.
    assert_eq!(
        store
            .take_notice(h.id, 1, Some(at(1)), at(1_249_999))
            .await
            .expect("early"),
        None
    );
    let second = store
        .take_notice(h.id, 1, Some(at(1_850_000)), at(1_250_000))
        .await
        .expect("take")
        .expect("ours");
    assert_eq!(second.notify_count, 2);
    store.close().await;

    // Another restart, this time with a notice overdue for a long while: it goes out once.
    let store = Store::open(&url).await.expect("reopen again");
    let now = at(9_000_000);
    let due = store.due_notices(now, 10).await.expect("due");
    assert_eq!(due.len(), 1);
    let third = store
        .take_notice(h.id, due[0].notify_count, Some(now.plus(interval)), now)
        .await
        .expect("take")
        .expect("ours");
    // The third is the last: nothing more is planned, whatever the caller asked.
    assert_eq!(
        (third.notify_count, third.next_notify_at),
        (RENOTIFY_MAX, None)
    );
    assert!(store
        .due_notices(at(i64::MAX), 10)
        .await
        .expect("due")
        .is_empty());
    assert_eq!(store.earliest_notice().await.expect("earliest"), None);
    // notify_count never goes past RENOTIFY_MAX.
    for seen in [RENOTIFY_MAX, RENOTIFY_MAX + 1, u32::MAX] {
        assert_eq!(
            store
                .take_notice(h.id, seen, Some(at(1)), at(i64::MAX))
                .await
                .expect("past the last"),
            None
        );
    }
    assert_eq!(get(&store, h.id).await.notify_count, RENOTIFY_MAX);
    store.close().await;
    drop(dir);
}

#[tokio::test]
async fn a_claimed_or_closed_handoff_gives_no_notice() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    let due = h.next_notify_at.expect("planned");
    // A timer that read the row before the claim comes too late.
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    assert_eq!(
        store
            .take_notice(h.id, 0, Some(at(due.millis() + 1)), due)
            .await
            .expect("claimed"),
        None
    );
    store
        .release(h.id, due, at(3_000))
        .await
        .expect("release")
        .expect("claimed");
    store
        .cancel_handoff(h.id, at(4_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .take_notice(h.id, 0, Some(at(due.millis() + 1)), due)
            .await
            .expect("cancelled"),
        None
    );
    assert_eq!(
        store
            .take_notice(HandoffId(999), 0, None, due)
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}
