//! The figures (`insight`) as the pictures want them: a guide's funnel from its node figures,
//! and a guide's traffic for the graph. Here rather than in `insight`, so the arithmetic stays
//! free of pictures, and both front ends (`pitcrew graph --since`, `/pitcrew stats`) convert
//! the same way.

use super::{Funnel, FunnelRow, Traffic};
use crate::insight::{self, GuideFigures};

/// The most bars a funnel shows; the busiest nodes are kept.
pub const FUNNEL_ROWS: usize = 40;

/// The funnel of `figures` titled `title`: one bar per node, the most reached first (the way
/// members go), cut to [`FUNNEL_ROWS`]. Across all guides a node's label names its guide.
pub fn funnel(figures: &GuideFigures, title: String) -> Funnel {
    let all = figures.guide == insight::ALL_GUIDES;
    let mut nodes: Vec<_> = figures.nodes.iter().filter(|n| n.reached > 0).collect();
    nodes.sort_by(|a, b| {
        b.reached
            .cmp(&a.reached)
            .then(a.left.cmp(&b.left))
            .then_with(|| (&a.guide, &a.node).cmp(&(&b.guide, &b.node)))
    });
    let rows = nodes
        .into_iter()
        .take(FUNNEL_ROWS)
        .map(|n| {
            let name = n.title.clone().unwrap_or_else(|| n.node.clone());
            FunnelRow {
                label: if all {
                    format!("{} · {name}", n.guide)
                } else {
                    name
                },
                reached: n.reached,
                left: n.left,
            }
        })
        .collect();
    Funnel { title, rows }
}

/// The graph's traffic from the figures' traffic of one guide.
pub fn traffic(t: &insight::Traffic) -> Traffic {
    Traffic {
        reached: t
            .nodes
            .iter()
            .map(|n| (n.node.clone(), n.reached))
            .collect(),
        left: t.nodes.iter().map(|n| (n.node.clone(), n.left)).collect(),
        edges: t
            .edges
            .iter()
            .map(|e| ((e.from.clone(), e.to.clone()), e.count))
            .collect(),
    }
}
