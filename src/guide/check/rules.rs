//! The rules one guide must follow once toml has read it, and the checked `Guide` it becomes.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use toml::Spanned;

use super::conditions::{build_when, check_when};
use super::graph::{check_graph, check_volunteer};
use super::hints::{closest, is_id_char, preview, slug};
use super::placeholders::{check_filled_length, check_region_words};
use super::report::Report;
use super::sources::{check_no_promise, check_sources};
use super::{Problem, Rule};
use crate::guide::limits::{CHOICES_MAX, ID_MAX, LABEL_MAX, NODE_TEXT_MAX, SUMMARY_MAX, TITLE_MAX};
use crate::guide::load::SourceFile;
use crate::guide::model::{Choice, Guide, Node};
use crate::guide::raw::{RawGuide, RawNode};

/// Applies every rule to `raw`, appending problems. Returns the checked guide, which the
/// caller must only use when no problem was added.
pub(super) fn check_guide(
    src: &SourceFile,
    raw: RawGuide,
    problems: &mut Vec<Problem>,
) -> Option<Guide> {
    let before = problems.len();
    let mut r = Report { src, problems };
    check_id(&mut r, "guide id", &raw.id, "");
    // `/triage cancel` closes a member's guide; a guide with that id could never be started.
    if raw.id.get_ref() == "cancel" {
        r.at(
            raw.id.span(),
            Rule::InvalidId,
            "guide id `cancel` is reserved for `/triage cancel`".to_string(),
            "choose another id, e.g. `cancel-subscription`",
        );
    }
    check_text(&mut r, "title", &raw.title, TITLE_MAX, Rule::TitleTooLong);
    check_text(
        &mut r,
        "summary",
        &raw.summary,
        SUMMARY_MAX,
        Rule::SummaryTooLong,
    );

    check_sources(&mut r, &raw);

    if raw.nodes.is_empty() {
        // Without nodes every graph rule would fire too; one clear problem is enough.
        r.at(
            raw.start.span(),
            Rule::NoNodes,
            "this guide has no nodes".into(),
            "add at least one `[[node]]` with an `id` and `text` (see content/README.md)",
        );
        return None;
    }

    let nodes: Vec<&RawNode> = raw.nodes.iter().map(Spanned::get_ref).collect();
    // Node id -> index of its first definition; later duplicates are reported and ignored.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        check_id(
            &mut r,
            "node id",
            &node.id,
            "; change every `goto` that names it too",
        );
        match index.entry(node.id.get_ref().as_str()) {
            Entry::Occupied(first) => {
                let first_line = src.at(&nodes[*first.get()].id.span()).line;
                r.at(
                    node.id.span(),
                    Rule::DuplicateNodeId,
                    format!(
                        "node id `{}` is already used on line {first_line}",
                        node.id.get_ref()
                    ),
                    "rename one of the two nodes (and the `goto`s meant for it); ids must be unique in a guide",
                );
            }
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    let known: Vec<&str> = index.keys().copied().collect();

    for node in &nodes {
        check_node(&mut r, node, &index, &known);
    }

    let volunteer = check_volunteer(&mut r, &raw, &nodes, &index, &known);

    let start_id = raw.start.get_ref().as_str();
    match index.get(start_id) {
        None => {
            let start_fix = match closest(start_id, &known) {
                Some(near) => format!("did you mean `{near}`? `start` must name a node's id"),
                None => "set `start` to the id of the first node members should see".into(),
            };
            // Reachability from an unknown start would flag every node; the fix is here.
            r.at(
                raw.start.span(),
                Rule::UnknownStart,
                format!("start `{start_id}` is not a node in this guide"),
                start_fix,
            );
        }
        Some(&start) => check_graph(&mut r, &raw, &nodes, &index, start),
    }

    if r.problems.len() > before {
        return None;
    }
    Some(build(raw, volunteer?, src))
}

