//! Engine behaviour on a small hand-built guide:
//!
//! ```text
//! start ─ safe ─┬─ key-in-cabin ─┬─ fixed (resolved)
//!       │       │                └─ human (escalate)
//!       │       └─ key-in-trunk ── human
//!       └─ danger (emergency)
//! ```
use std::path::PathBuf;

use super::*;
use crate::guide::{Choice, Guide, GuideVersion, Node, Outcome};

fn node(id: &str, outcome: Option<Outcome>, choices: &[(&str, &str)]) -> Node {
    Node {
        id: id.into(),
        text: format!("text of {id}"),
        outcome,
        choices: choices
            .iter()
            .map(|(label, target)| Choice {
                label: (*label).into(),
                target: (*target).into(),
                when: None,
            })
            .collect(),
        when: None,
    }
}

fn guide_with(version: &str, nodes: Vec<Node>) -> Guide {
    Guide::from_checked(
        "g".into(),
        "A guide".into(),
        "summary".into(),
        vec![],
        vec![],
        None,
        "start".into(),
        "human".into(),
        GuideVersion(version.into()),
        PathBuf::from("g.toml"),
        nodes,
    )
}

fn guide() -> Guide {
    guide_with(
        "v1",
        vec![
            node(
                "start",
                None,
                &[("We are safe", "safe"), ("Someone is in danger", "danger")],
            ),
            node(
                "safe",
                None,
                &[
                    ("Key in cabin", "key-in-cabin"),
                    ("Key in trunk", "key-in-trunk"),
                ],
            ),
            node(
                "key-in-cabin",
                None,
                &[("App worked", "fixed"), ("Still locked", "human")],
            ),
            node("key-in-trunk", None, &[("Call for help", "human")]),
            node("fixed", Some(Outcome::Resolved), &[]),
            node("human", Some(Outcome::Escalate), &[]),
            node("danger", Some(Outcome::Emergency), &[]),
        ],
    )
}

fn walk(g: &Guide, inputs: &[Input]) -> State {
    let (mut state, _) = start(g);
    for &input in inputs {
        state = apply(g, &state, input).expect("input applies").state;
    }
    state
}

#[test]
fn start_shows_the_first_step_without_back_or_start_over() {
    let g = guide();
    let (state, view) = start(&g);
    assert_eq!(state.node, "start");
    assert_eq!(state.step, 0);
    assert_eq!(view.nav, vec![Nav::Volunteer]);
    assert!(!view.offers(Nav::Back));
    assert_eq!(view.choices.len(), 2);
    assert_eq!(view.choices[1].label, "Someone is in danger");
    assert_eq!(
        apply(&g, &state, Input::Back),
        Err(Refused::NotOffered(Nav::Back))
    );
}

#[test]
fn forward_moves_along_the_chosen_branch_and_bumps_the_step() {
    let g = guide();
    let (s0, _) = start(&g);
    let t = apply(&g, &s0, Input::Choose(0)).unwrap();
    assert_eq!(t.state.node, "safe");
    assert_eq!(t.state.step, 1);
    assert_eq!(t.pressed, "We are safe");
    assert_eq!(t.view.nav, vec![Nav::Back, Nav::Restart, Nav::Volunteer]);
    let t = apply(&g, &t.state, Input::Choose(1)).unwrap();
    assert_eq!(t.state.node, "key-in-trunk");
    assert_eq!(t.state.path, vec!["start", "safe"]);
}

#[test]
fn back_after_a_branch_returns_exactly_to_the_previous_node() {
    let g = guide();
    let trunk = walk(&g, &[Input::Choose(0), Input::Choose(1)]);
    let back = apply(&g, &trunk, Input::Back).unwrap();
    assert_eq!(back.state.node, "safe");
    assert_eq!(back.state.path, vec!["start"]);
    assert_eq!(back.pressed, "Back");
    // Down the other branch, then back twice: start again, with no Back offered.
    let cabin = apply(&g, &back.state, Input::Choose(0)).unwrap().state;
    assert_eq!(cabin.node, "key-in-cabin");
    let s = apply(&g, &cabin, Input::Back).unwrap().state;
    let s = apply(&g, &s, Input::Back).unwrap();
    assert_eq!(s.state.node, "start");
    assert!(!s.view.offers(Nav::Back));
    assert_eq!(
        s.state.step, 6,
        "every transition moves the step on, Back included"
    );
}

#[test]
fn start_over_returns_to_the_start_with_an_empty_path() {
    let g = guide();
    let deep = walk(&g, &[Input::Choose(0), Input::Choose(0)]);
    let t = apply(&g, &deep, Input::Restart).unwrap();
    assert_eq!(t.state.node, "start");
    assert!(t.state.path.is_empty());
    assert_eq!(t.state.status, Status::Active);
    assert_eq!(t.pressed, "Start over");
}

