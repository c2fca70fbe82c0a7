//! Rules on the shape of a guide as a graph of nodes: who `volunteer` names, what `start`
//! reaches, and how close help is.

use std::collections::{HashMap, VecDeque};

use super::hints::closest;
use super::report::Report;
use super::Rule;
use crate::guide::limits::EMERGENCY_MAX_DEPTH;
use crate::guide::model::Outcome;
use crate::guide::raw::{RawGuide, RawNode};

/// `volunteer` must name an escalate node; without it the first escalate node is used. Returns
/// the id to use, if there is one.
pub(super) fn check_volunteer(
    r: &mut Report,
    raw: &RawGuide,
    nodes: &[&RawNode],
    index: &HashMap<&str, usize>,
    known: &[&str],
) -> Option<String> {
    let Some(volunteer) = &raw.volunteer else {
        return nodes
            .iter()
            .find(|n| outcome(n) == Some(Outcome::Escalate))
            .map(|n| n.id.get_ref().clone());
    };
    let id = volunteer.get_ref();
    match index.get(id.as_str()).map(|&i| nodes[i]) {
        None => {
            let fix = match closest(id, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name a node with `outcome = \"escalate\"`, or remove `volunteer` to use the first one".into(),
            };
            r.at(
                volunteer.span(),
                Rule::UnknownVolunteer,
                format!("volunteer `{id}` is not a node in this guide"),
                fix,
            );
            None
        }
        Some(node) if outcome(node) != Some(Outcome::Escalate) => {
            let has = match outcome(node) {
                Some(o) => format!("outcome `{}`", o.as_str()),
                None => "no outcome".into(),
            };
            r.at(
                volunteer.span(),
                Rule::VolunteerNotEscalate,
                format!("volunteer node `{id}` has {has}, not `escalate`"),
                "point `volunteer` at a node with `outcome = \"escalate\"`, or give this node that outcome",
            );
            None
        }
        Some(_) => Some(id.clone()),
    }
}

/// Rules on the graph from `start`: reachability, a path to a human, and an emergency exit
/// close to the start.
pub(super) fn check_graph(
    r: &mut Report,
    raw: &RawGuide,
    nodes: &[&RawNode],
    index: &HashMap<&str, usize>,
    start: usize,
) {
    let depth = depths(nodes, index, start);
    for (i, node) in nodes.iter().enumerate() {
        // A duplicate id is reported once already and cannot be reached by its id anyway.
        let is_first = index.get(node.id.get_ref().as_str()) == Some(&i);
        if depth[i].is_none() && is_first {
            let id = node.id.get_ref();
            r.at(
                node.id.span(),
                Rule::Unreachable,
                format!(
                    "node `{id}` cannot be reached from start `{}`",
                    raw.start.get_ref()
                ),
                format!(
                    "add a choice with `goto = \"{id}\"` to an earlier node, or delete this node"
                ),
            );
        }
    }

    let reachable_with = |wanted: Outcome| {
        nodes
            .iter()
            .zip(&depth)
            .filter_map(|(n, d)| d.filter(|_| outcome(n) == Some(wanted)))
            .min()
    };
    let start_id = raw.start.get_ref();
    if reachable_with(Outcome::Escalate).is_none() {
        r.at(
            raw.start.span(),
            Rule::NoVolunteerPath,
            format!("no node reachable from start `{start_id}` has `outcome = \"escalate\"`, so a member can never reach a volunteer"),
            "add a node with `outcome = \"escalate\"` and a choice that leads to it",
        );
    }
    match reachable_with(Outcome::Emergency) {
        Some(d) if d <= EMERGENCY_MAX_DEPTH => {}
        nearest => {
            let found = match nearest {
                Some(d) => format!("the nearest is {d} choices away"),
                None => "there is none".into(),
            };
            r.at(
                raw.start.span(),
                Rule::NoEmergencyNearStart,
                format!("no `emergency` node within {EMERGENCY_MAX_DEPTH} choices of start `{start_id}` ({found}); a person in danger must get help in at most {EMERGENCY_MAX_DEPTH} taps"),
                "ask about safety first: give the start node a choice such as \"Someone may be in danger\" that leads to a node with `outcome = \"emergency\"`",
            );
        }
    }
}

/// Breadth-first distance in choices from `start` to each node; `None` when unreachable.
fn depths(nodes: &[&RawNode], index: &HashMap<&str, usize>, start: usize) -> Vec<Option<usize>> {
    let mut depth = vec![None; nodes.len()];
    let mut queue = VecDeque::new();
    depth[start] = Some(0);
    queue.push_back(start);
    while let Some(i) = queue.pop_front() {
        let d = depth[i].unwrap_or(0);
        for choice in &nodes[i].choices {
            if let Some(&j) = index.get(choice.get_ref().target.get_ref().as_str()) {
                if depth[j].is_none() {
                    depth[j] = Some(d + 1);
                    queue.push_back(j);
                }
            }
        }
    }
    depth
}

fn outcome(node: &RawNode) -> Option<Outcome> {
    node.outcome.as_ref().map(|o| *o.get_ref())
}
