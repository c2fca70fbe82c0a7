//! The moderators' and volunteers' commands on a locked store: each is deferred privately
//! ("thinking…") inside Discord's 3 seconds, then its note replaces the deferral. None answers
//! late, which Discord would refuse and the member would see as "the application did not
//! respond".

use std::time::Duration;

use pitcrew::domain::{ChannelId, GuildId, RoleId, UserId};

use crate::fake::builders::command;
use crate::harness::lock::WriteLock;
use crate::harness::{Pit, T};

const TEN_MINUTES: Duration = Duration::from_secs(600);

#[tokio::test]
async fn setup_status_queue_and_duty_are_deferred_on_a_locked_store_then_edited() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);
    let ada = pit.actor_in(crew.cards, crew.volunteers[0].id);

    let lock = WriteLock::take(&pit.db_url).await;
    let mut handles = Vec::new();
    for payload in [
        command("pitcrew")
            .sub("setup")
            .integer("renotify_minutes", 5)
            .by(&moderator),
        command("pitcrew").sub("status").by(&moderator),
        command("volunteer").sub("queue").by(&ada),
        command("volunteer")
            .sub("duty")
            .string("state", "on")
            .by(&ada),
    ] {
        handles.push(pit.server.dispatch(payload).await);
    }
    let mut acks = Vec::new();
    for h in &handles {
        acks.push(pit.server.wait_response(h, T).await);
    }
    lock.release().await;
    for (h, ack) in handles.iter().zip(acks) {
        let ack = ack.unwrap_or_else(|e| panic!("no answer while the store is locked: {e}"));
        assert!(ack.accepted(), "in time: {ack:?}");
        assert_eq!(ack.kind, 5, "deferred with 'thinking…': {ack:?}");
        assert_eq!(pit.server.callbacks(h).len(), 1, "one callback, then edits");
        assert!(pit.server.original_message(h).unwrap().is_ephemeral());
    }

    let said: Vec<String> = {
        let mut said = Vec::new();
        for h in &handles {
            let shown = pit
                .server
                .wait_original(h, T, |m| !m.is_loading())
                .await
                .unwrap_or_else(|e| panic!("the deferral was never edited: {e}"));
            assert!(
                pit.server.followups(h).is_empty(),
                "the note replaces 'thinking…'"
            );
            said.push(shown.content().to_string());
        }
        said
    };
    assert!(said[0].contains("Reminders every: 5 min"), "{}", said[0]);
    assert!(
        said[1].contains("**Volunteer handoff setup**"),
        "{}",
        said[1]
    );
    assert_eq!(said[2], "Nobody is waiting. 🎉");
    assert!(said[3].contains("You are on duty"), "{}", said[3]);

    let guild = GuildId(pit.scene.guild_id);
    let stored = pit.store.guild_setup(guild).await.unwrap().unwrap();
    assert_eq!(stored.renotify, Duration::from_secs(5 * 60));
    assert_eq!(
        pit.store.on_duty(guild).await.unwrap(),
        [UserId(crew.volunteers[0].id)]
    );
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

/// Two moderators setting different parts of the setup at the same moment both keep theirs:
/// each change is read and written in one transaction, never over a copy read before the
/// other's write.
#[tokio::test]
async fn two_setups_at_once_both_keep_their_part() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);

    // The lock makes them meet: both are in flight before either can write.
    let lock = WriteLock::take(&pit.db_url).await;
    let role = command("pitcrew")
        .sub("setup")
        .role("volunteer_role", &pit.server.role_json(crew.role))
        .by(&moderator);
    let cards = command("pitcrew")
        .sub("setup")
        .channel("cards_channel", &pit.server.resolved_channel(crew.cards))
        .by(&moderator);
    let role = pit.server.dispatch(role).await;
    let cards = pit.server.dispatch(cards).await;
    for h in [&role, &cards] {
        pit.server
            .wait_response(h, T)
            .await
            .expect("deferred while locked");
    }
    lock.release().await;
    for h in [&role, &cards] {
        pit.server
            .wait_original(h, T, |m| !m.is_loading())
            .await
            .expect("answered");
    }

    let stored = pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.volunteer_role, Some(RoleId(crew.role)));
    assert_eq!(stored.cards_channel, Some(ChannelId(crew.cards)));
    pit.server.assert_no_violations();
}
