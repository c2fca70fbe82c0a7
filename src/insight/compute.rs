//! From rows to [`Figures`]: each session becomes a walk (its answers in order, its handoff),
//! and each guide's figures are sums and medians over its walks. The definitions are in the
//! module's documentation (`insight/mod.rs`).

use std::collections::{BTreeMap, BTreeSet};

use super::{
    median, EdgeFigures, Figures, Fixed, GuideFigures, HandoffFigures, NodeFigures, Outcomes, Rows,
    ABANDON_AFTER, ALL_GUIDES,
};
use super::{AnswerRow, HandoffRow, SessionRow};
use crate::domain::{Rating, SessionId, Status, Timestamp, RENOTIFY_MAX};
use crate::guide::words::headline;
use crate::guide::{Guide, Library};

/// The longest node title kept, in characters.
const TITLE_MAX: usize = 60;

/// Where a walk took the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Resolved,
    Escalated,
    Emergency,
    Abandoned,
    InProgress,
}

/// One session with what hangs off it.
struct Walk<'a> {
    session: &'a SessionRow,
    answers: Vec<&'a AnswerRow>,
    handoff: Option<&'a HandoffRow>,
}

impl Walk<'_> {
    /// The nodes stood on, in order: each answer's node, then where the walk is now.
    fn nodes(&self) -> Vec<&str> {
        self.answers
            .iter()
            .map(|a| a.node.as_str())
            .chain([self.session.node.as_str()])
            .collect()
    }

    /// Moves between two different nodes, with the time of the answer that made each. An
    /// answer that left the walk where it was (a cancel) is no move.
    fn moves(&self) -> Vec<(&str, &str, Timestamp)> {
        let nodes = self.nodes();
        self.answers
            .iter()
            .zip(nodes.windows(2))
            .filter_map(|(a, pair)| match pair {
                [from, to] if from != to => Some((*from, *to, a.at)),
                _ => None,
            })
            .collect()
    }

    fn outcome(&self, now: Timestamp) -> Outcome {
        if let Some(h) = self.handoff {
            return if h.urgent {
                Outcome::Emergency
            } else {
                Outcome::Escalated
            };
        }
        match self.session.status {
            Status::Resolved => Outcome::Resolved,
            Status::Escalated => Outcome::Escalated,
            Status::Emergency => Outcome::Emergency,
            Status::Abandoned => Outcome::Abandoned,
            Status::Active => {
                let last = self
                    .answers
                    .last()
                    .map_or(self.session.created_at, |a| a.at);
                if last.until(now) >= ABANDON_AFTER {
                    Outcome::Abandoned
                } else {
                    Outcome::InProgress
                }
            }
        }
    }

    /// Start to the last move, for walks that reached an outcome other than abandoning.
    fn time_to_outcome(&self, now: Timestamp) -> Option<u64> {
        match self.outcome(now) {
            Outcome::Abandoned | Outcome::InProgress => None,
            _ => {
                let end = self.moves().last().map_or(self.session.created_at, |m| m.2);
                Some(millis(self.session.created_at, end))
            }
        }
    }
}

