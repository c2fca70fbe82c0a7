//! A guide at every limit `check` allows (64-char id, 100-char title and summary, 1800-char
//! steps, 20 choices of 80 characters, non-ASCII throughout) walked through Discord: the fake
//! refuses anything over Discord's limits with 50035, so every screen must fit, and the text
//! must arrive whole, not cut.

use crate::harness::screen::{description, labels, row_sizes, step_of, title};
use crate::harness::{words, Options, Pit};

fn id() -> String {
    let id = format!("limits-{}", "x".repeat(57));
    assert_eq!(id.len(), 64);
    id
}

fn guide_title() -> String {
    words("Tür klemmt", 100)
}

fn step_text(name: &str) -> String {
    words(&format!("{name} über"), 1800)
}

fn choices(targets: &[&str]) -> String {
    (0..20)
        .map(|i| {
            let label = words(&format!("{i:02} Wählen é"), 80);
            let goto = targets[i.min(targets.len() - 1)];
            format!("  {{ label = \"{label}\", goto = \"{goto}\" }},\n")
        })
        .collect()
}

fn guide() -> String {
    let ending = |id: &str, outcome: &str| {
        format!(
            "[[node]]\nid = \"{id}\"\noutcome = \"{outcome}\"\ntext = \"{}\"\n\n",
            step_text(id)
        )
    };
    format!(
        "id = \"{}\"\ntitle = \"{}\"\nsummary = \"{}\"\ntags = [\"klemmt\"]\nstart = \"safe\"\n\n\
         [[node]]\nid = \"safe\"\ntext = \"{}\"\nchoices = [\n{}]\n\n\
         [[node]]\nid = \"more\"\ntext = \"{}\"\nchoices = [\n{}]\n\n{}{}{}\
         [[source]]\ntitle = \"Test\"\npublisher = \"pitcrew tests\"\n",
        id(),
        guide_title(),
        words("Zusammenfassung ä", 100),
        step_text("safe"),
        choices(&["danger", "more"]),
        step_text("more"),
        choices(&["done", "ask"]),
        ending("danger", "emergency"),
        ending("done", "resolved"),
        ending("ask", "escalate"),
    )
}

#[tokio::test]
async fn a_guide_at_every_limit_fits_discord_whole() {
    let pit = Pit::start_with(Options {
        guides: vec![("limits.toml".into(), guide())],
        ..Options::default()
    })
    .await;
    let me = &pit.scene.actor;

    let first = pit.triage(me, Some(&id())).await;
    assert_eq!(first.kind(), 4);
    let msg = first.message();
    assert_eq!(title(&msg), guide_title(), "the title whole");
    assert_eq!(description(&msg), step_text("safe"), "the step text whole");
    assert_eq!(
        row_sizes(&msg),
        [5, 5, 5, 5, 1],
        "20 choices, then navigation"
    );
    let (session, _) = step_of(&msg);

    let more = pit.press(me, &msg, &labels(&msg)[19]).await;
    assert_eq!(more.kind(), 7);
    let msg = more.message();
    assert_eq!(description(&msg), step_text("more"));
    assert_eq!(row_sizes(&msg), [5, 5, 5, 5, 3]);
    assert!(labels(&msg)[..20].iter().all(|l| l.chars().count() == 80));

    // A notice on top of a full step still fits, and the step is still whole.
    let offer = pit.triage(me, None).await.message();
    let resumed = pit.press(me, &offer, "Resume").await.message();
    assert!(description(&resumed).ends_with(&step_text("more")));

    let done = pit
        .press(me, &resumed, &labels(&resumed)[0])
        .await
        .message();
    assert_eq!(description(&done), step_text("done"));
    let help = pit.press(me, &done, "Talk to a volunteer").await.message();
    assert_eq!(description(&help), step_text("ask"));
    let again = pit.press(me, &help, "Start over").await.message();
    let sos = pit.press(me, &again, &labels(&again)[0]).await.message();
    assert!(sos.content().contains("911"));
    assert_eq!(description(&sos), step_text("danger"));
    assert!(title(&sos).ends_with(&guide_title()));

    // The screens around guides: picker, suggestions, autocomplete.
    pit.triage(me, Some("cancel")).await;
    let picker = pit.triage(me, None).await.message();
    let suggested = pit.describe(me, &picker, "Tür klemmt").await;
    assert_eq!(suggested.kind(), 7);
    assert!(suggested
        .message()
        .custom_ids()
        .contains(&format!("g:{}", id())));
    assert_eq!(pit.answer_labels(session).await.len(), 3);
    pit.server.assert_no_violations();
}
