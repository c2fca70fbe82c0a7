//! Starting sessions: read back, one active per member and place, scopes apart.

use super::*;

// ---------------------------------------------------------------------------------------------
// Sessions

#[tokio::test]
async fn start_then_read_back_equal() {
    let (_dir, _url, store) = fresh().await;
    let initial = state("start", &["a", "b"], 3, Status::Active);
    let rec = store
        .start_session(
            &alice(),
            &channel(CHANNEL_A),
            "keys-locked-in",
            &v1(),
            &initial,
            t(1_000),
        )
        .await
        .expect("start");

    assert_eq!(rec.member, alice());
    assert_eq!(rec.scope, channel(CHANNEL_A));
    assert_eq!(rec.guide_id, "keys-locked-in");
    assert_eq!(rec.guide_version, v1());
    assert_eq!(rec.state, initial);
    assert_eq!((rec.created_at, rec.updated_at), (t(1_000), t(1_000)));

    assert_eq!(
        store.session(rec.id).await.expect("by id"),
        Some(rec.clone())
    );
    assert_eq!(
        store
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(rec.clone())
    );
    assert_eq!(
        store
            .session(SessionId(rec.id.0 + 1000))
            .await
            .expect("missing"),
        None
    );
    assert_eq!(rec.id.to_string(), rec.id.0.to_string());

    // Every member and scope shape round-trips, including the largest storable snowflake and
    // names that would look like sentinels or SQL.
    let shapes = [
        (Member::Local("dana".to_string()), Scope::Local),
        (Member::Local(String::new()), Scope::Local),
        (
            Member::Local("x'); DROP TABLE sessions; --".to_string()),
            Scope::Dm,
        ),
        (Member::Discord(UserId(0)), Scope::Dm),
        (
            Member::Discord(UserId(i64::MAX as u64)),
            Scope::Guild {
                guild: GuildId(i64::MAX as u64),
                channel: ChannelId(0),
            },
        ),
    ];
    for (i, (member, scope)) in shapes.iter().enumerate() {
        let rec = store
            .start_session(
                member,
                scope,
                "fob-dead",
                &v2(),
                &start_state(),
                t(i as i64),
            )
            .await
            .expect("start shape");
        assert_eq!(&rec.member, member);
        assert_eq!(&rec.scope, scope);
        assert_eq!(
            store.session(rec.id).await.expect("read"),
            Some(rec.clone())
        );
        assert_eq!(
            store.active_session(member, scope).await.expect("active"),
            Some(rec)
        );
    }
    store.close().await;
}

