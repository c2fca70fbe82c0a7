//! What the volunteers' card shows of the member's own words: phone numbers, plates and VINs
//! masked, while the member's note in their own thread stays as they wrote it.

use pitcrew::domain::Region;
use pitcrew::handoff::NoteOutcome;
use pitcrew::region::redact::MASK;

use super::recorder::Call;
use super::world::*;

#[tokio::test(start_paused = true)]
async fn the_card_masks_a_phone_number_and_plate_the_member_wrote() {
    let w = World::new().await;
    let mut setup = w.desk.store().guild_setup(GUILD).await.unwrap().unwrap();
    setup.region = Some(Region::Gb);
    w.desk
        .store()
        .save_guild_setup(&setup, w.desk.now())
        .await
        .unwrap();
    let h = w.opened().await;
    let note = "plate AB12 CDE, call me on 07700 900123";
    assert_eq!(
        w.service.member_note(MEMBER, h.id, note).await.unwrap(),
        NoteOutcome::Sent
    );
    let shown: Vec<String> = w
        .port
        .calls()
        .into_iter()
        .filter_map(|c| match c {
            Call::UpdateCard { note, .. } => note,
            _ => None,
        })
        .collect();
    assert_eq!(shown, [format!("plate {MASK}, call me on {MASK}")]);
    // The member's own thread keeps their words as they wrote them.
    let thread = w.stored(&h).await.thread.unwrap();
    assert!(
        w.port
            .said_in(thread)
            .iter()
            .any(|t| t.contains("07700 900123")),
        "{:?}",
        w.port.said_in(thread)
    );
}
