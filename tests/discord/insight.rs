//! `/pitcrew stats` and `/pitcrew graph` through the local Discord server: a moderator gets the
//! figures of walks members really made as an embed, with the funnel chart (a PNG that decodes)
//! and the full table (CSV) as files; the graph of a guide as a PNG; a member without Manage
//! Server is refused and gets no file; an unknown guide is named back.

use pitcrew::insight::CSV_HEADER;
use resvg::tiny_skia::Pixmap;

use crate::fake::builders::command;
use crate::fake::{Actor, StoredMessage};
use crate::harness::screen::{description, field, title};
use crate::harness::{Pit, DRILL};

/// `/pitcrew <sub>` with `options` (name, value) by `actor`: the private answer.
async fn pitcrew(pit: &Pit, actor: &Actor, sub: &str, guide: Option<&str>) -> StoredMessage {
    let mut cmd = command("pitcrew").sub(sub);
    if let Some(g) = guide {
        cmd = cmd.string("guide", g);
    }
    let cmd = cmd.integer("since_days", 7).by(actor);
    let said = pit.answer(pit.server.dispatch(cmd).await).await.message();
    assert!(said.is_ephemeral(), "figures are for the moderator only");
    said
}

/// The PNG decodes, and its size is one a phone can show: neither tiny nor huge.
fn sensible_png(bytes: &[u8]) -> (u32, u32) {
    let pixmap = Pixmap::decode_png(bytes).expect("a PNG that decodes");
    let (w, h) = (pixmap.width(), pixmap.height());
    assert!((300..=2400).contains(&w), "width {w}");
    assert!((150..=2400).contains(&h), "height {h}");
    (w, h)
}

/// The number in column `starts` of the CSV row of `kind` `guide`, read from the right, since
/// a title may hold commas.
fn starts_in_csv(csv: &str, kind: &str, guide: &str) -> String {
    let row = csv
        .lines()
        .find(|l| l.starts_with(&format!("{kind},{guide},")))
        .unwrap_or_else(|| panic!("no {kind} row for {guide}: {csv}"));
    let from_right: Vec<&str> = row.rsplit(',').collect();
    from_right[23].to_string()
}

#[tokio::test]
async fn a_moderator_gets_the_figures_with_a_funnel_png_and_a_csv_and_a_member_is_refused() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);
    // Two members start the drill; one goes on past the first question, one stops there.
    let walker = pit.scene.actor.clone();
    let first = pit.triage(&walker, Some(DRILL)).await.message();
    pit.press(&walker, &first, "Yes, we are safe").await;
    let stopper = pit.other_member("stopper");
    pit.triage(&stopper, Some(DRILL)).await;

    let said = pitcrew(&pit, &moderator, "stats", Some(DRILL)).await;
    assert_eq!(title(&said), "Figures · Wheel change drill");
    assert!(
        description(&said).contains("last 7 days"),
        "{}",
        description(&said)
    );
    assert_eq!(field(&said, "Started").as_deref(), Some("2"));
    let files = pit.server.attachments(said.id);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["funnel.png", "figures.csv"]);
    sensible_png(&files[0].1);
    let csv = String::from_utf8(files[1].1.clone()).expect("UTF-8 CSV");
    assert_eq!(csv.lines().next(), Some(CSV_HEADER));
    assert_eq!(starts_in_csv(&csv, "guide", DRILL), "2");
    assert_eq!(starts_in_csv(&csv, "guide", "(all)"), "2");

    // All guides: the same walks, titled for all of them.
    let all = pitcrew(&pit, &moderator, "stats", None).await;
    assert_eq!(title(&all), "Figures · All guides");
    assert_eq!(field(&all, "Started").as_deref(), Some("2"));

    // A member without Manage Server: refused, no figures, no file.
    let refused = pitcrew(&pit, &walker, "stats", None).await;
    assert!(pit.server.attachments(refused.id).is_empty());
    let embeds = refused.json["embeds"].as_array().map_or(0, Vec::len);
    assert_eq!(embeds, 0, "no figures: {:?}", refused.json);
    assert!(
        refused.content().contains("Manage Server"),
        "{}",
        refused.content()
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn the_graph_of_a_guide_is_a_png_and_an_unknown_guide_is_named_back() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);
    let member = pit.scene.actor.clone();
    let first = pit.triage(&member, Some(DRILL)).await.message();
    pit.press(&member, &first, "Yes, we are safe").await;

    let graph = pitcrew(&pit, &moderator, "graph", Some(DRILL)).await;
    assert_eq!(title(&graph), "Wheel change drill");
    let files = pit.server.attachments(graph.id);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].0, "graph.png");
    sensible_png(&files[0].1);

    let unknown = pitcrew(&pit, &moderator, "graph", Some("no-such <@1>")).await;
    assert!(pit.server.attachments(unknown.id).is_empty());
    assert!(
        unknown
            .content()
            .contains("No guide is called `no-such <@1>`"),
        "{}",
        unknown.content()
    );
    let refused = pitcrew(&pit, &member, "graph", Some(DRILL)).await;
    assert!(pit.server.attachments(refused.id).is_empty());
    pit.server.assert_no_violations();
}
