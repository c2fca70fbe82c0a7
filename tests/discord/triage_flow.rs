//! A member's walk through `/triage`: starting (by option, menu or description), advancing in
//! place, back, start over, cancel, the resume offer, the emergency screen, and a DM.

use pitcrew::triage::Status;

use crate::harness::screen::{description, embed, id_of, labels, row_sizes, step_of, title};
use crate::harness::{Pit, DRILL};

const SAFE: &str = "Is everyone safe, well away from traffic?";
const JACK: &str = "Find the jack and the wheel brace in the boot floor.";

#[tokio::test]
async fn start_by_option_then_advance_back_and_start_over_in_place() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let first = pit.triage(me, Some(DRILL)).await;
    assert_eq!(first.kind(), 4, "a new message");
    let msg = first.message();
    assert!(msg.is_ephemeral(), "private to the member");
    assert_eq!(msg.visible_to, Some(me.user_id));
    assert_eq!(title(&msg), "Wheel change drill");
    assert_eq!(description(&msg), SAFE);
    assert_eq!(embed(&msg)["color"], 0x3b82f6);
    assert_eq!(
        labels(&msg),
        [
            "Yes, we are safe",
            "Someone may be in danger",
            "Talk to a volunteer"
        ]
    );
    assert_eq!(row_sizes(&msg), [2, 1], "choices, then the navigation row");
    let (session, step) = step_of(&msg);
    assert_eq!(step, 0);
    let stored = pit.open_session(me).await.expect("a session is open");
    assert_eq!((stored.id, stored.guide_id.as_str()), (session, DRILL));

    let next = pit.press(me, &msg, "Yes, we are safe").await;
    assert_eq!(
        (next.kind(), next.callback.status),
        (7, 204),
        "updated in place"
    );
    let msg = next.message();
    assert_eq!(msg.id, first.message().id, "the same message");
    assert!(msg.is_ephemeral(), "an update keeps the message private");
    assert_eq!(description(&msg), JACK);
    assert_eq!(step_of(&msg), (session, 1));
    assert_eq!(
        labels(&msg),
        [
            "Found them",
            "There is no jack",
            "Back",
            "Start over",
            "Talk to a volunteer"
        ]
    );
    assert_eq!(
        pit.server.channel_messages(pit.scene.channel_id).len(),
        1,
        "no second message"
    );

    let back = pit.press(me, &msg, "Back").await;
    assert_eq!(back.kind(), 7);
    assert_eq!(description(&back.message()), SAFE);
    assert_eq!(
        step_of(&back.message()),
        (session, 2),
        "the counter only moves on"
    );
    let forward = pit.press(me, &msg, "Yes, we are safe").await;
    assert_eq!(description(&forward.message()), JACK);
    let over = pit.press(me, &msg, "Start over").await;
    assert_eq!(over.kind(), 7);
    assert_eq!(description(&over.message()), SAFE);
    assert_eq!(step_of(&over.message()), (session, 4), "the same session");

    assert_eq!(
        pit.answer_labels(session).await,
        ["Yes, we are safe", "Back", "Yes, we are safe", "Start over"],
        "every press is logged once, in order"
    );
    let stored = pit.session(session).await;
    assert_eq!((stored.state.node.as_str(), stored.state.step), ("safe", 4));
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn start_from_the_select_menu() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let picker = pit.triage(me, None).await;
    assert_eq!(picker.kind(), 4);
    let msg = picker.message();
    assert!(msg.is_ephemeral());
    assert_eq!(title(&msg), "What happened?");
    assert!(description(&msg).contains("911"), "safety first, even here");
    let select = msg.component("pick").expect("a guide menu");
    assert_eq!(select["type"], 3);
    let values: Vec<&str> = select["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    for id in [
        "bmw-keys-locked",
        "mini-fob-not-working",
        "trunk-release-failed",
        DRILL,
    ] {
        assert!(values.contains(&id), "{id} in {values:?}");
    }
    assert_eq!(id_of(&msg, "Describe your problem"), "desc");
    assert!(pit.open_session(me).await.is_none(), "nothing started yet");

    let started = pit.pick(me, &msg, DRILL).await;
    assert_eq!(started.kind(), 7, "the picker turns into the first step");
    assert_eq!(started.message().id, msg.id);
    assert_eq!(description(&started.message()), SAFE);
    let session = pit.open_session(me).await.expect("started");
    assert_eq!(session.guide_id, DRILL);
    assert_eq!(step_of(&started.message()), (session.id, 0));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn start_from_a_description_via_the_modal_and_suggestions() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let picker = pit.triage(me, None).await.message();
    let opened = pit.press(me, &picker, "Describe your problem").await;
    let modal = pit.server.modal(&opened.handle).expect("a modal");
    assert_eq!(modal["custom_id"], "descm");
    let input = &modal["components"][0]["components"][0];
    assert_eq!(
        (input["custom_id"].as_str(), input["style"].as_u64()),
        (Some("desct"), Some(2))
    );

    let suggested = pit
        .describe(me, &picker, "my fob is locked in the boot")
        .await;
    assert_eq!(
        suggested.kind(),
        7,
        "the picker message shows the suggestions"
    );
    let msg = suggested.message();
    assert_eq!(msg.id, picker.id);
    assert_eq!(title(&msg), "These guides fit best");
    let ids = msg.custom_ids();
    assert_eq!(ids[0], "g:bmw-keys-locked", "best first: {ids:?}");
    assert!(
        ids.len() <= 5 + 2,
        "one row of suggestions, then the picker: {ids:?}"
    );
    assert!(pit.open_session(me).await.is_none());

    let started = pit.press_id(me, &msg, "g:bmw-keys-locked").await;
    assert_eq!(started.kind(), 7);
    assert_eq!(
        title(&started.message()),
        "Keys locked in a BMW (cabin or trunk)"
    );
    let session = pit.open_session(me).await.expect("started");
    assert_eq!(session.guide_id, "bmw-keys-locked");
    assert_eq!(step_of(&started.message()), (session.id, 0));

    // Typed words instead of an id in the option are a description too.
    pit.triage(me, Some("cancel")).await;
    let typed = pit
        .triage(me, Some("trunk will not open, medicine inside"))
        .await;
    assert_eq!(typed.kind(), 4);
    assert_eq!(typed.message().custom_ids()[0], "g:trunk-release-failed");
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn cancel_closes_the_open_guide() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    let closed = pit.triage(me, Some("cancel")).await;
    assert_eq!(closed.kind(), 4);
    let note = closed.message();
    assert!(note.is_ephemeral());
    assert!(note.content().contains("closed"), "{}", note.content());
    assert_eq!(pit.session(session).await.state.status, Status::Abandoned);
    assert!(pit.open_session(me).await.is_none());
    let again = pit.triage(me, Some("cancel")).await.message();
    assert!(
        again.content().contains("no open guide"),
        "{}",
        again.content()
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_open_guide_is_offered_for_resume_or_start_over() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    pit.press(me, &msg, "Yes, we are safe").await;
    let (session, _) = step_of(&pit.server.message(msg.id).unwrap());

    let offer = pit.triage(me, None).await;
    assert_eq!(offer.kind(), 4);
    let offer = offer.message();
    assert!(offer.is_ephemeral());
    assert!(description(&offer).contains("Wheel change drill"));
    assert_eq!(labels(&offer), ["Resume", "Start over"]);
    let resumed = pit.press(me, &offer, "Resume").await;
    assert_eq!(resumed.kind(), 7);
    let shown = resumed.message();
    assert!(
        description(&shown).starts_with("*Welcome back."),
        "{}",
        description(&shown)
    );
    assert!(description(&shown).ends_with(JACK));
    assert_eq!(step_of(&shown), (session, 1), "the same session, same step");

    let offer = pit.triage(me, None).await.message();
    let fresh = pit.press(me, &offer, "Start over").await;
    assert_eq!(fresh.kind(), 7);
    assert_eq!(
        title(&fresh.message()),
        "What happened?",
        "back to the picker"
    );
    assert_eq!(pit.session(session).await.state.status, Status::Abandoned);
    assert!(pit.open_session(me).await.is_none());

    // With a guide named, the fresh start goes straight into it.
    let first = pit.pick(me, &fresh.message(), DRILL).await.message();
    let (second, _) = step_of(&first);
    let offer = pit.triage(me, Some("bmw-keys-locked")).await.message();
    assert_eq!(labels(&offer), ["Resume", "Start the new guide"]);
    let switched = pit.press(me, &offer, "Start the new guide").await.message();
    assert_eq!(title(&switched), "Keys locked in a BMW (cabin or trunk)");
    assert_eq!(pit.session(second).await.state.status, Status::Abandoned);
    let third = pit.open_session(me).await.expect("the new guide is open");
    assert_eq!(third.guide_id, "bmw-keys-locked");
    assert_eq!(step_of(&switched), (third.id, 0));

    // Naming the open guide itself offers to start it over: a fresh walk from its start.
    let offer = pit.triage(me, Some("bmw-keys-locked")).await.message();
    assert_eq!(labels(&offer), ["Resume", "Start over"]);
    let redo = pit.press(me, &offer, "Start over").await.message();
    assert_eq!(title(&redo), "Keys locked in a BMW (cabin or trunk)");
    let (fourth, step) = step_of(&redo);
    assert!(fourth != third.id && step == 0, "a new walk");
    assert_eq!(pit.session(third.id).await.state.status, Status::Abandoned);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_emergency_is_red_leads_with_911_and_offers_no_choices() {
    let pit = Pit::start().await;
    // 911 because the server is an American one (see region.rs for the others).
    pit.set_region(Some(pitcrew::domain::Region::Us)).await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    let sos = pit.press(me, &msg, "Someone may be in danger").await;
    assert_eq!(sos.kind(), 7);
    let shown = sos.message();
    assert!(shown.is_ephemeral());
    assert!(
        shown.content().starts_with("🚨 **EMERGENCY: call 911"),
        "the action first: {}",
        shown.content()
    );
    let e = embed(&shown);
    assert_eq!(e["color"], 0xdc2626);
    assert!(title(&shown).contains("Emergency"));
    assert!(description(&shown).contains("Call 911 now"));
    assert_eq!(
        labels(&shown),
        ["Start over"],
        "no choices to click through"
    );
    assert_eq!(pit.session(session).await.state.status, Status::Emergency);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_guide_works_in_a_dm() {
    let pit = Pit::start().await;
    let driver = pit.server.add_user("dm_driver");
    let dm = pit.server.dm_actor(driver.id);
    let first = pit.triage(&dm, Some(DRILL)).await;
    assert_eq!(first.kind(), 4);
    let msg = first.message();
    assert_eq!(msg.channel_id, dm.channel_id);
    assert_eq!(pit.server.interaction(&first.handle).payload["context"], 1);
    let next = pit.press(&dm, &msg, "Yes, we are safe").await;
    assert_eq!(next.kind(), 7);
    assert_eq!(description(&next.message()), JACK);
    let session = pit.open_session(&dm).await.expect("a DM session");
    assert_eq!(session.scope, pitcrew::domain::Scope::Dm);
    assert_eq!(pit.answer_labels(session.id).await, ["Yes, we are safe"]);
    // The same person in the server has no open guide: sessions are per place.
    assert!(pit.open_session(&pit.scene.actor).await.is_none());
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn resolved_then_volunteer_then_start_over_as_a_new_walk() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (first, _) = step_of(&msg);
    for label in ["Yes, we are safe", "Found them"] {
        pit.press(me, &msg, label).await;
    }
    let solved = pit.press(me, &msg, "Wheel is changed").await.message();
    assert_eq!(embed(&solved)["color"], 0x16a34a, "green");
    assert!(description(&solved).starts_with("Well done."));
    assert_eq!(
        labels(&solved),
        [
            "Yes, it's fixed",
            "No, I'm still stuck",
            "Start over",
            "Talk to a volunteer"
        ]
    );
    assert_eq!(pit.session(first).await.state.status, Status::Resolved);
    assert!(
        pit.open_session(me).await.is_none(),
        "a solved guide is not offered again"
    );

    // Still stuck after all: the volunteer advice (until the handoff exists).
    let help = pit
        .press(me, &solved, "Talk to a volunteer")
        .await
        .message();
    assert_eq!(embed(&help)["color"], 0xf59e0b);
    assert!(description(&help).starts_with("A club volunteer can take it from here."));
    assert!(embed(&help)["footer"]["text"].as_str().is_some());
    assert_eq!(labels(&help), ["Start over"]);
    assert_eq!(pit.session(first).await.state.status, Status::Escalated);

    // Starting over after the end is a new walk; the finished one keeps its outcome.
    let again = pit.press(me, &help, "Start over").await;
    assert_eq!(again.kind(), 7);
    let shown = again.message();
    assert_eq!(description(&shown), SAFE);
    let (second, step) = step_of(&shown);
    assert_ne!(second, first);
    assert_eq!(step, 0);
    assert_eq!(pit.session(first).await.state.status, Status::Escalated);
    assert_eq!(
        pit.answer_labels(first).await,
        [
            "Yes, we are safe",
            "Found them",
            "Wheel is changed",
            "Talk to a volunteer"
        ]
    );
    assert_eq!(pit.open_session(me).await.map(|s| s.id), Some(second));
    pit.server.assert_no_violations();
}
