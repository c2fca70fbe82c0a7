//! The member's language: the interaction's `locale` picks the guide's translation and the
//! bot's own words; a member whose Discord is in English, in the same server, reads English.

use crate::harness::screen::{description, labels, title};
use crate::harness::Pit;

/// The shipped guides and the first words of their German and English start screens.
const GUIDES: [(&str, &str, &str); 3] = [
    (
        "bmw-keys-locked",
        "Schlüssel im BMW eingeschlossen",
        "Let's get you back in safely.",
    ),
    ("mini-fob-not-working", "MINI-Schlüssel", "MINI"),
    ("trunk-release-failed", "Kofferraum", "trunk"),
];

#[tokio::test]
async fn a_german_member_reads_the_first_screen_of_every_guide_in_german() {
    let pit = Pit::start().await;
    let de = pit.scene.actor.clone().with_locale("de");
    for (id, german_title, _) in GUIDES {
        let first = pit.triage(&de, Some(id)).await;
        let msg = first.message();
        assert!(
            title(&msg).contains(german_title),
            "{id}: title {:?}",
            title(&msg)
        );
        let library = pitcrew::guide::load_library(&pit.content).expect("content loads");
        let guide = library.get(id).expect("shipped guide");
        let german = guide
            .text_in(&guide.start, pitcrew::guide::Lang::De)
            .expect("start node");
        assert_ne!(
            german,
            guide.start_node().text,
            "{id}: start not translated"
        );
        assert_eq!(description(&msg), german, "{id}");
        let shown = labels(&msg);
        for (i, choice) in guide.start_node().choices.iter().enumerate() {
            assert_ne!(shown[i], choice.label, "{id}: label {i} still English");
        }
        assert!(
            shown.iter().any(|l| l.contains("Helfer")),
            "{id}: the volunteer button in German: {shown:?}"
        );
        // Close it so the next guide starts fresh.
        pit.triage(&de, Some("cancel")).await;
    }
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_english_member_in_the_same_server_reads_english() {
    let pit = Pit::start().await;
    let en = pit.scene.actor.clone().with_locale("en-US");
    let (id, _, english) = GUIDES[0];
    let msg = pit.triage(&en, Some(id)).await.message();
    assert!(
        description(&msg).starts_with(english),
        "{}",
        description(&msg)
    );
    assert_eq!(title(&msg), "Keys locked in a BMW (cabin or trunk)");
    assert!(labels(&msg).contains(&"Talk to a volunteer".to_string()));
    pit.server.assert_no_violations();
}
