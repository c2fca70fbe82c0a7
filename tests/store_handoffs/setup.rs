//! Server setup; Duty.

use super::*;

// ---------------------------------------------------------------------------------------------
// Server setup

#[tokio::test]
async fn setup_round_trips_upserts_and_defaults_the_interval() {
    let (dir, url, store) = fresh().await;
    assert_eq!(store.guild_setup(GUILD).await.expect("read"), None);

    // A row created by the permission check alone carries the defaults.
    store
        .set_permission_problem(GUILD, None, at(1))
        .await
        .expect("permission");
    let created = store.guild_setup(GUILD).await.expect("read").expect("row");
    assert_eq!(created, GuildSetup::new(GUILD));
    assert_eq!(created.renotify, DEFAULT_RENOTIFY);
    assert_eq!(created.renotify, Duration::from_secs(600));

    let full = GuildSetup {
        guild: GUILD,
        volunteer_role: Some(ROLE),
        cards_channel: Some(CHANNEL),
        help_channel: Some(ChannelId(CHANNEL.get() + 1)),
        renotify: Duration::from_secs(1),
        permission_problem: Some("Create Private Threads".to_string()),
        // Read back as stored: the region column (migration 0003) round-trips too.
        region: Some(pitcrew::domain::Region::Gb),
        // And the server's language (migration 0007).
        lang: Some(pitcrew::domain::LangCode::De),
        // And the moderators' log channel (migration 0009).
        log_channel: Some(ChannelId(CHANNEL.get() + 2)),
    };
    assert_eq!(store.log_channels().await.expect("read"), vec![]);
    store.save_guild_setup(&full, at(2)).await.expect("save");
    assert_eq!(
        store.guild_setup(GUILD).await.expect("read"),
        Some(full.clone())
    );
    assert_eq!(
        store.log_channels().await.expect("read"),
        vec![(
            GUILD,
            ChannelId(CHANNEL.get() + 2),
            Some(pitcrew::domain::LangCode::De)
        )],
        "every server's log channel and language, for a reload's problems"
    );
    assert!(store
        .guild_setup(GUILD)
        .await
        .expect("read")
        .unwrap()
        .ready()
        .is_some());

    // Upsert: every field replaced, permission_problem included, as given.
    let changed = GuildSetup {
        help_channel: None,
        renotify: Duration::from_secs(15 * 60),
        permission_problem: None,
        ..full.clone()
    };
    store
        .save_guild_setup(&changed, at(3))
        .await
        .expect("save again");
    let read = store.guild_setup(GUILD).await.expect("read").expect("row");
    assert_eq!(read, changed);
    assert_eq!(
        read.missing(),
        vec!["the help channel (for private threads)"]
    );

    // Other servers are untouched; a server saved straight away gets what it was given.
    assert_eq!(store.guild_setup(OTHER_GUILD).await.expect("read"), None);
    store
        .save_guild_setup(&GuildSetup::new(OTHER_GUILD), at(4))
        .await
        .expect("save other");
    assert_eq!(
        store.guild_setup(OTHER_GUILD).await.expect("read"),
        Some(GuildSetup::new(OTHER_GUILD))
    );

    // Whole seconds: a fraction is dropped; below a second or above a week is refused.
    let fractional = GuildSetup {
        renotify: Duration::from_millis(1_500),
        ..full.clone()
    };
    store
        .save_guild_setup(&fractional, at(5))
        .await
        .expect("save 1.5 s");
    assert_eq!(
        store
            .guild_setup(GUILD)
            .await
            .expect("read")
            .unwrap()
            .renotify,
        Duration::from_secs(1)
    );
    for bad in [
        Duration::ZERO,
        Duration::from_millis(999),
        RENOTIFY_LIMIT + Duration::from_secs(1),
    ] {
        let err = store
            .save_guild_setup(
                &GuildSetup {
                    renotify: bad,
                    ..full.clone()
                },
                at(6),
            )
            .await
            .expect_err("interval out of range");
        assert!(
            matches!(err, StoreError::DurationOutOfRange { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("re-notify interval"), "{err}");
    }
    store
        .save_guild_setup(
            &GuildSetup {
                renotify: RENOTIFY_LIMIT,
                ..full.clone()
            },
            at(7),
        )
        .await
        .expect("a week is allowed");

    // It survives a restart.
    store.close().await;
    let store = Store::open(&url).await.expect("reopen");
    assert_eq!(
        store
            .guild_setup(GUILD)
            .await
            .expect("read")
            .unwrap()
            .renotify,
        RENOTIFY_LIMIT
    );
    store.close().await;
    drop(dir);
}

#[tokio::test]
async fn permission_problems_report_changes_only() {
    let (_dir, _url, store) = fresh().await;

    // First sight of a server with no problem: the row appears, but nothing changed.
    assert!(!store
        .set_permission_problem(GUILD, None, at(1))
        .await
        .expect("set"));
    assert!(store.guild_setup(GUILD).await.expect("read").is_some());

    assert!(store
        .set_permission_problem(GUILD, Some("Send Messages"), at(2))
        .await
        .expect("set"));
    assert!(!store
        .set_permission_problem(GUILD, Some("Send Messages"), at(3))
        .await
        .expect("same again"));
    assert!(store
        .set_permission_problem(GUILD, Some("Manage Threads"), at(4))
        .await
        .expect("another"));
    assert_eq!(
        store
            .guild_setup(GUILD)
            .await
            .expect("read")
            .unwrap()
            .permission_problem
            .as_deref(),
        Some("Manage Threads")
    );
    assert!(store
        .set_permission_problem(GUILD, None, at(5))
        .await
        .expect("fixed"));
    assert!(!store
        .set_permission_problem(GUILD, None, at(6))
        .await
        .expect("still fine"));

    // First sight of a server with a problem is a change, and keeps the default setup.
    assert!(store
        .set_permission_problem(OTHER_GUILD, Some("Create Private Threads"), at(7))
        .await
        .expect("new server"));
    let other = store.guild_setup(OTHER_GUILD).await.expect("read").unwrap();
    assert_eq!(
        other,
        GuildSetup {
            permission_problem: Some("Create Private Threads".to_string()),
            ..GuildSetup::new(OTHER_GUILD)
        }
    );

    // The problem survives saving the rest of the setup only if the caller passes it on.
    let mut setup = other.clone();
    setup.volunteer_role = Some(ROLE);
    store.save_guild_setup(&setup, at(8)).await.expect("save");
    assert!(!store
        .set_permission_problem(OTHER_GUILD, Some("Create Private Threads"), at(9))
        .await
        .expect("unchanged"));
    assert_eq!(
        store
            .guild_setup(OTHER_GUILD)
            .await
            .expect("read")
            .unwrap()
            .volunteer_role,
        Some(ROLE),
        "setting the problem keeps the rest"
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Duty

#[tokio::test]
async fn volunteers_go_on_and_off_duty_oldest_shift_first() {
    let (_dir, url, store) = fresh().await;
    assert!(store.on_duty(GUILD).await.expect("list").is_empty());

    store
        .set_on_duty(GUILD, BOB, true, at(10))
        .await
        .expect("bob on");
    store
        .set_on_duty(GUILD, ALICE, true, at(20))
        .await
        .expect("alice on");
    store
        .set_on_duty(GUILD, CAROL, true, at(20))
        .await
        .expect("carol on");
    store
        .set_on_duty(OTHER_GUILD, CAROL, true, at(5))
        .await
        .expect("carol elsewhere");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![BOB, ALICE, CAROL]
    );

    // Going on duty again keeps the running shift's start.
    store
        .set_on_duty(GUILD, BOB, true, at(30))
        .await
        .expect("bob again");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![BOB, ALICE, CAROL]
    );

    store
        .set_on_duty(GUILD, BOB, false, at(40))
        .await
        .expect("bob off");
    store
        .set_on_duty(GUILD, BOB, false, at(41))
        .await
        .expect("bob off twice");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![ALICE, CAROL]
    );
    // A new shift starts now.
    store
        .set_on_duty(GUILD, BOB, true, at(50))
        .await
        .expect("bob back");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![ALICE, CAROL, BOB]
    );
    assert_eq!(store.on_duty(OTHER_GUILD).await.expect("list"), vec![CAROL]);

    store.close().await;
    let store = Store::open(&url).await.expect("reopen");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![ALICE, CAROL, BOB]
    );
    store.close().await;
}
