//! Bounds and ids.

use super::*;

// ---------------------------------------------------------------------------------------------
// Bounds and ids

#[tokio::test]
async fn notes_over_the_bound_are_refused_and_nothing_is_written() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;

    // The bound counts characters, not bytes: 1000 two-byte characters fit.
    let at_bound = "é".repeat(NOTE_MAX_CHARS);
    let kept = store
        .set_member_note(h.id, &at_bound, at(2_000))
        .await
        .expect("at bound")
        .expect("live");
    assert_eq!(kept.member_note.as_deref(), Some(at_bound.as_str()));

    let over = "x".repeat(NOTE_MAX_CHARS + 1);
    let err = store
        .set_member_note(h.id, &over, at(3_000))
        .await
        .expect_err("too long");
    assert!(
        matches!(err, StoreError::TooLong { chars, max, .. } if chars == NOTE_MAX_CHARS + 1 && max == NOTE_MAX_CHARS),
        "{err}"
    );
    assert!(err.to_string().contains("member's note"), "{err}");
    assert!(err.to_string().contains("1001"), "{err}");
    assert_eq!(get(&store, h.id).await, kept, "nothing written");

    let err = store
        .resolve_handoff(h.id, Some(&over), at(4_000))
        .await
        .expect_err("too long");
    assert!(matches!(err, StoreError::TooLong { .. }), "{err}");
    assert!(err.to_string().contains("resolution note"), "{err}");
    assert_eq!(
        get(&store, h.id).await.status,
        HandoffStatus::Open,
        "still live"
    );

    let long_resolution = "ü".repeat(NOTE_MAX_CHARS);
    let done = store
        .resolve_handoff(h.id, Some(&long_resolution), at(5_000))
        .await
        .expect("at bound")
        .expect("live");
    assert_eq!(
        done.resolution_note.as_deref(),
        Some(long_resolution.as_str())
    );
    store.close().await;
}

#[tokio::test]
async fn ids_at_or_above_two_to_the_63_are_refused_not_wrapped() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    let session = escalated_session(&store, GUILD, BOB, false).await;

    let mut errors = vec![
        store.guild_setup(GuildId(HUGE)).await.map(drop),
        store
            .save_guild_setup(&GuildSetup::new(GuildId(HUGE)), at(1))
            .await,
        store
            .save_guild_setup(
                &GuildSetup {
                    volunteer_role: Some(RoleId(u64::MAX)),
                    ..GuildSetup::new(GUILD)
                },
                at(1),
            )
            .await,
        store
            .save_guild_setup(
                &GuildSetup {
                    help_channel: Some(ChannelId(HUGE)),
                    ..GuildSetup::new(GUILD)
                },
                at(1),
            )
            .await,
        store
            .set_permission_problem(GuildId(HUGE), Some("x"), at(1))
            .await
            .map(drop),
        store.set_on_duty(GUILD, UserId(HUGE), true, at(1)).await,
        store.set_on_duty(GuildId(HUGE), ALICE, true, at(1)).await,
        store.on_duty(GuildId(HUGE)).await.map(drop),
        store
            .open_handoff(&new_handoff(session.id, GuildId(HUGE), BOB, false), at(1))
            .await
            .map(drop),
        store
            .open_handoff(&new_handoff(session.id, GUILD, UserId(HUGE), false), at(1))
            .await
            .map(drop),
        store
            .live_handoff_of_member(GUILD, UserId(HUGE))
            .await
            .map(drop),
        store.attach_thread(h.id, ChannelId(HUGE), at(1)).await,
        store
            .attach_card(h.id, ChannelId(HUGE), MessageId(1), at(1))
            .await,
        store
            .attach_card(h.id, ChannelId(1), MessageId(u64::MAX), at(1))
            .await,
        store.claim(h.id, UserId(HUGE), at(1)).await.map(drop),
        store.queue(GuildId(HUGE)).await.map(drop),
    ];
    claimed(store.claim(h.id, VOL_1, at(2)).await.expect("claim"));
    errors.push(store.transfer(h.id, UserId(HUGE), at(3)).await.map(drop));

    for (i, result) in errors.into_iter().enumerate() {
        let err = result.expect_err("huge id");
        assert!(
            matches!(err, StoreError::IdOutOfRange { .. }),
            "case {i}: {err}"
        );
        assert!(err.to_string().contains("out of range"), "{err}");
    }

    // Nothing was written by any of them (a huge id cannot be stored, so only the
    // refused writes' other rows can be looked for).
    assert_eq!(store.guild_setup(GUILD).await.expect("read"), None);
    assert!(store.on_duty(GUILD).await.expect("list").is_empty());
    assert_eq!(
        store
            .handoff_for_session(session.id)
            .await
            .expect("by session"),
        None
    );
    let now = get(&store, h.id).await;
    assert_eq!((now.thread, now.card_channel), (None, None));
    assert_eq!(now.claimed_by, Some(VOL_1));

    // The largest storable id round-trips.
    let max = i64::MAX as u64;
    store
        .set_on_duty(GuildId(max), UserId(max), true, at(1))
        .await
        .expect("max ids");
    assert_eq!(
        store.on_duty(GuildId(max)).await.expect("list"),
        vec![UserId(max)]
    );
    store.close().await;
}
