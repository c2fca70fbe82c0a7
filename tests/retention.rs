//! The daily retention task on paused tokio time read through `TokioClock`: it runs at start,
//! then once a day, and a finished session crosses the period while the test moves the clock.

use std::sync::Arc;
use std::time::Duration;

use pitcrew::desk::Desk;
use pitcrew::domain::time::TokioClock;
use pitcrew::domain::{Clock, Member, NewAnswer, Scope, SessionRecord, Timestamp, UserId};
use pitcrew::guide::{load_library, GuideVersion};
use pitcrew::retention::{run_daily, EVERY};
use pitcrew::store::{Advance, Store};
use pitcrew::triage::{State, Status};
use tokio_util::sync::CancellationToken;

const ALICE: UserId = UserId(80_351_110_224_678_912);
const DAY: Duration = Duration::from_secs(86_400);

/// Lets the task (woken by the moved clock) finish its run before the test looks: a condition
/// wait, bounded in real time only so a bug fails instead of hanging.
async fn settle(store: &Store, id: pitcrew::domain::SessionId, want: Member) {
    let give_up = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let now = store.session(id).await.expect("read").expect("kept").member;
        if now == want {
            return;
        }
        assert!(
            std::time::Instant::now() < give_up,
            "the session never became {want:?}"
        );
        tokio::task::yield_now().await;
    }
}

#[path = "support/db.rs"]
mod db;

/// A fresh database (a SQLite file in a temporary folder, or PostgreSQL), the shipped guides, paused tokio time as the clock, and a
/// desk keeping finished sessions for `days` days. Keep the folder alive for the test.
async fn world(days: u32) -> (tempfile::TempDir, Store, Arc<TokioClock>, Arc<Desk>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = Store::open(&url).await.expect("open");
    let library = load_library(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .expect("shipped content");
    let clock = Arc::new(TokioClock::new());
    let desk = Desk::with_clock(library, store.clone(), clock.clone()).with_retention(days);
    (dir, store, clock, Arc::new(desk))
}

/// Alice's walk of flat-tyre, started and resolved at `now`: one answer, a finished session.
async fn finished_walk(store: &Store, now: Timestamp) -> SessionRecord {
    let v = GuideVersion("sha256:aaaa".into());
    let start = State {
        node: "start".into(),
        path: vec![],
        step: 0,
        status: Status::Active,
    };
    let rec = store
        .start_session(
            &Member::Discord(ALICE),
            &Scope::Dm,
            "flat-tyre",
            &v,
            &start,
            now,
        )
        .await
        .expect("start");
    let end = State {
        node: "end".into(),
        path: vec!["start".into()],
        step: 1,
        status: Status::Resolved,
    };
    let answer = NewAnswer {
        node: "start".into(),
        choice: "Yes".into(),
    };
    let Advance::Applied(_) = store
        .advance(rec.id, 0, &end, &v, &answer, now)
        .await
        .expect("advance")
    else {
        panic!("stale");
    };
    rec
}

/// Keeps paused time still while SQLite works on its own threads (else tokio would jump to
/// the next timer: the pool's acquire timeout, or the task's next day).
fn busy() -> tokio::task::JoinHandle<()> {
    tokio::spawn(async {
        loop {
            tokio::task::yield_now().await;
        }
    })
}

#[tokio::test(start_paused = true)]
async fn the_daily_task_anonymises_a_session_once_it_is_older_than_the_period() {
    let busy = busy();
    let (_dir, store, clock, desk) = world(2).await;
    // A walk that ended now.
    let member = Member::Discord(ALICE);
    let rec = finished_walk(&store, clock.now()).await;

    let stop = CancellationToken::new();
    let holder = pitcrew::domain::LeaseHolder::named("solo");
    let task = tokio::spawn(run_daily(Arc::clone(&desk), holder, stop.clone()));
    // The first run (at start) and the next day's find it too young.
    for _ in 0..2 {
        tokio::time::advance(EVERY / 2).await;
        for _ in 0..100 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            store
                .session(rec.id)
                .await
                .expect("read")
                .expect("kept")
                .member,
            member
        );
    }
    // Two days on, the third day's run is past the period.
    tokio::time::advance(2 * DAY).await;
    settle(
        &store,
        rec.id,
        Member::Discord(pitcrew::store::FORGOTTEN_USER),
    )
    .await;
    assert_eq!(store.answers(rec.id).await.expect("answers").len(), 1);
    stop.cancel();
    task.await.expect("the task stops when asked");
    busy.abort();
    store.close().await;
}

/// Several processes on one database: the task runs only in the one holding the retention
/// lease. While another process holds it, nothing is anonymised here however old; once that
/// lease runs out (its process died), this one takes over and runs at once.
#[tokio::test(start_paused = true)]
async fn the_task_runs_only_while_this_process_holds_the_retention_lease() {
    use pitcrew::domain::{LeaseHolder, LeaseName, LEASE_TTL};
    let busy = busy();
    let (_dir, store, clock, desk) = world(1).await;
    let rec = finished_walk(&store, clock.now()).await;
    // Another process holds the lease (and then dies without renewing it).
    tokio::time::advance(2 * DAY).await;
    let other = LeaseHolder::named("other");
    assert!(store
        .take_lease(LeaseName::Retention, &other, clock.now(), LEASE_TTL)
        .await
        .expect("lease"));
    let stop = CancellationToken::new();
    let mine = LeaseHolder::named("mine");
    let task = tokio::spawn(run_daily(Arc::clone(&desk), mine, stop.clone()));
    for _ in 0..2000 {
        tokio::task::yield_now().await;
    }
    let kept = store.session(rec.id).await.expect("read").expect("kept");
    assert_eq!(
        kept.member,
        Member::Discord(ALICE),
        "the holder's work, not this process's"
    );
    tokio::time::advance(LEASE_TTL).await;
    settle(
        &store,
        rec.id,
        Member::Discord(pitcrew::store::FORGOTTEN_USER),
    )
    .await;
    stop.cancel();
    task.await.expect("the task stops when asked");
    busy.abort();
    store.close().await;
}