#[test]
fn escalate_is_possible_from_every_open_node() {
    let g = guide();
    for inputs in [
        vec![],
        vec![Input::Choose(0)],
        vec![Input::Choose(0), Input::Choose(0)],
        vec![Input::Choose(0), Input::Choose(1)],
    ] {
        let s = walk(&g, &inputs);
        let t = apply(&g, &s, Input::Escalate).unwrap();
        assert_eq!(t.state.node, "human", "from {}", s.node);
        assert_eq!(t.state.status, Status::Escalated);
        assert!(t.view.flags.escalated);
        assert_eq!(t.view.nav, vec![Nav::Restart]);
        assert!(t.view.choices.is_empty());
        // Already with volunteers: asking again is refused, not duplicated.
        assert_eq!(
            apply(&g, &t.state, Input::Escalate),
            Err(Refused::NotOffered(Nav::Volunteer))
        );
    }
}

#[test]
fn emergency_outcome_is_flagged_urgent_and_ends_the_guide() {
    let g = guide();
    let (s0, _) = start(&g);
    let t = apply(&g, &s0, Input::Choose(1)).unwrap();
    assert_eq!(t.state.status, Status::Emergency);
    assert!(t.view.flags.emergency && t.view.flags.urgent);
    assert!(!t.view.flags.resolved && !t.view.flags.escalated);
    assert!(t.view.choices.is_empty());
    assert_eq!(t.view.nav, vec![Nav::Restart]);
    assert_eq!(
        apply(&g, &t.state, Input::Choose(0)),
        Err(Refused::NoSuchChoice(0))
    );
}

#[test]
fn resolved_offers_start_over_and_a_volunteer_for_the_still_stuck() {
    let g = guide();
    let s = walk(&g, &[Input::Choose(0), Input::Choose(0), Input::Choose(0)]);
    assert_eq!(s.status, Status::Resolved);
    let v = view(&g, &s);
    assert!(v.flags.resolved && !v.flags.urgent);
    assert_eq!(v.nav, vec![Nav::Restart, Nav::Volunteer]);
    let t = apply(&g, &s, Input::Escalate).unwrap();
    assert_eq!(t.state.status, Status::Escalated);
}

#[test]
fn a_choice_that_does_not_exist_is_refused() {
    let g = guide();
    let (s0, _) = start(&g);
    assert_eq!(
        apply(&g, &s0, Input::Choose(2)),
        Err(Refused::NoSuchChoice(2))
    );
    assert_eq!(
        apply(&g, &s0, Input::Choose(usize::MAX)),
        Err(Refused::NoSuchChoice(usize::MAX))
    );
}

#[test]
fn an_edited_guide_keeps_the_member_on_a_step_that_still_exists() {
    let old = guide();
    let s = walk(&old, &[Input::Choose(0), Input::Choose(1)]);
    // v2 drops "safe" but keeps "key-in-trunk".
    let mut nodes = old.nodes().to_vec();
    nodes.retain(|n| n.id != "safe");
    nodes[0].choices[0].target = "key-in-trunk".into();
    let new = guide_with("v2", nodes);
    match reconcile(&new, &old.version, &s) {
        Reconciled::Continued(kept) => {
            assert_eq!(kept.node, "key-in-trunk");
            assert_eq!(kept.path, vec!["start"], "removed steps leave the path");
            let back = apply(&new, &kept, Input::Back).unwrap();
            assert_eq!(back.state.node, "start");
        }
        other => panic!("expected Continued, got {other:?}"),
    }
    assert_eq!(
        reconcile(&old, &old.version, &s),
        Reconciled::Unchanged(s.clone())
    );
}

#[test]
fn a_removed_step_offers_only_start_over() {
    let old = guide();
    let s = walk(&old, &[Input::Choose(0), Input::Choose(1)]);
    let mut nodes = old.nodes().to_vec();
    nodes.retain(|n| n.id != "key-in-trunk");
    nodes[1].choices.truncate(1);
    let new = guide_with("v2", nodes);
    assert_eq!(
        reconcile(&new, &old.version, &s),
        Reconciled::StepRemoved(s.clone())
    );
    let v = view(&new, &s);
    assert_eq!(v.nav, vec![Nav::Restart]);
    assert_eq!(v.notice, Some(Notice::StepRemoved));
    assert!(!v.text.is_empty());
    assert!(matches!(
        apply(&new, &s, Input::Choose(0)),
        Err(Refused::NodeMissing(_))
    ));
    assert_eq!(
        apply(&new, &s, Input::Back),
        Err(Refused::NotOffered(Nav::Back))
    );
    let t = apply(&new, &s, Input::Restart).unwrap();
    assert_eq!(t.state.node, "start");
}
