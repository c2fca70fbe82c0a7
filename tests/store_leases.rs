//! Leases for once-only periodic work, seen as two processes see them: two `Store`s opened on
//! one database (a SQLite file, or PostgreSQL with `PITCREW_TEST_POSTGRES`). Exactly one holds a lease; renewal keeps it; the other takes over only once
//! it has run out (a dead process) or was released (a graceful stop). Time is passed in.

use std::time::Duration;

use pitcrew::domain::{LeaseHolder, LeaseName, Timestamp};
use pitcrew::store::Store;

const TTL: Duration = Duration::from_secs(90);

fn at(ms: i64) -> Timestamp {
    Timestamp(ms)
}

#[path = "support/db.rs"]
mod db;

async fn two_processes() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let a = Store::open(&url).await.expect("open a");
    let b = Store::open(&url).await.expect("open b");
    (dir, a, b)
}

#[tokio::test]
async fn exactly_one_process_holds_a_lease_and_renewing_keeps_it() {
    let (_dir, a, b) = two_processes().await;
    let (pa, pb) = (LeaseHolder::named("a"), LeaseHolder::named("b"));
    let name = LeaseName::Reminders;
    assert!(a.take_lease(name, &pa, at(1_000), TTL).await.unwrap());
    assert!(!b.take_lease(name, &pb, at(1_000), TTL).await.unwrap());
    // A renews before it runs out, again and again: B never gets it, even after the first
    // term would have ended.
    for t in [60_000, 120_000, 180_000] {
        assert!(a.take_lease(name, &pa, at(t), TTL).await.unwrap());
        assert!(!b.take_lease(name, &pb, at(t + 45_000), TTL).await.unwrap());
    }
    // Another job's lease is a lease of its own.
    assert!(b
        .take_lease(LeaseName::Retention, &pb, at(1_000), TTL)
        .await
        .unwrap());
    a.close().await;
    b.close().await;
}

#[tokio::test]
async fn another_process_takes_over_once_the_holders_lease_runs_out() {
    let (_dir, a, b) = two_processes().await;
    let (pa, pb) = (LeaseHolder::named("a"), LeaseHolder::named("b"));
    let name = LeaseName::Reminders;
    assert!(a.take_lease(name, &pa, at(0), TTL).await.unwrap());
    // A dies: no more renewals. Until the lease runs out B waits; at its end B takes it.
    assert!(!b.take_lease(name, &pb, at(89_999), TTL).await.unwrap());
    assert!(b.take_lease(name, &pb, at(90_000), TTL).await.unwrap());
    // A restarted A (a new holder id) does not get it back while B's runs, nor does the old
    // one come back to life.
    assert!(!a.take_lease(name, &pa, at(100_000), TTL).await.unwrap());
    assert!(!a
        .take_lease(name, &LeaseHolder::named("a2"), at(100_000), TTL)
        .await
        .unwrap());
    a.close().await;
    b.close().await;
}

#[tokio::test]
async fn a_released_lease_is_taken_at_once_and_only_its_holder_can_release_it() {
    let (_dir, a, b) = two_processes().await;
    let (pa, pb) = (LeaseHolder::named("a"), LeaseHolder::named("b"));
    let name = LeaseName::Retention;
    assert!(a.take_lease(name, &pa, at(0), TTL).await.unwrap());
    b.release_lease(name, &pb).await.unwrap();
    assert!(!b.take_lease(name, &pb, at(1), TTL).await.unwrap());
    a.release_lease(name, &pa).await.unwrap();
    assert!(b.take_lease(name, &pb, at(2), TTL).await.unwrap());
    a.close().await;
    b.close().await;
}

/// Racing for a free lease from two stores at once: one wins, every time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_processes_racing_for_a_free_lease_exactly_one_wins() {
    let (_dir, a, b) = two_processes().await;
    for round in 0..20i64 {
        let t = round * 1_000_000;
        let (pa, pb) = (
            LeaseHolder::named(format!("a{round}")),
            LeaseHolder::named(format!("b{round}")),
        );
        let (ra, rb) = tokio::join!(
            a.take_lease(LeaseName::Reminders, &pa, at(t), TTL),
            b.take_lease(LeaseName::Reminders, &pb, at(t), TTL),
        );
        assert!(
            ra.unwrap() ^ rb.unwrap(),
            "round {round}: exactly one holder"
        );
    }
    a.close().await;
    b.close().await;
}

/// A process restarted after a crash, in its predecessor's slot (its shard range), takes that
/// one's lease at once; another slot still waits for it to run out.
#[tokio::test]
async fn a_restart_in_the_same_slot_takes_its_crashed_predecessors_lease_at_once() {
    let (_dir, a, b) = two_processes().await;
    let name = LeaseName::Reminders;
    let crashed = LeaseHolder::in_slot("shards 0-0/2", "run-1");
    assert!(a.take_lease(name, &crashed, at(0), TTL).await.unwrap());
    let elsewhere = LeaseHolder::in_slot("shards 1-1/2", "run-7");
    assert!(!b
        .take_lease(name, &elsewhere, at(1_000), TTL)
        .await
        .unwrap());
    let restarted = LeaseHolder::in_slot("shards 0-0/2", "run-2");
    assert!(b
        .take_lease(name, &restarted, at(1_000), TTL)
        .await
        .unwrap());
    assert_eq!(
        a.lease_holder(name, at(1_001)).await.unwrap(),
        Some(restarted)
    );
    a.close().await;
    b.close().await;
}
