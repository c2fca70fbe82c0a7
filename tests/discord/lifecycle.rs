//! Time and process life: a slow store (defer inside 3 s, then edit), a hard kill mid-guide and
//! a new process on the same database, and a graceful stop with an interaction in flight.

use std::sync::Arc;

use pitcrew::config::{DiscordConfig, Secret};
use pitcrew::desk::Desk;
use pitcrew::discord;
use pitcrew::store::Store;

use crate::fake::builders::{button, command};
use crate::fake::FakeDiscord;
use crate::harness::lock::WriteLock;
use crate::harness::screen::{description, id_of, step_of};
use crate::harness::{Pit, DRILL, T};

const SAFE: &str = "Is everyone safe, well away from traffic?";
const JACK: &str = "Find the jack and the wheel brace in the boot floor.";
const NUTS: &str = "Loosen each wheel nut half a turn before lifting the car.";

#[tokio::test]
async fn a_locked_database_is_deferred_in_time_then_answered_by_edit() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    let other = pit.other_member("second_driver");
    pit.triage(&other, Some(DRILL)).await;
    let dm = pit.server.dm_actor(pit.scene.user.id);

    let lock = WriteLock::take(&pit.db_url).await;
    // A press (component), a start (command) and a cancel (command answered with a note),
    // all waiting for the same write lock.
    let press = pit
        .server
        .dispatch(button(&msg, &id_of(&msg, "Yes, we are safe")).by(me))
        .await;
    let start = pit
        .server
        .dispatch(command("triage").string("guide", DRILL).by(&dm))
        .await;
    let cancel = pit
        .server
        .dispatch(command("triage").string("guide", "cancel").by(&other))
        .await;
    let acks = [
        pit.server.wait_response(&press, T).await.unwrap(),
        pit.server.wait_response(&start, T).await.unwrap(),
        pit.server.wait_response(&cancel, T).await.unwrap(),
    ];
    lock.release().await;
    let kinds: Vec<u64> = acks.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [6, 5, 5],
        "silent ack for the press, 'thinking' for commands"
    );
    assert!(acks.iter().all(|c| c.accepted()), "{acks:#?}");
    assert!(
        pit.server.original_message(&start).unwrap().is_ephemeral(),
        "the deferral is private already"
    );

    let pressed = pit
        .server
        .wait_original(&press, T, |m| m.edits > 0)
        .await
        .unwrap();
    assert_eq!(pressed.id, msg.id, "the pressed message is edited");
    assert_eq!(description(&pressed), JACK);
    assert_eq!(step_of(&pressed), (session, 1));
    assert!(pressed.is_ephemeral());
    assert_eq!(pit.answer_labels(session).await, ["Yes, we are safe"]);

    let started = pit
        .server
        .wait_original(&start, T, |m| !m.is_loading())
        .await
        .unwrap();
    assert_eq!(description(&started), SAFE);
    let dm_session = pit.open_session(&dm).await.expect("started in the DM");
    assert_eq!(step_of(&started), (dm_session.id, 0));

    // The note replaces "thinking…" rather than leaving it spinning beside a follow-up.
    let closed = pit
        .server
        .wait_original(&cancel, T, |m| !m.is_loading())
        .await
        .unwrap();
    assert!(closed.content().contains("closed"), "{}", closed.content());
    assert!(pit.server.followups(&cancel).is_empty());
    assert!(pit.open_session(&other).await.is_none());
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn killed_mid_guide_a_new_process_continues_from_the_old_message() {
    let mut pit = Pit::start().await;
    let me = pit.scene.actor.clone();
    let msg = pit.triage(&me, Some(DRILL)).await.message();
    let msg = pit.press(&me, &msg, "Yes, we are safe").await.message();
    let (session, step) = step_of(&msg);
    let command_id = pit.server.commands(None)[0]["id"].clone();

    pit.kill();
    let stored = pit.session(session).await;
    assert_eq!(
        (stored.state.node.as_str(), stored.state.step),
        ("jack", step)
    );
    pit.restart().await;

    // The new process registers again, idempotently: still one /triage, same id.
    assert_eq!(
        pit.server.requests_to("PUT", &pit.commands_route()).len(),
        2
    );
    let commands = pit.server.commands(None);
    assert_eq!(
        commands.len(),
        5,
        "triage, pitcrew, volunteer, car, forget-me"
    );
    assert_eq!(commands[0]["name"], "triage");
    assert_eq!(commands[0]["id"], command_id);

    let next = pit.press(&me, &msg, "Found them").await;
    assert_eq!(next.kind(), 7);
    let shown = next.message();
    assert_eq!(shown.id, msg.id);
    assert_eq!(description(&shown), NUTS);
    assert_eq!(step_of(&shown), (session, step + 1));
    assert_eq!(
        pit.answer_labels(session).await,
        ["Yes, we are safe", "Found them"]
    );
    // Back still knows the path walked before the crash.
    let back = pit.press(&me, &shown, "Back").await;
    assert_eq!(description(&back.message()), JACK);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_graceful_stop_finishes_the_interaction_in_flight() {
    let mut pit = Pit::start().await;
    let me = pit.scene.actor.clone();
    let msg = pit.triage(&me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);

    let lock = WriteLock::take(&pit.db_url).await;
    let press = pit
        .server
        .dispatch(button(&msg, &id_of(&msg, "Yes, we are safe")).by(&me))
        .await;
    // Deferred: the bot has it, and is waiting for the database.
    assert_eq!(pit.server.wait_response(&press, T).await.unwrap().kind, 6);
    pit.request_stop().await;

    // While draining, a newcomer is told to come back instead of being left unanswered.
    let other = pit.other_member("late_driver");
    let late = pit.triage(&other, Some(DRILL)).await;
    assert_eq!(late.kind(), 4);
    let note = late.message();
    assert!(note.is_ephemeral());
    assert!(note.content().contains("restarting"), "{}", note.content());
    assert!(note.content().contains("911"));
    assert!(pit.open_session(&other).await.is_none());

    lock.release().await;
    let result = pit.stopped().await;
    assert!(result.is_ok(), "run returns Ok: {result:?}");
    // It finished before run returned: the edit is there and the answer committed.
    let shown = pit.server.message(msg.id).unwrap();
    assert_eq!(description(&shown), JACK);
    assert_eq!(step_of(&shown), (session, 1));
    assert_eq!(pit.answer_labels(session).await, ["Yes, we are safe"]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_guide_edited_between_runs_does_not_strand_open_sessions() {
    let mut pit = Pit::start().await;
    let me = pit.scene.actor.clone();
    let msg = pit.triage(&me, Some(DRILL)).await.message();
    let msg = pit.press(&me, &msg, "Yes, we are safe").await.message();
    let (session, _) = step_of(&msg);
    let file = pit.content.join(format!("{DRILL}.toml"));
    let edit = |from: &str, to: &str| {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&file, text.replace(from, to)).unwrap();
    };

    // The moderator rewords the member's current step, and restarts the bot.
    pit.stop().await;
    edit(JACK, "Find the jack: it is under the boot floor.");
    pit.restart().await;
    // A choice is never applied blind on a changed step: the new wording is shown first.
    let shown = pit.press(&me, &msg, "Found them").await;
    assert_eq!(shown.kind(), 7);
    let text = description(&shown.message());
    assert!(text.contains("This guide was updated"), "{text}");
    assert!(text.ends_with("Find the jack: it is under the boot floor."));
    let shown = pit
        .press(&me, &shown.message(), "Found them")
        .await
        .message();
    assert_eq!(description(&shown), NUTS);
    assert_eq!(
        pit.answer_labels(session).await,
        ["Yes, we are safe", "[guide updated]", "Found them"]
    );

    // Then the member's step is removed altogether: only Start over is left, and it works.
    pit.stop().await;
    edit("goto = \"nuts\"", "goto = \"done\"");
    let text = std::fs::read_to_string(&file).unwrap();
    let nuts = text.find("[[node]]\nid = \"nuts\"").unwrap();
    let end = nuts + text[nuts..].find("\n\n").unwrap() + 2;
    std::fs::write(&file, format!("{}{}", &text[..nuts], &text[end..])).unwrap();
    pit.restart().await;
    let gone = pit.press(&me, &shown, "Wheel is changed").await.message();
    assert!(
        description(&gone).contains("your step no longer exists"),
        "{}",
        description(&gone)
    );
    assert_eq!(crate::harness::screen::labels(&gone), ["Start over"]);
    let fresh = pit.press(&me, &gone, "Start over").await.message();
    assert_eq!(description(&fresh), SAFE);
    assert_eq!(step_of(&fresh).0, session, "the same session, restarted");
    pit.server.assert_no_violations();
}

/// The stop signal is looked at before anything connects: SIGINT's listener only exists once
/// polled, and a bot that connected first could be killed outright by an early Ctrl-C while
/// it already answers members (seen as `sigint_stops_a_connected_bot_with_exit_0` dying of
/// signal 2 under load).
#[tokio::test]
async fn a_stop_requested_before_connecting_never_reaches_discord() {
    let server = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let content = crate::harness::manifest("content");
    let library = pitcrew::guide::load_library(&content).unwrap();
    let url = format!("sqlite://{}", dir.path().join("p.db").display());
    let desk = Arc::new(Desk::new(library, Store::open(&url).await.unwrap()));
    let config = DiscordConfig {
        token: Secret::new(server.token()),
        api_url: Some(server.api_url()),
        guild_id: None,
        intents: Default::default(),
        shards: None,
        lease: pitcrew::domain::LEASE_TTL,
    };
    let live = pitcrew::reload::LiveContent {
        dir: content,
        watch: true,
    };
    let result = tokio::time::timeout(T, discord::run(&config, desk, live, std::future::ready(())))
        .await
        .expect("returns at once");
    assert!(result.is_ok(), "{result:?}");
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
    assert_eq!(server.identified_count(), 0);
}
