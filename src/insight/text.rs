//! The figures as text: a table for a terminal, CSV (the full table, for a spreadsheet or the
//! Discord attachment) and headline lines. Operator output, so in English; a front end that
//! speaks to moderators in their language reads the numbers from [`Figures`] itself.

use std::fmt::Write as _;

use super::{Figures, GuideFigures, ALL_GUIDES};

/// The CSV header. One row per figure, its `kind` saying which columns apply (the others are
/// empty): `guide` rows carry the guide's totals and handoffs (guide `(all)` is every guide
/// together), `node` rows reached/left/share of one node, `edge` rows how many moves went from
/// `node` to `to`. Times are whole milliseconds; shares are fractions (0.5 = half).
pub const CSV_HEADER: &str = "kind,guide,node,to,title,starts,resolved,escalated,emergency,\
abandoned,in_progress,fixed_yes,fixed_no,fixed_no_answer,median_to_outcome_ms,reached,left,\
share,count,handoffs,claimed,median_to_claim_ms,median_to_resolve_ms,\
claimed_before_first_reminder,share_claimed_before_first_reminder,\
unclaimed_after_last_reminder,rated_solved,rated_not_solved,unrated";

/// Columns after `title` in [`CSV_HEADER`].
const NUMBERS: usize = 24;

impl Figures {
    /// The full table as CSV: [`CSV_HEADER`], the all-guides row, then per guide its row, its
    /// nodes (worst drop-off first) and its edges (busiest first).
    pub fn to_csv(&self) -> String {
        let mut out = format!("{CSV_HEADER}\n");
        guide_row(&mut out, &self.all);
        for g in &self.guides {
            guide_row(&mut out, g);
            for n in &g.nodes {
                let mut cells = vec![String::new(); NUMBERS];
                cells[10] = n.reached.to_string();
                cells[11] = n.left.to_string();
                cells[12] = format!("{:.4}", n.share);
                let title = n.title.as_deref().unwrap_or("");
                row(&mut out, ["node", &n.guide, &n.node, "", title], &cells);
            }
            for e in &g.edges {
                let mut cells = vec![String::new(); NUMBERS];
                cells[13] = e.count.to_string();
                row(&mut out, ["edge", &e.guide, &e.from, &e.to, ""], &cells);
            }
        }
        out
    }

    /// A few lines with the figures that matter most, for the top of a report or an embed.
    pub fn headline(&self) -> Vec<String> {
        let a = &self.all;
        let o = &a.outcomes;
        let h = &a.handoffs;
        let worst = a.nodes.iter().find(|n| n.left > 0).map_or(
            "nobody left a guide midway".to_string(),
            |n| {
                format!(
                    "most left at {} / {}: {} of {} ({})",
                    n.guide,
                    n.node,
                    n.left,
                    n.reached,
                    percent(n.share)
                )
            },
        );
        vec![
            format!(
                "{} walks: {} resolved, {} escalated, {} emergency, {} abandoned, {} in progress",
                a.starts, o.resolved, o.escalated, o.emergency, o.abandoned, o.in_progress
            ),
            format!(
                "did this fix it? {} yes, {} no, {} no answer; median start to outcome {}",
                a.fixed.yes,
                a.fixed.no,
                a.fixed.no_answer,
                human(a.median_to_outcome_ms)
            ),
            format!(
                "{} handoffs: median {} to claim, {} to resolve; {} claimed before the first \
                 reminder, {} unclaimed after the last",
                h.count,
                human(h.median_to_claim_ms),
                human(h.median_to_resolve_ms),
                percent(h.share_claimed_before_first_reminder),
                h.unclaimed_after_last_reminder
            ),
            worst,
        ]
    }

    /// Readable in a terminal: the headline, then per guide its totals and its nodes.
    pub fn table(&self) -> String {
        let mut out = String::new();
        for line in self.headline() {
            let _ = writeln!(out, "{line}");
        }
        for g in &self.guides {
            let _ = writeln!(out);
            guide_block(&mut out, g);
        }
        out
    }
}

