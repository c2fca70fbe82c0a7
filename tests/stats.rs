//! The figures (`Desk::figures`, issue 13) from the scripted walks in `stats/walks.rs`,
//! asserted exactly: starts, outcomes, "did this fix it?", per-node reached/left/share (worst
//! first), per-edge traffic, medians on the hand-set clock, the handoff figures, and the
//! columns migration 0012 adds, set by the first claim and by the resolve.

use std::sync::Arc;
use std::time::Duration;

use pitcrew::desk::DeskError;
use pitcrew::domain::Timestamp;
use pitcrew::insight::{EdgeFigures, Fixed, Outcomes, ALL_GUIDES};

#[path = "stats/walks.rs"]
mod walks;
use walks::{desk_on, walk_all, world, HandClock, NOW, T0};

#[path = "support/db.rs"]
mod db;

/// The scripted walks' desk on a fresh database: a SQLite file in `dir`, or PostgreSQL.
async fn fresh_desk(dir: &tempfile::TempDir, clock: Arc<HandClock>) -> pitcrew::desk::Desk {
    desk_on(&db::fresh_url(dir).await, dir.path(), clock).await
}

const MONTH: Duration = Duration::from_secs(30 * 86_400);

#[tokio::test]
async fn the_figures_of_the_scripted_walks_are_exact() {
    let dir = world();
    let clock = Arc::new(HandClock::default());
    let desk = fresh_desk(&dir, clock.clone()).await;
    walk_all(&desk, &clock).await;

    let figures = desk.figures(None, MONTH).await.expect("figures");
    assert_eq!(figures.now_ms, NOW);
    assert_eq!(figures.since_ms, NOW - 30 * 86_400_000);
    let g = figures.guide("stuck-fob").expect("the guide's figures");
    assert_eq!(g.title.as_deref(), Some("Fob does nothing"));
    assert_eq!(
        g.starts, 8,
        "the walk from 40 days ago is outside the window"
    );
    assert_eq!(
        g.outcomes,
        Outcomes {
            resolved: 2,
            escalated: 2,
            emergency: 1,
            abandoned: 2,
            in_progress: 1
        }
    );
    assert_eq!(
        g.fixed,
        Fixed {
            yes: 1,
            no: 1,
            no_answer: 0
        }
    );
    // 5, 40, 50, 90, 120 s: the middle one.
    assert_eq!(g.median_to_outcome_ms, Some(50_000));

    let nodes: Vec<(&str, u64, u64, f64)> = g
        .nodes
        .iter()
        .map(|n| (n.node.as_str(), n.reached, n.left, n.share))
        .collect();
    assert_eq!(
        nodes,
        vec![
            ("battery", 6, 1, 1.0 / 6.0),
            ("safe", 8, 1, 1.0 / 8.0),
            ("ask-human", 2, 0, 0.0),
            ("blade", 2, 0, 0.0),
            ("fixed", 2, 0, 0.0),
            ("danger", 1, 0, 0.0),
        ]
    );
    assert_eq!(
        g.nodes[0].title.as_deref(),
        Some("Swap the coin cell and press lock once.")
    );

    let traffic = figures.traffic("stuck-fob").expect("traffic");
    let mut edges: Vec<(&str, &str, u64)> = traffic
        .edges
        .iter()
        .map(|e: &EdgeFigures| (e.from.as_str(), e.to.as_str(), e.count))
        .collect();
    edges.sort();
    assert_eq!(
        edges,
        vec![
            ("battery", "ask-human", 1),
            ("battery", "blade", 2),
            ("battery", "fixed", 1),
            ("blade", "ask-human", 1),
            ("blade", "fixed", 1),
            ("safe", "battery", 6),
            ("safe", "danger", 1),
        ],
        "the cancel on W6 is no move"
    );
    assert_eq!(traffic.edges[0].count, 6, "busiest edge first");

    let h = &g.handoffs;
    assert_eq!(h.count, 2);
    assert_eq!(h.claimed, 2);
    // W3 claimed 60 s after it opened, W4 650 s (its first claim; the re-claim is not it):
    // an even count, so the mean of the two.
    assert_eq!(h.median_to_claim_ms, Some(355_000));
    assert_eq!(h.median_to_resolve_ms, Some(360_000));
    assert_eq!(h.claimed_before_first_reminder, 1);
    assert_eq!(h.share_claimed_before_first_reminder, 0.5);
    assert_eq!(h.unclaimed_after_last_reminder, 0);
    assert_eq!((h.solved, h.not_solved, h.unrated), (1, 0, 1));

    // One guide only: the all-guides row is the same walks.
    assert_eq!(figures.guides.len(), 1);
    let all = figures.guide(ALL_GUIDES).expect("all");
    assert_eq!(all.starts, 8);
    assert_eq!(all.outcomes, g.outcomes);
    assert_eq!(all.handoffs, g.handoffs);
    assert_eq!(all.median_to_outcome_ms, Some(50_000));
    desk.store().close().await;
}

