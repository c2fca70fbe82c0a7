//! The phrasing table (`tests/phrasings.toml`): how members type their problem, and the guide
//! that must rank first and fit, or no guide at all. Every row is checked and every miss is
//! listed at once, so a moderator tuning `tags` and `synonyms` sees the whole picture.

use std::path::Path;

use pitcrew::guide::{load_library, rank, Mode};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    phrase: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    text: String,
    /// The guide that must rank first and fit; empty: no guide may fit.
    guide: String,
}

#[test]
fn every_phrasing_lands_on_its_guide_or_on_none() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = load_library(&root.join("content")).expect("shipped content passes check");
    let table: Table = toml::from_str(
        &std::fs::read_to_string(root.join("tests/phrasings.toml")).expect("table readable"),
    )
    .expect("table parses");
    let covered = table.phrase.iter().filter(|r| !r.guide.is_empty()).count();
    assert!(
        covered >= 40,
        "{covered} phrasings with a guide; the table needs 40"
    );

    let mut misses = Vec::new();
    for row in &table.phrase {
        let matches = rank(&library, &row.text, Mode::Words, 25);
        let fitting: Vec<&str> = matches
            .iter()
            .filter(|m| m.fits)
            .map(|m| m.guide_id.as_str())
            .collect();
        if row.guide.is_empty() {
            if !fitting.is_empty() {
                misses.push(format!(
                    "{:?}: no guide should fit, got {fitting:?}",
                    row.text
                ));
            }
        } else {
            assert!(
                library.get(&row.guide).is_some(),
                "the table names guide `{}`, which is not in content/",
                row.guide
            );
            if fitting.first() != Some(&row.guide.as_str()) {
                let ranked: Vec<String> = matches
                    .iter()
                    .take(3)
                    .map(|m| format!("{}{}", m.guide_id, if m.fits { "" } else { " (no fit)" }))
                    .collect();
                misses.push(format!(
                    "{:?}: want {}, got {ranked:?}",
                    row.text, row.guide
                ));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} phrasings miss:\n{}",
        misses.len(),
        table.phrase.len(),
        misses.join("\n")
    );
}