/// Per-node rules: id handled by the caller; text, outcome versus choices, and each choice.
fn check_node(r: &mut Report, node: &RawNode, index: &HashMap<&str, usize>, known: &[&str]) {
    let id = node.id.get_ref();
    let text = node.text.get_ref();
    if let Some(when) = &node.when {
        check_when(r, &format!("node `{id}`"), when);
    }
    if text.trim().is_empty() {
        r.at(
            node.text.span(),
            Rule::EmptyField,
            format!("node `{id}` has empty text"),
            "write what the member should read or do at this step",
        );
    } else if text.trim().chars().count() > NODE_TEXT_MAX {
        r.at(
            node.text.span(),
            Rule::TextTooLong,
            format!(
                "the text of node `{id}` is {} characters; at most {NODE_TEXT_MAX} fit in one Discord message",
                text.trim().chars().count()
            ),
            "shorten it, or split it over two nodes joined by a choice",
        );
    }
    let what = format!("the text of node `{id}`");
    check_region_words(r, &what, &node.text);
    check_no_promise(r, &what, &node.text);
    check_filled_length(r, &what, &node.text, NODE_TEXT_MAX, Rule::TextTooLong);

    match (&node.outcome, node.choices.first()) {
        (Some(outcome), Some(first)) => r.at(
            first.span(),
            Rule::TerminalWithChoices,
            format!(
                "node `{id}` has outcome `{}` and also {}; an outcome ends the guide, so they would never show",
                outcome.get_ref().as_str(),
                match node.choices.len() {
                    1 => "a choice".to_string(),
                    n => format!("{n} choices"),
                }
            ),
            "remove the choices, or remove the `outcome` to make it an ordinary step",
        ),
        (None, None) => r.at(
            node.id.span(),
            Rule::DeadEnd,
            format!("node `{id}` has no choices and no outcome, so a member would be stuck there"),
            "add `choices`, or end the guide here with `outcome = \"resolved\"`, `\"escalate\"` or `\"emergency\"`",
        ),
        _ => {}
    }

    if let Some(extra) = node.choices.get(CHOICES_MAX) {
        r.at(
            extra.span(),
            Rule::TooManyChoices,
            format!(
                "node `{id}` has {} choices; at most {CHOICES_MAX} fit (one row of buttons is kept for Back, Start over and Talk to a volunteer)",
                node.choices.len()
            ),
            "split the choices over two steps, e.g. a first question that narrows them down",
        );
    }

    // Labels compared trimmed and case-insensitively: "Yes" and "yes " are the same button to
    // a member.
    let mut labels: HashMap<String, usize> = HashMap::new();
    for choice in &node.choices {
        let choice = choice.get_ref();
        let label = choice.label.get_ref();
        let shown = label.trim();
        let what = format!("label `{}` in node `{id}`", preview(shown));
        check_region_words(r, &what, &choice.label);
        check_filled_length(r, &what, &choice.label, LABEL_MAX, Rule::LabelTooLong);
        if shown.is_empty() {
            r.at(
                choice.label.span(),
                Rule::EmptyField,
                format!("a choice in node `{id}` has an empty label"),
                "write the button text the member taps, e.g. \"Yes, we are safe\"",
            );
        } else if shown.chars().count() > LABEL_MAX {
            r.at(
                choice.label.span(),
                Rule::LabelTooLong,
                format!(
                    "label `{}` in node `{id}` is {} characters; Discord buttons hold at most {LABEL_MAX}",
                    preview(shown),
                    shown.chars().count()
                ),
                format!("shorten it to {LABEL_MAX} characters or fewer; details belong in the node's text"),
            );
        } else {
            let key = shown.to_lowercase();
            let line = r.src.at(&choice.label.span()).line;
            if let Some(first_line) = labels.get(&key) {
                r.at(
                    choice.label.span(),
                    Rule::DuplicateLabel,
                    format!(
                        "node `{id}` already has a choice labelled `{shown}` (line {first_line})"
                    ),
                    "give each choice of a node a different label",
                );
            } else {
                labels.insert(key, line);
            }
        }

        if let Some(when) = &choice.when {
            check_when(
                r,
                &format!("choice `{}` in node `{id}`", preview(shown)),
                when,
            );
        }

        let target = choice.target.get_ref();
        if !index.contains_key(target.as_str()) {
            let fix = match closest(target, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "add a node with `id = \"{target}\"`, or point `goto` at an existing node"
                ),
            };
            r.at(
                choice.target.span(),
                Rule::UnknownTarget,
                format!(
                    "choice `{}` in node `{id}` goes to `{target}`, which is not a node in this guide",
                    preview(shown)
                ),
                fix,
            );
        }
    }
}