fn guide_row(out: &mut String, g: &GuideFigures) {
    let o = &g.outcomes;
    let h = &g.handoffs;
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut cells: Vec<String> = [
        g.starts,
        o.resolved,
        o.escalated,
        o.emergency,
        o.abandoned,
        o.in_progress,
        g.fixed.yes,
        g.fixed.no,
        g.fixed.no_answer,
    ]
    .iter()
    .map(u64::to_string)
    .collect();
    cells.push(opt(g.median_to_outcome_ms));
    cells.extend([String::new(), String::new(), String::new(), String::new()]);
    cells.extend([h.count.to_string(), h.claimed.to_string()]);
    cells.extend([opt(h.median_to_claim_ms), opt(h.median_to_resolve_ms)]);
    cells.push(h.claimed_before_first_reminder.to_string());
    cells.push(format!("{:.4}", h.share_claimed_before_first_reminder));
    cells.extend(
        [
            h.unclaimed_after_last_reminder,
            h.solved,
            h.not_solved,
            h.unrated,
        ]
        .iter()
        .map(u64::to_string),
    );
    let title = g.title.as_deref().unwrap_or("");
    row(out, ["guide", &g.guide, "", "", title], &cells);
}

fn row(out: &mut String, text: [&str; 5], numbers: &[String]) {
    let cells: Vec<String> = text
        .iter()
        .map(|t| quote(t))
        .chain(numbers.iter().cloned())
        .collect();
    let _ = writeln!(out, "{}", cells.join(","));
}

/// RFC 4180: a field with a comma, quote or line break goes in quotes, quotes doubled.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn guide_block(out: &mut String, g: &GuideFigures) {
    let o = &g.outcomes;
    let h = &g.handoffs;
    let name = match &g.title {
        Some(t) => format!("{} ({t})", g.guide),
        None if g.guide == ALL_GUIDES => "all guides".to_string(),
        None => format!("{} (not loaded)", g.guide),
    };
    let _ = writeln!(out, "== {name}");
    let _ = writeln!(
        out,
        "  starts {}   resolved {}   escalated {}   emergency {}   abandoned {}   in progress {}",
        g.starts, o.resolved, o.escalated, o.emergency, o.abandoned, o.in_progress
    );
    let _ = writeln!(
        out,
        "  did this fix it?  yes {}   no {}   no answer {}   median start to outcome {}",
        g.fixed.yes,
        g.fixed.no,
        g.fixed.no_answer,
        human(g.median_to_outcome_ms)
    );
    let _ = writeln!(
        out,
        "  handoffs {}   claimed {}   median to claim {}   to resolve {}",
        h.count,
        h.claimed,
        human(h.median_to_claim_ms),
        human(h.median_to_resolve_ms)
    );
    let _ = writeln!(
        out,
        "  claimed before the first reminder {} ({})   unclaimed after the last {}   \
         rated solved {}   not solved {}   unrated {}",
        h.claimed_before_first_reminder,
        percent(h.share_claimed_before_first_reminder),
        h.unclaimed_after_last_reminder,
        h.solved,
        h.not_solved,
        h.unrated
    );
    let width = g
        .nodes
        .iter()
        .map(|n| n.node.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(out, "  {:<width$}  reached   left  share  title", "node");
    for n in &g.nodes {
        let _ = writeln!(
            out,
            "  {:<width$}  {:>7}  {:>5}  {:>5}  {}",
            n.node,
            n.reached,
            n.left,
            percent(n.share),
            n.title.as_deref().unwrap_or("")
        );
    }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Milliseconds as a person reads them: `45s`, `2m 05s`, `1h 02m`, `—` for no value.
pub fn human(ms: Option<u64>) -> String {
    let Some(ms) = ms else {
        return "—".to_string();
    };
    let s = ms / 1000;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    }
}
