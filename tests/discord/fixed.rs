//! "Did this fix it?" on a resolved outcome (issue 13, deliverable 3): Yes is thanked and
//! stored; No is stored and goes on to a volunteer like "Talk to a volunteer". (Once per
//! session, and only by its member: `tests/store_fixed.rs` and the desk.)

use pitcrew::triage::Status;

use crate::harness::screen::{description, embed, labels, step_of};
use crate::harness::{Pit, DRILL};

const YES: &str = "Yes, it's fixed";
const NO: &str = "No, I'm still stuck";

/// Walks the drill guide to its resolved outcome as `actor`; the session and that screen.
async fn solved(
    pit: &Pit,
    actor: &crate::fake::Actor,
) -> (pitcrew::domain::SessionId, crate::fake::StoredMessage) {
    let msg = pit.triage(actor, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    for label in ["Yes, we are safe", "Found them"] {
        pit.press(actor, &msg, label).await;
    }
    let solved = pit.press(actor, &msg, "Wheel is changed").await.message();
    assert_eq!(pit.session(session).await.state.status, Status::Resolved);
    (session, solved)
}

#[tokio::test]
async fn yes_is_thanked_and_stored_once() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let (session, screen) = solved(&pit, me).await;
    assert_eq!(
        labels(&screen),
        [YES, NO, "Start over", "Talk to a volunteer"]
    );
    assert_eq!(embed(&screen)["fields"][0]["name"], "Did this fix it?");

    assert_eq!(pit.store.fixed(session).await.unwrap(), None);
    let thanked = pit.press(me, &screen, YES).await;
    assert_eq!(thanked.kind(), 7, "the screen itself is redrawn");
    let thanked = thanked.message();
    assert_eq!(labels(&thanked), ["Start over", "Talk to a volunteer"]);
    assert_eq!(
        embed(&thanked)["fields"][0]["name"],
        "Thanks for telling us."
    );
    assert_eq!(pit.store.fixed(session).await.unwrap(), Some(true));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn no_is_stored_and_goes_on_to_a_volunteer() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let (session, screen) = solved(&pit, me).await;
    let help = pit.press(me, &screen, NO).await.message();
    assert_eq!(embed(&help)["color"], 0xf59e0b, "the volunteer screen");
    assert!(description(&help).starts_with("A club volunteer can take it from here."));
    assert_eq!(pit.session(session).await.state.status, Status::Escalated);
    assert_eq!(pit.store.fixed(session).await.unwrap(), Some(false));
    assert_eq!(
        pit.answer_labels(session).await,
        [
            "Yes, we are safe",
            "Found them",
            "Wheel is changed",
            "Talk to a volunteer"
        ],
        "the log reads as if the volunteer button was pressed"
    );
    pit.server.assert_no_violations();
}
