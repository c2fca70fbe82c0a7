//! `pitcrew stats` through the binary, on a database the scripted walks (`stats/walks.rs`)
//! filled: the table, the CSV and the JSON say the same figures, and an unknown guide or a
//! window that cannot be read is an operator error (exit 2) that names it.
//!
//! The binary reads the wall clock, long after the walks' hand-set times, so these runs ask
//! for `--since 5000d` and see every walk, the one from "40 days before" and W7 (idle for
//! years now, so abandoned) included: 9 walks, 4 of them abandoned.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use pitcrew::insight::CSV_HEADER;

#[path = "stats/walks.rs"]
mod walks;
use walks::{content, db_url, desk, walk_all, world, HandClock};

fn pitcrew(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pitcrew"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("DATABASE_URL", db_url(dir))
        .env("CONTENT_DIR", content(dir))
        .output()
        .expect("pitcrew runs")
}

async fn planted() -> tempfile::TempDir {
    let dir = world();
    let clock = Arc::new(HandClock::default());
    let desk = desk(dir.path(), clock.clone()).await;
    walk_all(&desk, &clock).await;
    desk.store().close().await;
    dir
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

#[tokio::test]
async fn stats_prints_a_table_csv_and_json_of_the_same_figures() {
    let dir = planted().await;

    let table = stdout(&pitcrew(dir.path(), &["stats", "--since", "5000d"]));
    assert!(
        table.contains("9 walks: 2 resolved, 2 escalated, 1 emergency, 4 abandoned, 0 in progress"),
        "{table}"
    );
    assert!(
        table.contains("did this fix it? 1 yes, 1 no, 0 no answer; median start to outcome 50s"),
        "{table}"
    );
    assert!(table.contains("2 handoffs: median 5m 55s to claim, 6m 00s to resolve; 50% claimed before the first reminder, 0 unclaimed after the last"), "{table}");
    assert!(
        table.contains("most left at stuck-fob / battery: 3 of 7 (43%)"),
        "{table}"
    );
    assert!(table.contains("== stuck-fob (Fob does nothing)"), "{table}");

    let csv = stdout(&pitcrew(
        dir.path(),
        &[
            "stats",
            "--since",
            "5000d",
            "--format",
            "csv",
            "--guide",
            "stuck-fob",
        ],
    ));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], CSV_HEADER);
    let columns = CSV_HEADER.split(',').count();
    assert!(
        lines.iter().all(|l| l.split(',').count() == columns),
        "{csv}"
    );
    assert_eq!(
        lines[1],
        "guide,(all),,,,9,2,2,1,4,0,1,1,0,50000,,,,,2,2,355000,360000,1,0.5000,0,1,0,1"
    );
    assert!(
        lines[2].starts_with("guide,stuck-fob,,,Fob does nothing,9,"),
        "{csv}"
    );
    assert_eq!(
        lines[3],
        "node,stuck-fob,battery,,Swap the coin cell and press lock once.,,,,,,,,,,,7,3,0.4286,,,,,,,,,,,"
    );
    // 1 all + 1 guide + 6 nodes + 7 edges.
    assert_eq!(lines.len(), 1 + 15, "{csv}");
    assert!(
        lines.contains(&"edge,stuck-fob,safe,battery,,,,,,,,,,,,,,,7,,,,,,,,,,"),
        "{csv}"
    );

    let json = stdout(&pitcrew(
        dir.path(),
        &["stats", "--since", "5000d", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["all"]["starts"], 9);
    assert_eq!(v["all"]["outcomes"]["abandoned"], 4);
    assert_eq!(v["guides"][0]["guide"], "stuck-fob");
    assert_eq!(v["guides"][0]["nodes"][0]["node"], "battery");
    assert_eq!(v["guides"][0]["nodes"][0]["left"], 3);
    assert_eq!(v["guides"][0]["handoffs"]["median_to_claim_ms"], 355_000);
}

#[tokio::test]
async fn stats_names_an_unknown_guide_and_an_unreadable_window() {
    let dir = planted().await;
    let out = pitcrew(dir.path(), &["stats", "--guide", "no-such-guide"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-guide"), "{err}");

    let out = pitcrew(dir.path(), &["stats", "--since", "30x"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("30x"), "{err}");
}

/// `pitcrew graph --since` draws the same traffic `pitcrew stats` counts: every choice walked
/// carries its count; without `--since` no database is read and every arrow carries none.
#[tokio::test]
async fn graph_since_draws_the_traffic_stats_counts() {
    let dir = planted().await;
    let json = stdout(&pitcrew(
        dir.path(),
        &[
            "stats",
            "--since",
            "5000d",
            "--guide",
            "stuck-fob",
            "--format",
            "json",
        ],
    ));
    let figures: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let guide = figures["guides"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["guide"] == "stuck-fob"))
        .expect("stuck-fob's figures");
    let with = stdout(&pitcrew(
        dir.path(),
        &["graph", "stuck-fob", "--since", "5000d"],
    ));
    let without = stdout(&pitcrew(dir.path(), &["graph", "stuck-fob"]));
    let mut drawn = 0;
    for edge in guide["edges"].as_array().expect("edges") {
        let (from, to) = (edge["from"].as_str().unwrap(), edge["to"].as_str().unwrap());
        let arrow = format!(r#"data-from="{from}" data-to="{to}" data-traffic="#);
        if !without.contains(&arrow) {
            continue; // Back and Start over are moves, not arrows of the guide.
        }
        let count = edge["count"].as_u64().expect("a count");
        assert!(
            with.contains(&format!(r#"{arrow}"{count}""#)),
            "{from} → {to}: {count}"
        );
        assert!(without.contains(&format!(r#"{arrow}"0""#)), "{from} → {to}");
        drawn += 1;
    }
    assert!(
        drawn >= 2,
        "the walks' choices are arrows of the guide: {drawn}"
    );
}