fn millis(from: Timestamp, to: Timestamp) -> u64 {
    u64::try_from(from.until(to).as_millis()).unwrap_or(u64::MAX)
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The figures of the sessions in `rows`, started at or after `since`, seen at `now`.
///
/// `only`: the one guide asked for (listed even when nobody walked it); without it, every
/// guide walked in the window and every guide in `library`. `library` gives titles and lists
/// a loaded guide's nodes even where nobody went.
pub fn figures(
    rows: &Rows,
    library: Option<&Library>,
    only: Option<&str>,
    since: Timestamp,
    now: Timestamp,
) -> Figures {
    let mut answers: BTreeMap<SessionId, Vec<&AnswerRow>> = BTreeMap::new();
    for a in &rows.answers {
        answers.entry(a.session).or_default().push(a);
    }
    let handoffs: BTreeMap<SessionId, &HandoffRow> =
        rows.handoffs.iter().map(|h| (h.session, h)).collect();
    let walks: Vec<Walk> = rows
        .sessions
        .iter()
        .filter(|s| s.created_at >= since && only.map_or(true, |g| s.guide == g))
        .map(|s| {
            let mut list = answers.remove(&s.id).unwrap_or_default();
            list.sort_by_key(|a| a.step);
            Walk {
                session: s,
                answers: list,
                handoff: handoffs.get(&s.id).copied(),
            }
        })
        .collect();

    let mut ids: BTreeSet<&str> = walks.iter().map(|w| w.session.guide.as_str()).collect();
    match only {
        Some(g) => {
            ids.insert(g);
        }
        None => ids.extend(library.into_iter().flat_map(|l| l.ids())),
    }
    let loaded = |id: &str| library.and_then(|l| l.get(id));
    let guides: Vec<GuideFigures> = ids
        .iter()
        .map(|id| {
            let own: Vec<&Walk> = walks.iter().filter(|w| w.session.guide == *id).collect();
            guide_figures(id, loaded(id), &own, loaded(id).into_iter().collect(), now)
        })
        .collect();
    let all_guides = ids.iter().filter_map(|id| loaded(id)).collect();
    let all = guide_figures(
        ALL_GUIDES,
        None,
        &walks.iter().collect::<Vec<_>>(),
        all_guides,
        now,
    );
    Figures {
        since_ms: since.millis(),
        now_ms: now.millis(),
        all,
        guides,
    }
}

fn guide_figures(
    id: &str,
    guide: Option<&Guide>,
    walks: &[&Walk],
    seed: Vec<&Guide>,
    now: Timestamp,
) -> GuideFigures {
    let mut outcomes = Outcomes::default();
    let mut fixed = Fixed::default();
    let mut durations = Vec::new();
    // (guide, node) -> (reached, left); a loaded guide's nodes all appear.
    let mut nodes: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    let mut titles: BTreeMap<(String, String), String> = BTreeMap::new();
    for g in &seed {
        for n in g.nodes() {
            let key = (g.id.clone(), n.id.clone());
            titles.insert(key.clone(), title_of(&n.text));
            nodes.insert(key, (0, 0));
        }
    }
    let mut edges: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for w in walks {
        let g = &w.session.guide;
        let outcome = w.outcome(now);
        match outcome {
            Outcome::Resolved => outcomes.resolved += 1,
            Outcome::Escalated => outcomes.escalated += 1,
            Outcome::Emergency => outcomes.emergency += 1,
            Outcome::Abandoned => outcomes.abandoned += 1,
            Outcome::InProgress => outcomes.in_progress += 1,
        }
        match w.session.fixed {
            Some(true) => fixed.yes += 1,
            Some(false) => fixed.no += 1,
            None if outcome == Outcome::Resolved => fixed.no_answer += 1,
            None => {}
        }
        durations.extend(w.time_to_outcome(now));
        let reached: BTreeSet<&str> = w.nodes().into_iter().collect();
        for node in reached {
            nodes.entry((g.clone(), node.to_string())).or_default().0 += 1;
        }
        if outcome == Outcome::Abandoned {
            nodes
                .entry((g.clone(), w.session.node.clone()))
                .or_default()
                .1 += 1;
        }
        for (from, to, _) in w.moves() {
            *edges
                .entry((g.clone(), from.to_string(), to.to_string()))
                .or_default() += 1;
        }
    }
    let mut nodes: Vec<NodeFigures> = nodes
        .into_iter()
        .map(|(key, (reached, left))| NodeFigures {
            title: titles.get(&key).cloned(),
            guide: key.0,
            node: key.1,
            reached,
            left,
            share: share(left, reached),
        })
        .collect();
    nodes.sort_by(|a, b| {
        b.left
            .cmp(&a.left)
            .then(b.share.total_cmp(&a.share))
            .then(b.reached.cmp(&a.reached))
            .then_with(|| (&a.guide, &a.node).cmp(&(&b.guide, &b.node)))
    });
    let mut edges: Vec<EdgeFigures> = edges
        .into_iter()
        .map(|((guide, from, to), count)| EdgeFigures {
            guide,
            from,
            to,
            count,
        })
        .collect();
    edges.sort_by_key(|e| std::cmp::Reverse(e.count));
    GuideFigures {
        guide: id.to_string(),
        title: guide.map(|g| g.title.clone()),
        starts: walks.len() as u64,
        outcomes,
        fixed,
        median_to_outcome_ms: median(durations),
        nodes,
        edges,
        handoffs: handoff_figures(walks.iter().filter_map(|w| w.handoff)),
    }
}

fn handoff_figures<'a>(handoffs: impl Iterator<Item = &'a HandoffRow>) -> HandoffFigures {
    let mut f = HandoffFigures::default();
    let (mut to_claim, mut to_resolve) = (Vec::new(), Vec::new());
    for h in handoffs {
        f.count += 1;
        f.claimed += u64::from(h.ever_claimed);
        if let Some(at) = h.first_claimed_at {
            to_claim.push(millis(h.created_at, at));
        }
        if let Some(at) = h.resolved_at {
            to_resolve.push(millis(h.created_at, at));
        }
        f.claimed_before_first_reminder += u64::from(h.notices_at_claim == Some(0));
        let all_out_unclaimed = match h.notices_at_claim {
            Some(n) => n >= RENOTIFY_MAX,
            None => !h.ever_claimed && h.notify_count >= RENOTIFY_MAX,
        };
        f.unclaimed_after_last_reminder += u64::from(all_out_unclaimed);
        match h.rating {
            Some(Rating::Solved) => f.solved += 1,
            Some(Rating::NotSolved) => f.not_solved += 1,
            None => f.unrated += 1,
        }
    }
    f.median_to_claim_ms = median(to_claim);
    f.median_to_resolve_ms = median(to_resolve);
    f.share_claimed_before_first_reminder = share(f.claimed_before_first_reminder, f.count);
    f
}

