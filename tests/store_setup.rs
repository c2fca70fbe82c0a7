//! Server setup and duty across processes (two `Store`s on one database: a SQLite file, or
//! PostgreSQL with `PITCREW_TEST_POSTGRES`): two moderators changing different parts of a
//! server's setup at once, from two processes, both keep theirs, whether the server had a
//! setup before or not; duty and the log channels read back as written.

use std::time::Duration;

use pitcrew::domain::{ChannelId, GuildId, LangCode, RoleId, Timestamp, UserId};
use pitcrew::store::Store;

#[path = "support/db.rs"]
mod db;

fn at(ms: i64) -> Timestamp {
    Timestamp(ms)
}

async fn two_processes() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let a = Store::open(&url).await.expect("open a");
    let b = Store::open(&url).await.expect("open b");
    (dir, a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_changes_to_one_setup_from_two_processes_are_all_kept() {
    let (_dir, a, b) = two_processes().await;
    for n in 0..20u64 {
        let guild = GuildId(175_928_847_299_117_000 + n);
        if n % 2 == 1 {
            // Half the servers have a setup already: the race is then on an existing row.
            a.update_guild_setup(guild, at(1), |s| s.renotify = Duration::from_secs(60))
                .await
                .expect("first setup");
        }
        let (ra, rb, rc) = tokio::join!(
            a.update_guild_setup(guild, at(2), |s| s.volunteer_role = Some(RoleId(7))),
            b.update_guild_setup(guild, at(2), |s| s.cards_channel = Some(ChannelId(8))),
            b.set_permission_problem(guild, Some("Send Messages"), at(2)),
        );
        ra.expect("a's change");
        rb.expect("b's change");
        assert!(
            rc.expect("b's problem"),
            "server {n}: a new problem is a change"
        );
        let setup = a.guild_setup(guild).await.expect("read").expect("stored");
        assert_eq!(
            (
                setup.volunteer_role,
                setup.cards_channel,
                setup.permission_problem.as_deref()
            ),
            (Some(RoleId(7)), Some(ChannelId(8)), Some("Send Messages")),
            "server {n}: a change was lost"
        );
        if n % 2 == 1 {
            assert_eq!(setup.renotify, Duration::from_secs(60));
        }
        assert_eq!(
            b.guild_setup_settled(guild).await.expect("read"),
            Some(setup)
        );
    }
    a.close().await;
    b.close().await;
}

#[tokio::test]
async fn duty_and_log_channels_read_back_as_written() {
    let (_dir, a, b) = two_processes().await;
    let guild = GuildId(175_928_847_299_117_063);
    let (early, late) = (
        UserId(80_351_110_224_678_913),
        UserId(80_351_110_224_678_912),
    );
    a.set_on_duty(guild, early, true, at(1)).await.expect("on");
    b.set_on_duty(guild, late, true, at(2)).await.expect("on");
    // On again keeps the shift's start: still the longest on duty.
    b.set_on_duty(guild, early, true, at(3))
        .await
        .expect("on again");
    assert_eq!(a.on_duty(guild).await.expect("read"), [early, late]);
    a.set_on_duty(guild, early, false, at(4))
        .await
        .expect("off");
    a.set_on_duty(guild, early, false, at(5))
        .await
        .expect("off again");
    assert_eq!(b.on_duty(guild).await.expect("read"), [late]);

    assert_eq!(a.log_channels().await.expect("none"), []);
    a.update_guild_setup(guild, at(6), |s| {
        s.log_channel = Some(ChannelId(9));
        s.lang = Some(LangCode::De);
    })
    .await
    .expect("log channel");
    assert_eq!(
        b.log_channels().await.expect("read"),
        [(guild, ChannelId(9), Some(LangCode::De))]
    );
    a.close().await;
    b.close().await;
}
