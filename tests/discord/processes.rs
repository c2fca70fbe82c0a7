//! Two real `pitcrew run` processes on two shard ranges against one PostgreSQL database, as a
//! deployment that outgrew one process runs (README: Deployment). Runs on the PostgreSQL run of
//! the tests (`PITCREW_TEST_POSTGRES`); without it there is nothing to share, and it says so.
//!
//! - members of a guild on either shard walk a guide and reach that guild's volunteers, each
//!   served by the process owning the guild's shard;
//! - the process holding the reminders lease sends each reminder once;
//! - `kill -9` of that process loses nothing it committed, and the other takes the reminders
//!   over once the lease runs out (`LEASE_SECS`, short here).

use std::time::{Duration, Instant};

use pitcrew::config::ShardRange;
use pitcrew::domain::{Clock, LeaseName, SystemClock};

use crate::db;
use crate::handoff_timers::reminder;
use crate::harness::{Options, Pit};

const LEASE_SECS: u64 = 3;

fn range(first: u32, last: u32, total: u32) -> ShardRange {
    ShardRange { first, last, total }
}

/// Waits up to `within` for `n` messages in `channel`.
async fn wait_count(pit: &Pit, channel: u64, n: usize, within: Duration, what: &str) {
    let deadline = Instant::now() + within;
    loop {
        let seen = pit.server.channel_messages(channel).len();
        if seen >= n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: {seen} of {n} messages after {within:?}\nprocess 0 log:\n{}\nprocess 1 log:\n{}",
            pit.process_log(0),
            pit.process_log(1)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn two_processes_on_postgres_serve_both_shards_and_survive_a_kill_9() {
    if db::postgres().is_none() {
        eprintln!(
            "skipped: set {} to run it (README: PostgreSQL)",
            db::POSTGRES_ENV
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let database = db::fresh_url(&dir).await;
    // Process 0 runs shard 0 (the scene's guild, and DMs); process 1 runs shard 1. Process 0
    // starts first, so it takes the reminders lease.
    let mut pit = Pit::start_with(Options {
        database: Some(database),
        processes: vec![range(0, 0, 2), range(1, 1, 2)],
        lease_secs: Some(LEASE_SECS),
        scene_shard: Some((0, 2)),
        ..Options::default()
    })
    .await;
    let first = pit.scene.clone();
    let second = pit.server.simple_guild_on_shard("second_driver", 1, 2);

    // Shard 0's guild: a member walks the drill and reaches a volunteer; three reminders, each
    // once, though both processes run the reminder loop.
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(1)).await;
    let (_, session) = pit.ask_volunteer(&first.actor).await;
    let d = pit.delivered(session).await;
    wait_count(
        &pit,
        crew.cards,
        4,
        Duration::from_secs(10),
        "shard 0's reminders",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cards = pit.server.channel_messages(crew.cards);
    assert_eq!(cards.len(), 4, "the card and three reminders, each once");
    for (n, card) in cards.iter().enumerate().skip(1) {
        assert_eq!(card.content(), reminder(&crew, &pit, &d, n as u32));
    }
    let holder = pit
        .store
        .lease_holder(LeaseName::Reminders, SystemClock.now())
        .await
        .expect("store readable")
        .expect("someone holds the reminders lease");
    assert_eq!(holder.slot(), "shards 0-0/2", "the first process holds it");

    // kill -9 of the holder: what it committed stays.
    let before = pit.store.session(session).await.expect("readable");
    let answers = pit.store.answers(session).await.expect("readable");
    let handoff = pit.handoff_of(session).await.expect("handoff");
    pit.kill_process(0).await;
    assert_eq!(pit.store.session(session).await.expect("readable"), before);
    assert_eq!(pit.store.answers(session).await.expect("readable"), answers);
    assert_eq!(answers.len(), 2, "the walk's two answers");
    assert_eq!(pit.handoff_of(session).await, Some(handoff));

    // Shard 1's guild, served by the process still running: a member walks the drill and
    // reaches a volunteer there, and its reminders come once the dead holder's lease runs out.
    pit.scene = second.clone();
    let crew2 = pit.crew();
    pit.set_up(&crew2, Duration::from_secs(1)).await;
    let (_, session2) = pit.ask_volunteer(&second.actor).await;
    let d2 = pit.delivered(session2).await;
    let takeover = Duration::from_secs(LEASE_SECS * 2 + 6);
    wait_count(
        &pit,
        crew2.cards,
        4,
        takeover,
        "shard 1's reminders after the takeover",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cards2 = pit.server.channel_messages(crew2.cards);
    assert_eq!(cards2.len(), 4, "the card and three reminders, each once");
    for (n, card) in cards2.iter().enumerate().skip(1) {
        assert_eq!(card.content(), reminder(&crew2, &pit, &d2, n as u32));
    }
    let holder = pit
        .store
        .lease_holder(LeaseName::Reminders, SystemClock.now())
        .await
        .expect("store readable")
        .expect("someone holds the reminders lease");
    assert_eq!(holder.slot(), "shards 1-1/2", "the survivor took it over");
    // Nothing more went to the first guild's volunteers meanwhile.
    assert_eq!(pit.server.channel_messages(crew.cards).len(), 4);
    pit.scene = first;
    pit.server.assert_no_violations();
}
