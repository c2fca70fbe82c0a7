//! Shards across processes (`DISCORD_SHARDS`), against the local server routing as Discord
//! does: a guild's events to shard `(guild_id >> 22) % total`, DMs to shard 0.
//!
//! - one process on shards 0 to 1 of 2 identifies both (serenity's range end is inclusive)
//!   and serves members of guilds on either, and DMs;
//! - a process on shard 1 of 2 identifies only that one: no guild of shard 0, no DM reaches it;
//! - two processes on one database, each on its own shard: a reminder goes out once.

use std::time::Duration;

use pitcrew::config::ShardRange;

use crate::fake::builders::command;
use crate::harness::{Options, Pit, DRILL, T};

fn range(first: u32, last: u32, total: u32) -> ShardRange {
    ShardRange { first, last, total }
}

fn sharded(shards: ShardRange, scene_shard: u64) -> Options {
    Options {
        shards: Some(shards),
        scene_shard: Some((scene_shard, u64::from(shards.total))),
        ..Options::default()
    }
}

#[tokio::test]
async fn one_process_on_shards_0_to_1_of_2_serves_guilds_on_both_and_dms() {
    let pit = Pit::start_with(sharded(range(0, 1, 2), 0)).await;
    pit.server
        .wait_connected_shards(2, T)
        .await
        .expect("both shards connect");
    let mut shards = pit.server.identified_shards();
    shards.sort_unstable();
    assert_eq!(
        shards,
        vec![(0, 2), (1, 2)],
        "both ends of 0-1/2, nothing more"
    );
    let other = pit.server.simple_guild_on_shard("second_driver", 1, 2);
    for actor in [&pit.scene.actor, &other.actor] {
        let first = pit.triage(actor, Some(DRILL)).await;
        assert_eq!(first.kind(), 4, "{:?}", first.callback);
    }
    let dm = pit.server.dm_actor(pit.scene.user.id);
    assert_eq!(pit.triage(&dm, Some(DRILL)).await.kind(), 4);
    // serenity boots a range's shards 5 s apart: had the range's end been read as exclusive,
    // a third IDENTIFY (shard 2 of 2, refused) would follow by then.
    let third = pit
        .server
        .wait_identified_count(3, Duration::from_secs(7))
        .await;
    assert!(third.is_err(), "a third shard identified");
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_process_on_shard_1_of_2_gets_no_event_of_shard_0s_guilds_and_no_dm() {
    let pit = Pit::start_with(sharded(range(1, 1, 2), 1)).await;
    assert_eq!(pit.server.identified_shards(), vec![(1, 2)]);
    let elsewhere = pit.server.simple_guild_on_shard("elsewhere_driver", 0, 2);
    // Its own guild's members are served.
    assert_eq!(pit.triage(&pit.scene.actor, Some(DRILL)).await.kind(), 4);
    // Discord would route shard 0's guild and every DM to a shard-0 session; there is none.
    assert!(pit.server.shard_connected(Some(pit.scene.guild_id)));
    assert!(!pit.server.shard_connected(Some(elsewhere.guild_id)));
    assert!(!pit.server.shard_connected(None), "DMs go to shard 0 only");
    let payload = command("triage")
        .string("guide", DRILL)
        .by(&elsewhere.actor);
    assert_eq!(
        pit.server.send_dispatch("INTERACTION_CREATE", &payload),
        None,
        "no session owns shard 0's guild"
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn two_processes_on_one_database_send_a_reminder_once() {
    // The scene's guild is on shard 0, the first process's, which also takes the reminders
    // lease first (it starts first). A handoff opened by the other process would be reminded
    // of too, but only after the holder's next look (up to 30 s): longer than a test waits.
    let mut pit = Pit::start_with(sharded(range(0, 0, 2), 0)).await;
    pit.launch_also(range(1, 1, 2)).await;
    pit.server
        .wait_connected_shards(2, T)
        .await
        .expect("both processes connect");
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(1)).await;
    let (_, session) = pit.ask_volunteer(&pit.scene.actor).await;
    let d = pit.delivered(session).await;
    let cards = pit
        .wait_messages(crew.cards, 4, "the card and three reminders")
        .await;
    for (n, card) in cards.iter().enumerate().skip(1) {
        assert_eq!(
            card.content(),
            crate::handoff_timers::reminder(&crew, &pit, &d, n as u32)
        );
    }
    // Both processes run the reminder loop; more time passes than all reminders need.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(pit.server.channel_messages(crew.cards).len(), 4);
    let h = pit.handoff_of(session).await.expect("handoff");
    assert_eq!(h.notify_count, 3);
    pit.server.assert_no_violations();
}
