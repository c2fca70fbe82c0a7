//! Races in one process and across two (two stores on one database): presses, starts, the fixed answer.

use super::*;

/// Racers per race: enough that several are in flight at once on every connection.
const RACERS: usize = 8;

/// `processes` stores on one fresh database: each its own pool, as separate bot processes
/// would have (on SQLite, its own writer too).
async fn stores_on_one_database(processes: usize) -> (TempDir, Vec<Store>) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let mut stores = Vec::new();
    for _ in 0..processes {
        let options = StoreOptions {
            max_connections: RACERS as u32,
            ..StoreOptions::default()
        };
        stores.push(Store::open_with(&url, options).await.expect("open"));
    }
    (dir, stores)
}

/// `RACERS` presses on the same step of one session, spread over `stores`, for a few rounds:
/// exactly one applies each time, the others are Stale with the winner's row, never an error.
async fn racing_presses_apply_exactly_once(stores: &[Store]) {
    const ROUNDS: u32 = 5;
    let rec = start(&stores[0], &alice(), &Scope::Dm, t(0)).await;

    // Several rounds, so each race starts from a session that has already been written to.
    for step in 0..ROUNDS {
        let barrier = Arc::new(Barrier::new(RACERS));
        let mut tasks = Vec::new();
        for racer in 0..RACERS {
            let store = stores[racer % stores.len()].clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                let next = state(
                    &format!("n{}-{racer}", step + 1),
                    &["start"],
                    step + 1,
                    Status::Active,
                );
                let choice = answer(&format!("n{step}"), &format!("racer {racer}"));
                barrier.wait().await;
                let outcome = store
                    .advance(rec.id, step, &next, &v1(), &choice, t(i64::from(step) + 1))
                    .await;
                (racer, next, outcome)
            }));
        }

        let mut winners = Vec::new();
        let mut stale_count = 0;
        for task in tasks {
            let (racer, next, outcome) = task.await.expect("task");
            match outcome.expect("a racing advance must never be an error") {
                Advance::Applied(r) => {
                    assert_eq!(r.state, next);
                    winners.push(racer);
                }
                Advance::Stale(r) => {
                    assert_eq!(r.state.step, step + 1, "Stale shows the winner's row");
                    stale_count += 1;
                }
            }
        }
        assert_eq!(winners.len(), 1, "round {step}: winners {winners:?}");
        assert_eq!(stale_count, RACERS - 1);

        for store in stores {
            let log = store.answers(rec.id).await.expect("answers");
            assert_eq!(log.len(), step as usize + 1, "one answer per step");
            let last = log.last().expect("an answer");
            assert_eq!(last.step, step);
            assert_eq!(last.choice, format!("racer {}", winners[0]));
            let now = store.session(rec.id).await.expect("read").expect("exists");
            assert_eq!(now.state.node, format!("n{}-{}", step + 1, winners[0]));
            // What a press in each process finds for the new step is the winner's row, whether
            // this process wrote it, lost to it, or never saw the race.
            let pressed = store
                .session_for_press(rec.id, step + 1)
                .await
                .expect("read")
                .expect("exists");
            assert_eq!(pressed, now);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_advances_on_one_step_apply_exactly_once() {
    let (_dir, stores) = stores_on_one_database(1).await;
    racing_presses_apply_exactly_once(&stores).await;
    stores[0].close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_advances_from_two_processes_apply_exactly_once() {
    let (_dir, stores) = stores_on_one_database(2).await;
    racing_presses_apply_exactly_once(&stores).await;
    for store in &stores {
        store.close().await;
    }
}

/// Which starts race in [`racing_starts`].
#[derive(Clone, Copy)]
enum Starts {
    /// `start_session`, which replaces the open one.
    Replacing,
    /// `start_session_unless_active`.
    UnlessActive,
    /// Half and half.
    Mixed,
}

/// `RACERS` starts for one member in one place at once, spread over `stores`. Returns the
/// sessions they started (an unless-active start that found one open starts none). None of
/// them may fail.
async fn racing_starts(stores: &[Store], starts: Starts) -> Vec<SessionRecord> {
    let barrier = Arc::new(Barrier::new(RACERS));
    let mut tasks = Vec::new();
    for racer in 0..RACERS {
        let store = stores[racer % stores.len()].clone();
        let barrier = barrier.clone();
        let unless = match starts {
            Starts::Replacing => false,
            Starts::UnlessActive => true,
            Starts::Mixed => racer % 2 == 1,
        };
        tasks.push(tokio::spawn(async move {
            let place = channel(CHANNEL_A);
            let guide = format!("guide-{racer}");
            barrier.wait().await;
            if unless {
                store
                    .start_session_unless_active(
                        &alice(),
                        &place,
                        &guide,
                        &v1(),
                        &start_state(),
                        t(racer as i64),
                    )
                    .await
            } else {
                store
                    .start_session(
                        &alice(),
                        &place,
                        &guide,
                        &v1(),
                        &start_state(),
                        t(racer as i64),
                    )
                    .await
                    .map(Some)
            }
        }));
    }
    let mut started = Vec::new();
    for task in tasks {
        let outcome = task.await.expect("task");
        if let Some(record) = outcome.expect("a racing start must never be an error") {
            started.push(record);
        }
    }
    started
}

/// After a race of starts: of the sessions started, exactly one is active, and it is the one
/// every process finds; the others were abandoned by a later start.
async fn exactly_one_active(stores: &[Store], started: &[SessionRecord]) -> SessionRecord {
    let mut active = Vec::new();
    for record in started {
        let now = stores[0]
            .session(record.id)
            .await
            .expect("read")
            .expect("exists");
        match now.state.status {
            Status::Active => active.push(now),
            Status::Abandoned => {}
            other => panic!("session {} is {other:?}", record.id),
        }
    }
    assert_eq!(active.len(), 1, "active: {active:?}");
    for store in stores {
        assert_eq!(
            store
                .active_session(&alice(), &channel(CHANNEL_A))
                .await
                .expect("active"),
            Some(active[0].clone())
        );
    }
    active[0].clone()
}

/// Starting a session abandons the one open in that place first; racing starts from two
/// processes never meet the one-active-session rule as an error, and leave one active.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_starts_from_two_processes_leave_one_active_session() {
    let (_dir, stores) = stores_on_one_database(2).await;
    for round in 0..3 {
        let started = racing_starts(&stores, Starts::Replacing).await;
        assert_eq!(started.len(), RACERS, "round {round}: every start starts");
        exactly_one_active(&stores, &started).await;
    }
    for store in &stores {
        store.close().await;
    }
}

/// `/triage guide` pressed at once from two processes (or alongside `start_session`s): with
/// nothing open exactly one `start_session_unless_active` starts; none fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_starts_unless_active_start_exactly_one() {
    let (_dir, stores) = stores_on_one_database(2).await;
    let started = racing_starts(&stores, Starts::UnlessActive).await;
    assert_eq!(started.len(), 1, "exactly one started: {started:?}");
    let mut only = exactly_one_active(&stores, &started).await;
    // With one open, none starts.
    assert!(racing_starts(&stores, Starts::UnlessActive)
        .await
        .is_empty());
    assert_eq!(
        stores[1]
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(only.clone())
    );
    // Mixed with starts that replace: still no error and one active at the end.
    for _ in 0..3 {
        let started = racing_starts(&stores, Starts::Mixed).await;
        assert!(started.len() >= RACERS / 2, "every start_session starts");
        // The one open before the round counts too: it may have outlived every start.
        let mut all = started;
        if !all.iter().any(|r| r.id == only.id) {
            all.push(only.clone());
        }
        only = exactly_one_active(&stores, &all).await;
    }
    for store in &stores {
        store.close().await;
    }
}

