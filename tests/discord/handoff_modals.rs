//! A press that opens a modal answers with it whatever the store is doing: a modal cannot
//! follow a deferral or an error note, so a press that waited on the store or failed with it
//! would lose the modal. What the press could not check is judged when the modal is submitted.

use std::time::Duration;

use pitcrew::domain::HandoffStatus;

use crate::harness::lock::HandoffsAway;
use crate::harness::{Crew, Delivered, Pit};

const TEN_MINUTES: Duration = Duration::from_secs(600);
const CLOSED: &str = "This handoff is already closed.";

async fn handed_over(pit: &Pit) -> (Crew, Delivered, crate::harness::Answer) {
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let (screen, session) = pit.ask_volunteer(&pit.scene.actor).await;
    (crew, pit.delivered(session).await, screen)
}

#[tokio::test]
async fn resolve_opens_its_modal_while_the_store_cannot_answer_and_the_submission_is_judged_after()
{
    let pit = Pit::start().await;
    let (crew, d, _) = handed_over(&pit).await;
    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    pit.wait_messages(d.thread, 2, "the claim told").await;

    let away = HandoffsAway::take(&pit.db_url).await;
    let opened = pit.press(&ada_here, &card, "Resolve").await;
    away.restore().await;
    assert_eq!(
        opened.kind(),
        9,
        "the modal, not a note that would replace it"
    );

    let resolved = pit
        .submit(
            &ada_here,
            &format!("h:xm:{}", d.handoff.id),
            &[("h:xt", "")],
        )
        .await;
    assert_eq!(resolved.kind(), 7, "the card redrawn");
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap().status,
        HandoffStatus::Resolved
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn the_members_note_opens_its_modal_while_the_store_cannot_answer() {
    let pit = Pit::start().await;
    let (_, d, screen) = handed_over(&pit).await;
    let me = &pit.scene.actor;

    let away = HandoffsAway::take(&pit.db_url).await;
    let opened = pit
        .press(me, &screen.message(), "Add a note for the volunteer")
        .await;
    away.restore().await;
    assert_eq!(
        opened.kind(),
        9,
        "the modal, not a note that would replace it"
    );

    let sent = pit
        .submit(
            me,
            &format!("h:nm:{}", d.handoff.id),
            &[("h:nt", "By the gate")],
        )
        .await;
    assert_eq!(sent.kind(), 4);
    assert_eq!(
        sent.message().content(),
        "Thanks. The volunteers can see your note."
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_resolve_submitted_after_the_handoff_closed_gets_a_kind_answer() {
    let pit = Pit::start().await;
    let (crew, d, _) = handed_over(&pit).await;
    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    pit.wait_messages(d.thread, 2, "the claim told").await;
    assert_eq!(pit.press(&ada_here, &card, "Resolve").await.kind(), 9);

    // While Ada writes her note, the member cancels.
    let cancelled = pit.triage(&pit.scene.actor, Some("cancel")).await;
    assert_eq!(cancelled.kind(), 4);
    let submitted = pit
        .submit(
            &ada_here,
            &format!("h:xm:{}", d.handoff.id),
            &[("h:xt", "done")],
        )
        .await;
    assert_eq!(submitted.kind(), 4, "a note, the card left alone");
    assert_eq!(submitted.message().content(), CLOSED);
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap().status,
        HandoffStatus::Cancelled
    );
    pit.server.assert_no_violations();
}
