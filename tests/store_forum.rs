//! The forum helper's records, on a SQLite file or (with `PITCREW_TEST_POSTGRES`) PostgreSQL:
//! forums watched and unwatched per server, and a post taken exactly once however many
//! callers race for it, in one process or two, across a reopen.

use pitcrew::domain::{ChannelId, GuildId, Timestamp, WatchedForum, WhenNothingFits};
use pitcrew::store::Store;
use tempfile::TempDir;

const GUILD: GuildId = GuildId(175_928_847_299_117_063);
const OTHER_GUILD: GuildId = GuildId(175_928_847_299_117_064);
const FORUM: ChannelId = ChannelId(175_928_847_299_117_100);
const SHOWROOM: ChannelId = ChannelId(175_928_847_299_117_101);

#[path = "support/db.rs"]
mod db;

async fn fresh() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

fn now() -> Timestamp {
    Timestamp(1_700_000_000_000)
}

#[tokio::test]
async fn forums_are_watched_changed_and_stopped_per_server() {
    let (_dir, _url, store) = fresh().await;
    let on = |w| Some(w);
    store
        .set_forum_watch(GUILD, FORUM, on(WhenNothingFits::Volunteer), now())
        .await
        .unwrap();
    let both = store
        .set_forum_watch(GUILD, SHOWROOM, on(WhenNothingFits::Silent), now())
        .await
        .unwrap();
    assert_eq!(both.len(), 2);
    // Watching again changes the choice, not the count.
    store
        .set_forum_watch(GUILD, FORUM, on(WhenNothingFits::Silent), now())
        .await
        .unwrap();
    assert_eq!(
        store.watched_forum(GUILD, FORUM).await.unwrap(),
        Some(WatchedForum {
            channel: FORUM,
            when_nothing_fits: WhenNothingFits::Silent
        })
    );
    assert_eq!(store.watched_forum(OTHER_GUILD, FORUM).await.unwrap(), None);
    let left = store
        .set_forum_watch(GUILD, FORUM, None, now())
        .await
        .unwrap();
    assert_eq!(
        left.iter().map(|w| w.channel).collect::<Vec<_>>(),
        [SHOWROOM]
    );
    assert_eq!(store.watched_forum(GUILD, FORUM).await.unwrap(), None);
}

#[tokio::test]
async fn a_post_is_taken_once_by_racing_callers_and_after_a_reopen() {
    let (_dir, url, store) = fresh().await;
    let thread = ChannelId(175_928_847_299_117_200);
    let racers = (0..8).map(|_| {
        let store = store.clone();
        tokio::spawn(async move { store.take_forum_post(GUILD, FORUM, thread, now()).await })
    });
    let mut won = 0;
    for r in racers {
        won += usize::from(r.await.unwrap().unwrap());
    }
    assert_eq!(won, 1, "exactly one caller answers the post");
    store.close().await;
    let reopened = Store::open(&url).await.unwrap();
    assert!(!reopened
        .take_forum_post(GUILD, FORUM, thread, now())
        .await
        .unwrap());
    // Given back (its reply failed), it may be taken once more.
    reopened.release_forum_post(thread).await.unwrap();
    assert!(reopened
        .take_forum_post(GUILD, FORUM, thread, now())
        .await
        .unwrap());
}

/// Two processes (two stores on one database) hear of the same new posts at once, as two
/// shards' processes may after a reconnect: each post is answered by exactly one of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_processes_racing_for_a_post_exactly_one_takes_it() {
    let (_dir, url, a) = fresh().await;
    let b = Store::open(&url)
        .await
        .expect("open the second process's store");
    for n in 0..20u64 {
        let thread = ChannelId(175_928_847_299_118_000 + n);
        let (ta, tb) = tokio::join!(
            a.take_forum_post(GUILD, FORUM, thread, now()),
            b.take_forum_post(GUILD, FORUM, thread, now()),
        );
        assert!(
            ta.expect("a takes") ^ tb.expect("b takes"),
            "post {n}: exactly one process answers it"
        );
    }
    a.close().await;
    b.close().await;
}
