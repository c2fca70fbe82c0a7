//! A handoff no guide led to ("None of these — ask a volunteer").

use super::*;

// ---------------------------------------------------------------------------------------------
// A handoff no guide led to ("None of these — ask a volunteer")

#[tokio::test]
async fn an_unguided_handoff_is_an_escalated_session_of_no_guide_with_the_words_as_its_note() {
    let (_dir, _url, store) = fresh().await;
    let (guild, channel, member) = (GuildId(7), ChannelId(8), UserId(9));
    let scope = Scope::Guild { guild, channel };
    // A guide the member has open here is left alone: the ask is a request of its own.
    let open = store
        .start_session(
            &Member::Discord(member),
            &scope,
            "stuck-key",
            &GuideVersion("v1".into()),
            &State {
                node: "start".into(),
                path: Vec::new(),
                step: 0,
                status: Status::Active,
            },
            Timestamp(1_000),
        )
        .await
        .expect("a guided session");

    let words = "@everyone ran out of petrol\non the A1";
    let (session, h) = store
        .open_unguided_handoff(
            (guild, channel),
            member,
            LangCode::En,
            words,
            Timestamp(5_000),
            Timestamp(2_000),
        )
        .await
        .expect("opened");
    assert!(session.is_unguided());
    assert_eq!(session.guide_id, pitcrew::domain::NO_GUIDE);
    assert_eq!(session.state.status, Status::Escalated);
    assert_eq!(session.scope, scope);
    assert_eq!((h.session, h.guild, h.member), (session.id, guild, member));
    assert_eq!(h.status, HandoffStatus::Open);
    assert!(!h.urgent);
    assert_eq!(h.member_note.as_deref(), Some(words));
    assert_eq!(h.next_notify_at, Some(Timestamp(5_000)));
    assert_eq!(
        store.live_handoff_of_member(guild, member).await.unwrap(),
        Some(h)
    );
    let still = store.session(open.id).await.unwrap().expect("still there");
    assert_eq!(still.state.status, Status::Active);

    // Words over the limit are refused before anything is written.
    let other = UserId(10);
    let long = "x".repeat(NOTE_MAX_CHARS + 1);
    let refused = store
        .open_unguided_handoff(
            (guild, channel),
            other,
            LangCode::En,
            &long,
            Timestamp(5_000),
            Timestamp(3_000),
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::TooLong { .. })),
        "{refused:?}"
    );
    assert_eq!(
        store.live_handoff_of_member(guild, other).await.unwrap(),
        None
    );
}