/// Ids: not empty, at most `ID_MAX` characters, only `a-z`, `0-9` and `-` (they appear in
/// commands such as `pitcrew chat ID` and in logs, where spaces and capitals cause mistakes).
fn check_id(r: &mut Report, what: &str, id: &Spanned<String>, also: &str) {
    let value = id.get_ref();
    let len = value.chars().count();
    if value.is_empty() {
        r.at(
            id.span(),
            Rule::EmptyField,
            format!("{what} is empty"),
            "write an id of lowercase letters, digits and dashes, e.g. `ask-human`",
        );
    } else if len > ID_MAX {
        r.at(
            id.span(),
            Rule::IdTooLong,
            format!(
                "{what} `{}` is {len} characters; at most {ID_MAX}",
                preview(value)
            ),
            format!("shorten it{also}"),
        );
    } else if !value.chars().all(is_id_char) {
        let slug = slug(value);
        let fix = if slug.is_empty() {
            format!("use only lowercase letters a-z, digits and dashes{also}")
        } else {
            format!("use `{slug}` instead (only lowercase letters a-z, digits and dashes){also}")
        };
        r.at(
            id.span(),
            Rule::InvalidId,
            format!("{what} `{value}` has characters other than a-z, 0-9 and `-`"),
            fix,
        );
    }
}

/// Title and summary: present and short enough for Discord's pickers.
fn check_text(r: &mut Report, what: &str, value: &Spanned<String>, max: usize, rule: Rule) {
    let text = value.get_ref().trim();
    let len = text.chars().count();
    if text.is_empty() {
        r.at(
            value.span(),
            Rule::EmptyField,
            format!("`{what}` is empty"),
            format!("write a short {what}; members see it when picking a guide"),
        );
    } else if len > max {
        r.at(
            value.span(),
            rule,
            format!("`{what}` is {len} characters; at most {max} fit in Discord's guide picker"),
            format!("shorten it to {max} characters or fewer"),
        );
    }
}

/// The checked guide. Text, titles and labels are trimmed: leading and trailing whitespace
/// (such as the newline before a closing `"""`) is never meant to show.
fn build(raw: RawGuide, volunteer: String, src: &SourceFile) -> Guide {
    let nodes = raw
        .nodes
        .into_iter()
        .map(Spanned::into_inner)
        .map(|n| Node {
            id: n.id.into_inner(),
            text: n.text.into_inner().trim().to_string(),
            outcome: n.outcome.map(Spanned::into_inner),
            choices: n
                .choices
                .into_iter()
                .map(Spanned::into_inner)
                .map(|c| Choice {
                    label: c.label.into_inner().trim().to_string(),
                    target: c.target.into_inner(),
                    when: build_when(c.when),
                })
                .collect(),
            when: build_when(n.when),
        })
        .collect();
    Guide::from_checked(
        raw.id.into_inner(),
        raw.title.into_inner().trim().to_string(),
        raw.summary.into_inner().trim().to_string(),
        raw.tags,
        raw.synonyms,
        raw.applies_to,
        raw.start.into_inner(),
        volunteer,
        src.version.clone(),
        src.path.clone(),
        nodes,
    )
}
