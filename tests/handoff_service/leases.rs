//! The reminder loop across processes: two loops on one database (two stores on one SQLite
//! file, one paused tokio time), and only the holder of the reminders lease sends. When the
//! holder dies (its task dropped, no release), the other waits for the lease to run out and
//! then takes the reminders over.

use std::sync::Arc;
use std::time::Duration;

use pitcrew::handoff::Handoffs;
use tokio::sync::Notify;

use pitcrew::domain::{LeaseHolder, LeaseName, LEASE_RENEW, LEASE_TTL};
use tokio_util::sync::CancellationToken;

use crate::world::{reminders, until, World, INTERVAL};

/// Lets the loops run their pass after time moved (SQLite works on its own threads).
async fn settle() {
    for _ in 0..2000 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(start_paused = true)]
async fn only_the_lease_holder_reminds_and_another_takes_over_once_it_died() {
    let w = World::new().await;
    let (port_b, service_b) = w.second_process().await;
    let stop = CancellationToken::new();
    let service_a = Handoffs::new(w.desk.clone(), w.port.clone(), Arc::new(Notify::new()));
    let a = tokio::spawn(service_a.run_reminders(LeaseHolder::named("a"), stop.clone()));
    until_holder(&w, "a").await;
    let b = tokio::spawn(service_b.run_reminders(LeaseHolder::named("b"), stop.clone()));
    let h = w.opened().await;
    // Up to just before the first reminder is due A holds the lease, renewing it; B looks
    // every LEASE_RENEW and stays out.
    let mut waited = Duration::ZERO;
    while waited + LEASE_RENEW < INTERVAL {
        tokio::time::advance(LEASE_RENEW).await;
        waited += LEASE_RENEW;
        renewed_now(&w).await;
    }
    assert_eq!(holder(&w).await.as_deref(), Some("a"));
    // A dies: its task is gone without giving the lease up.
    a.abort();
    let _ = a.await;
    // The reminder falls due, but A's last renewal still runs: B sends nothing yet.
    tokio::time::advance(INTERVAL - waited + LEASE_RENEW).await;
    settle().await;
    assert!(
        reminders_of(&port_b).is_empty(),
        "B sent while A's lease ran"
    );
    assert!(reminders(&w).is_empty());
    assert_eq!(w.stored(&h).await.notify_count, 0);
    // Once A's lease has run out, B takes it and sends the reminder, once.
    tokio::time::advance(LEASE_TTL).await;
    until("B sends the reminder", || reminders_of(&port_b).len() == 1).await;
    assert_eq!(holder(&w).await.as_deref(), Some("b"));
    assert_eq!(w.stored(&h).await.notify_count, 1);
    assert!(reminders(&w).is_empty(), "the dead process sent nothing");
    stop.cancel();
    b.await.unwrap();
    // A graceful stop gives the lease up.
    assert_eq!(holder(&w).await, None);
}

/// Waits until the lease's holder has renewed it at the current (paused) time: it still holds
/// a millisecond before `now + LEASE_TTL`. A condition, bounded in real time only so a bug
/// fails instead of hanging.
async fn renewed_now(w: &World) {
    let almost = w.desk.now().plus(LEASE_TTL - Duration::from_millis(1));
    let give_up = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let held = w
            .desk
            .store()
            .lease_holder(LeaseName::Reminders, almost)
            .await
            .expect("read the lease");
        if held.is_some() {
            break;
        }
        assert!(std::time::Instant::now() < give_up, "never renewed");
        tokio::task::yield_now().await;
    }
}

async fn holder(w: &World) -> Option<String> {
    w.desk
        .store()
        .lease_holder(LeaseName::Reminders, w.desk.now())
        .await
        .unwrap()
        .map(|h| h.as_str().to_string())
}

async fn until_holder(w: &World, want: &str) {
    let give_up = std::time::Instant::now() + Duration::from_secs(20);
    while holder(w).await.as_deref() != Some(want) {
        assert!(std::time::Instant::now() < give_up, "{want} never held it");
        tokio::task::yield_now().await;
    }
}

fn reminders_of(port: &crate::recorder::Recorder) -> Vec<String> {
    port.said_in(crate::world::CARDS)
        .into_iter()
        .filter(|t| t.contains("Still waiting"))
        .collect()
}