#[tokio::test]
async fn a_narrower_window_and_a_guide_filter_count_only_their_walks() {
    let dir = world();
    let clock = Arc::new(HandClock::default());
    let desk = fresh_desk(&dir, clock.clone()).await;
    walk_all(&desk, &clock).await;

    // The last hour: only W7, still in progress.
    let hour = desk
        .figures(Some("stuck-fob"), Duration::from_secs(3_600))
        .await
        .expect("figures");
    assert_eq!(hour.guides.len(), 1);
    let g = &hour.guides[0];
    assert_eq!(g.starts, 1);
    assert_eq!(g.outcomes.in_progress, 1);
    assert_eq!(g.median_to_outcome_ms, None);
    assert_eq!(g.handoffs.count, 0);

    // An hour later W7 is an abandoned walk too (one hour without a press).
    clock.set(NOW + 3_600_000);
    let later = desk.figures(None, MONTH).await.expect("figures");
    let g = later.guide("stuck-fob").expect("guide");
    assert_eq!((g.outcomes.abandoned, g.outcomes.in_progress), (3, 0));

    let unknown = desk.figures(Some("no-such-guide"), MONTH).await;
    assert!(
        matches!(&unknown, Err(DeskError::UnknownGuide(g)) if g == "no-such-guide"),
        "{unknown:?}"
    );
    desk.store().close().await;
}

#[tokio::test]
async fn the_first_claim_and_the_resolve_are_recorded_on_the_handoff() {
    let dir = world();
    let clock = Arc::new(HandClock::default());
    let desk = fresh_desk(&dir, clock.clone()).await;
    walk_all(&desk, &clock).await;
    let rows = desk
        .store()
        .stats_rows(Timestamp(T0), Some("stuck-fob"))
        .await
        .expect("rows");
    assert_eq!(
        rows.sessions.len(),
        8,
        "the walk from before T0 is not read"
    );
    // In the order they were opened: W3's, then W4's.
    let [h3, h4] = rows.handoffs.as_slice() else {
        panic!("two handoffs: {:?}", rows.handoffs);
    };
    assert_eq!(h3.first_claimed_at, Some(Timestamp(T0 + 2_000 + 100_000)));
    assert_eq!(h3.notices_at_claim, Some(0));
    assert_eq!(h3.resolved_at, Some(Timestamp(T0 + 2_000 + 400_000)));
    // Claimed at +700 s after one reminder; released and claimed again at +900 s: the first
    // claim stands.
    assert_eq!(h4.first_claimed_at, Some(Timestamp(T0 + 3_000 + 700_000)));
    assert_eq!(h4.notices_at_claim, Some(1));
    assert_eq!(h4.resolved_at, None);
    desk.store().close().await;
}

#[tokio::test]
async fn forgotten_members_still_count() {
    let dir = world();
    let clock = Arc::new(HandClock::default());
    let desk = fresh_desk(&dir, clock.clone()).await;
    walk_all(&desk, &clock).await;
    let before = desk.figures(None, MONTH).await.expect("figures");
    // W1 (resolved, fixed yes), W4 (a claimed handoff, cancelled by the forgetting) and W5
    // (still active, ended as abandoned by it).
    for who in [1, 4, 5] {
        let member = pitcrew::domain::Member::Discord(pitcrew::domain::UserId(who));
        desk.store()
            .forget_member(&member, Timestamp(NOW))
            .await
            .expect("forget");
    }
    let after = desk.figures(None, MONTH).await.expect("figures");
    assert_eq!(after, before);
    desk.store().close().await;
}