/// "Did this fix it?" is kept once per resolved session: a second answer, an answer on a
/// session that is not resolved, and the loser of two racing answers from two processes
/// change nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_fixed_answer_is_kept_once_and_only_for_a_resolved_session() {
    let (_dir, stores) = stores_on_one_database(2).await;
    let store = &stores[0];
    let open = start(store, &alice(), &Scope::Dm, t(1)).await;
    assert_eq!(
        store
            .record_fixed(open.id, true)
            .await
            .expect("on an open session"),
        FixedAnswer::AlreadyAnswered,
        "not resolved: nothing kept"
    );
    assert_eq!(store.fixed(open.id).await.expect("read"), None);
    assert_eq!(
        store
            .fixed(SessionId(open.id.0 + 99))
            .await
            .expect("no such session"),
        None
    );

    for round in 0..5 {
        let scope = channel(ChannelId(round));
        let rec = start(store, &alice(), &scope, t(2)).await;
        applied(
            store
                .advance(
                    rec.id,
                    0,
                    &state("fixed", &["start"], 1, Status::Resolved),
                    &v1(),
                    &answer("start", "Yes"),
                    t(3),
                )
                .await
                .expect("resolve"),
        );
        let barrier = Arc::new(Barrier::new(2));
        let mut tasks = Vec::new();
        for (i, fixed) in [true, false].into_iter().enumerate() {
            let (store, barrier) = (stores[i].clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                (fixed, store.record_fixed(rec.id, fixed).await)
            }));
        }
        let mut kept = Vec::new();
        for task in tasks {
            let (fixed, outcome) = task.await.expect("task");
            if outcome.expect("never an error") == FixedAnswer::Recorded {
                kept.push(fixed);
            }
        }
        assert_eq!(kept.len(), 1, "round {round}: exactly one answer kept");
        for store in &stores {
            assert_eq!(store.fixed(rec.id).await.expect("read"), Some(kept[0]));
        }
        assert_eq!(
            store.record_fixed(rec.id, !kept[0]).await.expect("again"),
            FixedAnswer::AlreadyAnswered
        );
        assert_eq!(store.fixed(rec.id).await.expect("read"), Some(kept[0]));
    }
    for store in &stores {
        store.close().await;
    }
}
