//! Presses that must not move anyone's guide: another member's, an old screen's, the same
//! interaction delivered twice, and two presses racing on one step.

use crate::fake::builders::button;
use crate::harness::lock::WriteLock;
use crate::harness::screen::{description, id_of, step_of};
use crate::harness::{Pit, DRILL};

const JACK: &str = "Find the jack and the wheel brace in the boot floor.";
const OLD_STEP: &str = "That button was from an earlier step";

#[tokio::test]
async fn another_members_press_gets_a_private_note_and_changes_nothing() {
    let pit = Pit::start().await;
    let owner = &pit.scene.actor;
    let msg = pit.triage(owner, Some(DRILL)).await.message();
    let msg = pit.press(owner, &msg, "Yes, we are safe").await.message();
    let (session, step) = step_of(&msg);
    let before = pit.session(session).await;

    // The owner's screen is ephemeral, so Discord shows its buttons to nobody else; a copy
    // of them on a public message is how another member could ever press one.
    let ids = msg.custom_ids();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let copy = pit.post_public(pit.scene.channel_id, &ids).await;
    let other = pit.other_member("passer_by");
    for id in &ids {
        let answer = pit.press_id(&other, &copy, id).await;
        assert_eq!(answer.kind(), 4, "{id}: a new private note, not an update");
        let note = answer.message();
        assert!(note.is_ephemeral());
        assert_eq!(note.visible_to, Some(other.user_id));
        assert!(
            note.content().contains("belongs to someone else")
                && note.content().contains("/triage"),
            "{}",
            note.content()
        );
        assert!(note.components().is_empty() && note.embeds().is_empty());
    }
    assert_eq!(
        pit.server.message(copy.id).unwrap().edits,
        0,
        "the copy untouched"
    );
    assert_eq!(
        pit.server.message(msg.id).unwrap().json,
        msg.json,
        "the owner's screen untouched"
    );
    assert_eq!(
        pit.session(session).await,
        before,
        "the owner's session untouched"
    );
    assert_eq!(pit.answer_labels(session).await, ["Yes, we are safe"]);
    assert!(
        pit.open_session(&other).await.is_none(),
        "nothing started for them"
    );

    // The owner carries on as if nothing happened.
    let next = pit.press(owner, &msg, "Found them").await;
    assert_eq!(next.kind(), 7);
    assert_eq!(step_of(&next.message()), (session, step + 1));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_press_on_an_old_step_shows_the_current_step_with_a_notice() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    // Message A shows step 1; the resume offer then carries the same session on message B.
    let a = pit.triage(me, Some(DRILL)).await.message();
    let a = pit.press(me, &a, "Yes, we are safe").await.message();
    let offer = pit.triage(me, None).await.message();
    let b = pit.press(me, &offer, "Resume").await.message();
    let b = pit.press(me, &b, "Found them").await.message();
    let (session, current) = step_of(&b);
    assert_eq!(current, 2);
    let before = pit.session(session).await;

    // A still shows step 1: its "Found them" is stale now.
    let stale = pit.press_id(me, &a, &id_of(&a, "Found them")).await;
    assert_eq!(stale.kind(), 7, "the old message is redrawn in place");
    let redrawn = stale.message();
    assert_eq!(redrawn.id, a.id);
    let text = description(&redrawn);
    assert!(text.contains(OLD_STEP), "{text}");
    assert!(text.ends_with("Loosen each wheel nut half a turn before lifting the car."));
    assert_eq!(
        step_of(&redrawn),
        (session, current),
        "now carries the current step"
    );
    assert_eq!(pit.session(session).await, before, "nothing advanced");
    assert_eq!(
        pit.answer_labels(session).await,
        ["Yes, we are safe", "Found them"]
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn the_same_interaction_delivered_twice_is_answered_and_applied_once() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    let h = pit
        .server
        .dispatch(button(&msg, &id_of(&msg, "Yes, we are safe")).by(me))
        .await;
    // Discord (or a gateway replay) delivers it again at once, same id and token.
    let payload = pit.server.interaction(&h).payload;
    assert!(pit
        .server
        .send_dispatch("INTERACTION_CREATE", &payload)
        .is_some());
    let first = pit.answer(h.clone()).await;
    assert_eq!(first.kind(), 7);

    // ...and once more after it was answered. The next press is a barrier: by the time it
    // is answered, a second answer to `h` would have been sent (and refused with 40060).
    assert!(pit
        .server
        .send_dispatch("INTERACTION_CREATE", &payload)
        .is_some());
    let next = pit.press(me, &first.message(), "Found them").await;
    assert_eq!(next.kind(), 7);

    assert_eq!(pit.server.callbacks(&h).len(), 1, "answered exactly once");
    assert_eq!(
        pit.answer_labels(session).await,
        ["Yes, we are safe", "Found them"],
        "applied exactly once"
    );
    assert_eq!(pit.session(session).await.state.step, 2);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn two_presses_racing_on_one_step_advance_once() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    let safe = button(&msg, &id_of(&msg, "Yes, we are safe")).by(me);
    let danger = button(&msg, &id_of(&msg, "Someone may be in danger")).by(me);

    // Holding the write lock lets both presses read step 0 and queue for the write; on
    // release they truly race for the one advance. The pause only gives both a chance to
    // reach the bot (milliseconds); were one late, it would be a stale press, and every
    // assertion below holds just the same.
    let lock = WriteLock::take(&pit.db_url).await;
    let a = pit.server.dispatch(safe).await;
    let b = pit.server.dispatch(danger).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    lock.release().await;
    let (a, b) = (pit.answer(a).await, pit.answer(b).await);

    let answers = pit.answer_labels(session).await;
    assert_eq!(answers.len(), 1, "exactly one advance: {answers:?}");
    let stored = pit.session(session).await;
    assert_eq!(stored.state.step, 1);
    let (winner, loser) = if answers[0] == "Yes, we are safe" {
        assert_eq!(stored.state.node, "jack");
        (&a, &b)
    } else {
        assert_eq!(answers[0], "Someone may be in danger");
        assert_eq!(stored.state.node, "danger");
        (&b, &a)
    };
    for answer in [winner, loser] {
        assert_eq!((answer.kind(), answer.callback.status), (7, 204));
    }
    let text = |a: &crate::harness::Answer| -> String {
        a.callback.data["embeds"][0]["description"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no embed: {:#}", a.callback.data))
    };
    assert!(!text(winner).contains(OLD_STEP), "{}", text(winner));
    assert!(
        text(loser).contains(OLD_STEP),
        "the loser is told: {}",
        text(loser)
    );
    let current = if stored.state.node == "jack" {
        JACK
    } else {
        "away from the road."
    };
    assert!(text(winner).ends_with(current) && text(loser).ends_with(current));
    pit.server.assert_no_violations();
}
