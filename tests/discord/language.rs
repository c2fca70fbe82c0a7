//! The member's language: the interaction's `locale` picks the guide's translation and the
//! bot's own words (the picker, "no guide fits", what happens next); a member whose Discord is
//! in English, in the same server, reads English.

use pitcrew::guide::Lang;
use pitcrew::i18n::{text, Msg};

use crate::harness::screen::{description, field, labels, title};
use crate::harness::{Pit, DRILL};

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

/// The select menu's placeholder on `msg`.
fn placeholder(msg: &crate::fake::StoredMessage) -> String {
    msg.components()
        .into_iter()
        .find(|c| c["type"] == 3)
        .and_then(|c| c["placeholder"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A problem none of the guides (shipped or the drill) is about, in German.
const BENZIN: &str = "Benzin leer auf der Autobahn";

#[tokio::test]
async fn a_german_members_picker_is_german_with_112_in_an_unset_server() {
    let pit = Pit::start().await;
    let de = pit.scene.actor.clone().with_locale("de");
    let picker = pit.triage(&de, None).await.message();
    assert_eq!(title(&picker), "Was ist passiert?");
    let said = description(&picker);
    assert!(
        said.starts_with("Wenn jemand in Gefahr ist, rufen Sie zuerst **112 (Polizei: 110)** an."),
        "{said}"
    );
    assert!(!said.contains("If anyone"), "{said}");
    assert_eq!(placeholder(&picker), "Wählen Sie, was passiert ist");
    let shown = labels(&picker);
    assert!(
        shown.contains(&"Problem beschreiben".to_string()),
        "{shown:?}"
    );
    assert!(
        shown.contains(&"Nichts davon — Helfer fragen".to_string()),
        "{shown:?}"
    );
    // The guides in the menu by their German titles.
    let options = picker.components();
    let menu = options.iter().find(|c| c["type"] == 3).expect("the menu");
    assert!(
        menu.to_string().contains("Schlüssel im BMW eingeschlossen"),
        "{menu}"
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_german_member_whom_no_guide_fits_reads_german_up_to_the_honest_no_volunteer() {
    let pit = Pit::start().await;
    let de = pit.scene.actor.clone().with_locale("de");
    let picker = pit.triage(&de, None).await.message();
    let told = pit.describe(&de, &picker, BENZIN).await.message();
    assert_eq!(title(&told), "Keine Anleitung passt dazu");
    assert!(
        description(&told).starts_with("Keine unserer Anleitungen passt"),
        "{}",
        description(&told)
    );
    assert_eq!(
        field(&told, "Ihre Worte").as_deref(),
        Some("> Benzin leer auf der Autobahn")
    );
    let answer = pit
        .press(&de, &told, "Nichts davon — Helfer fragen")
        .await
        .message();
    assert_eq!(title(&answer), "Hier sind keine Helfer erreichbar");
    let said = description(&answer);
    assert!(
        said.starts_with("**Hier ist keine Helferin und kein Helfer erreichbar**"),
        "{said}"
    );
    assert!(said.contains("einen Pannendienst (ADAC"), "{said}");
    assert!(
        said.contains("rufen Sie jetzt 112 (Polizei: 110) an."),
        "{said}"
    );
    assert!(
        !said.contains("roadside") && !said.contains("breakdown"),
        "{said}"
    );
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_german_member_who_asks_a_volunteer_reads_what_happens_next_in_german() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, std::time::Duration::from_secs(600)).await;
    let de = pit.scene.actor.clone().with_locale("de");
    let picker = pit.triage(&de, None).await.message();
    let told = pit.describe(&de, &picker, BENZIN).await.message();
    let answer = pit
        .press(&de, &told, "Nichts davon — Helfer fragen")
        .await
        .message();
    assert_eq!(title(&answer), "Eine Helferin oder ein Helfer ist gefragt");
    let said = description(&answer);
    assert!(said.starts_with("**Wie es weitergeht:**"), "{said}");
    assert!(said.contains("\n\n**Bis dahin:**"), "{said}");
    // The set-up server chose its region; the roadside help is named in German all the same.
    assert!(said.contains("rufen Sie einen Pannendienst ("), "{said}");
    assert!(!said.contains("What happens next"), "{said}");

    // After a guide too: the field under the step and its button are German.
    let other = pit.other_member("zweite").with_locale("de");
    let msg = pit.triage(&other, Some(DRILL)).await.message();
    pit.press(&other, &msg, "Yes, we are safe").await;
    let asked = pit
        .press(&other, &msg, &text(Lang::De, Msg::NavVolunteer))
        .await
        .message();
    let next = field(&asked, "Wie es weitergeht").expect("the field, in German");
    assert!(
        next.starts_with("**Wie es weitergeht:** Eine Helferin"),
        "{next}"
    );
    assert!(
        labels(&asked).contains(&"Notiz für die Helfer hinzufügen".to_string()),
        "{:?}",
        labels(&asked)
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_english_members_picker_and_no_guide_screens_stay_english() {
    let pit = Pit::start().await;
    let en = pit.scene.actor.clone().with_locale("en-US");
    let picker = pit.triage(&en, None).await.message();
    assert_eq!(title(&picker), "What happened?");
    assert!(
        description(&picker).starts_with("If anyone is in danger, call **911** first."),
        "{}",
        description(&picker)
    );
    assert_eq!(placeholder(&picker), "Choose what happened");
    assert!(labels(&picker).contains(&"Describe your problem".to_string()));
    let told = pit.describe(&en, &picker, BENZIN).await.message();
    assert_eq!(title(&told), "No guide fits that");
    let answer = pit
        .press(&en, &told, "None of these — ask a volunteer")
        .await
        .message();
    assert_eq!(title(&answer), "No volunteer here");
    assert!(
        description(&answer).contains("Call roadside assistance (AAA"),
        "{}",
        description(&answer)
    );
    pit.server.assert_no_violations();
}
