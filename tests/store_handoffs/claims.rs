//! Claim, release, transfer.

use super::*;

// ---------------------------------------------------------------------------------------------
// Claim, release, transfer

#[tokio::test]
async fn claim_wins_once_then_taken_then_closed() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(h.next_notify_at, Some(at(601_000)));

    let mine = claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    assert_eq!(mine.status, HandoffStatus::Claimed);
    assert_eq!(mine.claimed_by, Some(VOL_1));
    assert_eq!(
        mine.next_notify_at, None,
        "a claimed handoff waits for no notice"
    );
    assert_eq!(mine.updated_at, at(2_000));
    assert_eq!(get(&store, h.id).await, mine);

    match store
        .claim(h.id, VOL_2, at(2_001))
        .await
        .expect("second claim")
    {
        Claim::Taken(t) => assert_eq!(t, mine, "Taken names the winner, nothing written"),
        other => panic!("expected Taken, got {other:?}"),
    }
    // The winner clicking again is told it is taken too — by themselves.
    match store
        .claim(h.id, VOL_1, at(2_002))
        .await
        .expect("double click")
    {
        Claim::Taken(t) => assert_eq!(t.claimed_by, Some(VOL_1)),
        other => panic!("expected Taken, got {other:?}"),
    }

    let resolved = store
        .resolve_handoff(h.id, None, at(3_000))
        .await
        .expect("resolve")
        .expect("live");
    match store
        .claim(h.id, VOL_2, at(3_001))
        .await
        .expect("claim resolved")
    {
        Claim::Closed(c) => assert_eq!(c, resolved),
        other => panic!("expected Closed, got {other:?}"),
    }

    let cancelled = open_at(&store, GUILD, BOB, false, at(4_000)).await;
    store
        .cancel_handoff(cancelled.id, at(4_001))
        .await
        .expect("cancel")
        .expect("live");
    assert!(matches!(
        store.claim(cancelled.id, VOL_2, at(4_002)).await.expect("claim cancelled"),
        Claim::Closed(c) if c.status == HandoffStatus::Cancelled && c.claimed_by.is_none()
    ));

    let err = store
        .claim(HandoffId(h.id.0 + 100), VOL_1, at(5_000))
        .await
        .expect_err("missing");
    assert!(matches!(err, StoreError::HandoffNotFound(_)), "{err}");
    store.close().await;
}

/// Races `racers` claims for each of `rounds` fresh handoffs, the racers taking turns among
/// `stores` (several stores on one database are several processes): exactly one wins each
/// round, and every loser, in whichever store, is told who won.
async fn race_claims(stores: &[Store], racers: u64, rounds: usize) {
    for round in 0..rounds {
        let h = open_at(
            &stores[0],
            GUILD,
            UserId(ALICE.get() + round as u64),
            round % 2 == 0,
            at(1_000),
        )
        .await;
        let barrier = Arc::new(Barrier::new(racers as usize));
        let mut tasks = Vec::new();
        for racer in 0..racers {
            let store = stores[racer as usize % stores.len()].clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let volunteer = UserId(VOL_1.get() + racer);
                (
                    volunteer,
                    store.claim(h.id, volunteer, at(2_000 + racer as i64)).await,
                )
            }));
        }
        let mut winners = Vec::new();
        let mut taken = Vec::new();
        for task in tasks {
            let (volunteer, outcome) = task.await.expect("task");
            match outcome.expect("a racing claim must never be an error") {
                Claim::Claimed(c) => {
                    assert_eq!(c.claimed_by, Some(volunteer));
                    winners.push(volunteer);
                }
                Claim::Taken(t) => taken.push(t.claimed_by),
                Claim::Closed(c) => panic!("closed? {c:?}"),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: winners {winners:?}");
        assert_eq!(taken.len(), racers as usize - 1);
        assert!(
            taken.iter().all(|t| *t == Some(winners[0])),
            "every loser is told who won: {taken:?} vs {winners:?}"
        );
        for store in stores {
            assert_eq!(get(store, h.id).await.claimed_by, Some(winners[0]));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_racing_claims_make_exactly_one_claimed() {
    const RACERS: u64 = 8;
    let (_dir, _url, store) = fresh_wide(RACERS as u32).await;
    race_claims(std::slice::from_ref(&store), RACERS, 5).await;
    store.close().await;
}

/// Two stores on one database are two bot processes (two pools, two session caches).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn claims_racing_from_two_processes_make_exactly_one_claimed() {
    const RACERS: u64 = 8;
    let (_dir, url, first) = fresh_wide(RACERS as u32).await;
    let second = open_wide(&url, RACERS as u32).await;
    race_claims(&[first.clone(), second.clone()], RACERS, 5).await;
    second.close().await;
    first.close().await;
}

#[tokio::test]
async fn release_puts_it_back_in_the_queue_and_reschedules() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;

    // One notice went out before anyone claimed it.
    let h = store
        .take_notice(h.id, 0, Some(at(1_201_000)), at(601_000))
        .await
        .expect("take")
        .expect("due");
    assert_eq!(h.notify_count, 1);
    claimed(store.claim(h.id, VOL_1, at(700_000)).await.expect("claim"));

    let released = store
        .release(h.id, at(1_300_000), at(700_500))
        .await
        .expect("release")
        .expect("claimed");
    assert_eq!(released.status, HandoffStatus::Open);
    assert_eq!(released.claimed_by, None);
    assert_eq!(released.notify_count, 0, "a fresh round of notices");
    assert_eq!(released.next_notify_at, Some(at(1_300_000)));
    assert_eq!(released.updated_at, at(700_500));
    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(1_300_000))
    );

    // Only a claimed handoff can be released.
    assert_eq!(
        store
            .release(h.id, at(1), at(700_600))
            .await
            .expect("release open"),
        None
    );
    assert_eq!(get(&store, h.id).await, released);
    // And it can be claimed again, by someone else.
    let again = claimed(
        store
            .claim(h.id, VOL_2, at(800_000))
            .await
            .expect("claim again"),
    );
    assert_eq!(again.claimed_by, Some(VOL_2));

    store
        .resolve_handoff(h.id, None, at(900_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(
        store
            .release(h.id, at(1), at(900_001))
            .await
            .expect("release resolved"),
        None
    );
    assert_eq!(
        store
            .release(HandoffId(h.id.0 + 9), at(1), at(1))
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}

#[tokio::test]
async fn transfer_moves_a_claimed_handoff_only() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(
        store.transfer(h.id, VOL_2, at(1_500)).await.expect("open"),
        None
    );
    assert_eq!(get(&store, h.id).await, h);

    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    let moved = store
        .transfer(h.id, VOL_2, at(2_500))
        .await
        .expect("transfer")
        .expect("claimed");
    assert_eq!(
        (moved.status, moved.claimed_by, moved.updated_at),
        (HandoffStatus::Claimed, Some(VOL_2), at(2_500))
    );
    match store.claim(h.id, VOL_1, at(2_600)).await.expect("claim") {
        Claim::Taken(t) => assert_eq!(t.claimed_by, Some(VOL_2)),
        other => panic!("expected Taken, got {other:?}"),
    }

    store
        .cancel_handoff(h.id, at(3_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .transfer(h.id, VOL_1, at(3_001))
            .await
            .expect("cancelled"),
        None
    );
    store.close().await;
}