#[tokio::test]
async fn starting_again_in_the_same_scope_abandons_the_first() {
    let (_dir, _url, store) = fresh().await;
    let first = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let second = start(&store, &alice(), &channel(CHANNEL_A), t(2_000)).await;
    assert_ne!(first.id, second.id);

    let first_now = store
        .session(first.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(first_now.state.status, Status::Abandoned);
    assert_eq!(first_now.updated_at, t(2_000));
    // A press on the first session's screen sees it abandoned too (the session cache holds
    // what the start wrote, not the first session as it was started).
    let pressed = store
        .session_for_press(first.id, first.state.step)
        .await
        .expect("read for a press")
        .expect("exists");
    assert_eq!(pressed, first_now);
    assert_eq!(
        first_now.state.node, first.state.node,
        "only the status changes"
    );
    assert_eq!(
        store
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(second)
    );
    store.close().await;
}

/// SQLite's partial unique index backs the one-active-session rule even against a writer that
/// skips the store (PostgreSQL's is the same index, `migrations/postgres/0001_schema.sql`).
#[tokio::test]
async fn a_second_active_row_written_past_the_store_is_refused() {
    let (_dir, url, store) = fresh_sqlite().await;
    start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    start(&store, &alice(), &channel(CHANNEL_A), t(2_000)).await;
    let mut conn = raw(&url).await;
    let active: i64 = sqlx::query("SELECT count(*) FROM sessions WHERE status = 'active'")
        .fetch_one(&mut conn)
        .await
        .expect("count")
        .get(0);
    assert_eq!(active, 1);

    let dup = sqlx::query(
        "INSERT INTO sessions (member_kind, member_id, scope_kind, guild_id, channel_id, \
         guide_id, guide_version, node, path, step, status, created_at, updated_at) \
         VALUES ('discord', ?, 'guild', ?, ?, 'g', 'v', 'n', '[]', 0, 'active', 0, 0)",
    )
    .bind(ALICE.get() as i64)
    .bind(GUILD.get() as i64)
    .bind(CHANNEL_A.get() as i64)
    .execute(&mut conn)
    .await;
    let err = dup.expect_err("second active row must be refused");
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    conn.close().await.expect("close raw");
    store.close().await;
}

/// `/triage guide` with nothing open starts at once; with a session open it writes nothing and
/// the open one stays as it was.
#[tokio::test]
async fn starting_unless_active_never_replaces_an_open_session() {
    let (_dir, _url, store) = fresh().await;
    let place = channel(CHANNEL_A);
    let first = store
        .start_session_unless_active(
            &alice(),
            &place,
            "keys-locked-in",
            &v1(),
            &start_state(),
            t(1_000),
        )
        .await
        .expect("start")
        .expect("nothing was open");
    assert_eq!(
        store
            .active_session(&alice(), &place)
            .await
            .expect("active"),
        Some(first.clone())
    );
    let refused = store
        .start_session_unless_active(
            &alice(),
            &place,
            "fob-dead",
            &v1(),
            &start_state(),
            t(2_000),
        )
        .await
        .expect("start");
    assert_eq!(refused, None);
    assert_eq!(
        store
            .active_session(&alice(), &place)
            .await
            .expect("active"),
        Some(first.clone()),
        "the open session is untouched"
    );
    // Elsewhere, and once the first is closed, it starts.
    let other_place = store
        .start_session_unless_active(
            &alice(),
            &channel(CHANNEL_B),
            "fob-dead",
            &v1(),
            &start_state(),
            t(3_000),
        )
        .await
        .expect("start");
    assert!(other_place.is_some());
    applied(
        store
            .advance(
                first.id,
                0,
                &state("start", &[], 1, Status::Abandoned),
                &v1(),
                &answer("start", "[cancelled]"),
                t(4_000),
            )
            .await
            .expect("close"),
    );
    let second = store
        .start_session_unless_active(
            &alice(),
            &place,
            "fob-dead",
            &v1(),
            &start_state(),
            t(5_000),
        )
        .await
        .expect("start")
        .expect("the first is closed");
    assert_eq!(second.guide_id, "fob-dead");
    store.close().await;
}

#[tokio::test]
async fn different_scopes_and_members_are_independent() {
    let (_dir, _url, store) = fresh().await;
    let bob = Member::Discord(BOB);
    let a = start(&store, &alice(), &channel(CHANNEL_A), t(1)).await;
    let b = start(&store, &alice(), &channel(CHANNEL_B), t(2)).await;
    let dm = start(&store, &alice(), &Scope::Dm, t(3)).await;
    let other = start(&store, &bob, &channel(CHANNEL_A), t(4)).await;
    // A local user whose name is a Discord id's digits is still a different member.
    let local = start(
        &store,
        &Member::Local(ALICE.to_string()),
        &Scope::Local,
        t(5),
    )
    .await;

    for (member, scope, rec) in [
        (alice(), channel(CHANNEL_A), &a),
        (alice(), channel(CHANNEL_B), &b),
        (alice(), Scope::Dm, &dm),
        (bob.clone(), channel(CHANNEL_A), &other),
        (Member::Local(ALICE.to_string()), Scope::Local, &local),
    ] {
        let found = store.active_session(&member, &scope).await.expect("active");
        assert_eq!(found.as_ref(), Some(rec), "{member} in {scope:?}");
    }
    assert_eq!(
        store.active_session(&bob, &Scope::Dm).await.expect("none"),
        None
    );
    store.close().await;
}