/// A node's title: the first non-empty line of its text, without markdown stars, cut at
/// [`TITLE_MAX`] characters.
fn title_of(text: &str) -> String {
    headline(text, TITLE_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::HandoffStatus;

    fn handoff(session: i64, claim: Option<(i64, u32)>, notify_count: u32) -> HandoffRow {
        HandoffRow {
            session: SessionId(session),
            urgent: false,
            status: HandoffStatus::Open,
            ever_claimed: claim.is_some(),
            notify_count,
            created_at: Timestamp(0),
            first_claimed_at: claim.map(|c| Timestamp(c.0)),
            notices_at_claim: claim.map(|c| c.1),
            resolved_at: None,
            rating: None,
        }
    }

    #[test]
    fn unclaimed_after_the_last_reminder_counts_late_claims_and_none() {
        let rows = [
            // Claimed after all three reminders went out.
            handoff(1, Some((2_000, RENOTIFY_MAX)), RENOTIFY_MAX),
            // Never claimed, every reminder out.
            handoff(2, None, RENOTIFY_MAX),
            // Never claimed, one reminder still to come.
            handoff(3, None, 2),
            // Claimed before any reminder.
            handoff(4, Some((1_000, 0)), 0),
        ];
        let f = handoff_figures(rows.iter());
        assert_eq!(f.count, 4);
        assert_eq!(f.claimed, 2);
        assert_eq!(f.unclaimed_after_last_reminder, 2);
        assert_eq!(f.claimed_before_first_reminder, 1);
        assert_eq!(f.share_claimed_before_first_reminder, 0.25);
        assert_eq!(f.median_to_claim_ms, Some(1_500));
        assert_eq!(f.unrated, 4);
    }

    #[test]
    fn a_node_title_is_its_first_line_without_markdown_and_cut() {
        assert_eq!(title_of("\n**Call 112 now.**\nMore"), "Call 112 now.");
        let long = "x".repeat(80);
        assert_eq!(title_of(&long).chars().count(), TITLE_MAX);
    }
}
