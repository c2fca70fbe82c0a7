//! The engine with a member's car: hidden choices, questions the car answers, Back over them.
//!
//! ```text
//! start ─┬─ danger (emergency)
//!        └─ in ── key-type ─┬─ clam   (key = clamshell, years 2002-2004)
//!                           ├─ flat   (key = flat-key,  years 2005-2008)
//!                           └─ newer  (node: key = smart-key…, years 2007-)
//! clam / flat / newer ─┬─ fixed
//!                      ├─ human
//!                      └─ no-keyless ── human   (only for key = remote-key)
//! ```
use std::path::Path;

use super::*;
use crate::domain::Car;
use crate::guide::{check_source, Guide};

const GUIDE: &str = r#"
id = "g"
title = "Fob"
summary = "Fob"
start = "start"

[[node]]
id = "start"
text = "Safe?"
choices = [
  { label = "Danger", goto = "danger" },
  { label = "Safe", goto = "in" },
]

[[node]]
id = "danger"
outcome = "emergency"
text = "Call for help."

[[node]]
id = "in"
text = "Get in with the blade."
choices = [{ label = "I'm in", goto = "key-type" }]

[[node]]
id = "key-type"
text = "Which key?"
choices = [
  { label = "Clamshell", goto = "clam", when = { key = "clamshell", years = "2002-2004" } },
  { label = "Flat", goto = "flat", when = { key = "flat-key", years = "2005-2008" } },
  { label = "Newer", goto = "newer" },
]

[[node]]
id = "clam"
text = "Swap the cell."
choices = [
  { label = "Fixed", goto = "fixed" },
  { label = "Human", goto = "human" },
  { label = "No keyless here", goto = "human", when = { key = "remote-key" } },
]

[[node]]
id = "flat"
text = "Charge it."
choices = [{ label = "Fixed", goto = "fixed" }, { label = "Human", goto = "human" }]

[[node]]
id = "newer"
when = { key = ["smart-key", "comfort-access", "remote-key"], years = "2007-" }
text = "Newer key."
choices = [{ label = "Fixed", goto = "fixed" }, { label = "Human", goto = "human" }]

[[node]]
id = "fixed"
outcome = "resolved"
text = "Good."

[[node]]
id = "human"
outcome = "escalate"
text = "A volunteer."

[[source]]
title = "Test"
publisher = "pitcrew tests"
"#;

fn guide() -> Guide {
    match check_source(Path::new("g.toml"), GUIDE) {
        Ok(g) => g,
        Err(problems) => panic!("{problems:?}"),
    }
}

fn car(s: &str) -> Car {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn labels(v: &View) -> Vec<&str> {
    v.choices.iter().map(|c| c.label.as_str()).collect()
}

/// From the start, through "Safe" and "I'm in", for `car`.
fn to_key_question(g: &Guide, car: Option<&Car>) -> Transition {
    let (s, _) = start_for(g, car);
    let t = apply_for(g, &s, Input::Choose(1), car).expect("safe");
    apply_for(g, &t.state, Input::Choose(0), car).expect("in")
}

#[test]
fn a_member_without_a_car_is_asked_which_key() {
    let g = guide();
    let t = to_key_question(&g, None);
    assert_eq!(t.view.node_id, "key-type");
    assert_eq!(labels(&t.view), ["Clamshell", "Flat", "Newer"]);
    assert_eq!(t.state.path, ["start", "in"]);
}

#[test]
fn a_saved_car_answers_the_key_question_and_it_stays_on_the_path() {
    let g = guide();
    let mini = car("MINI Cooper 2003 clamshell");
    let t = to_key_question(&g, Some(&mini));
    assert_eq!(
        t.view.node_id, "clam",
        "the question is taken for the member"
    );
    assert_eq!(t.pressed, "I'm in", "the log keeps what the member pressed");
    assert_eq!(t.state.path, ["start", "in", "key-type"]);
    assert_eq!(t.state.step, 2, "one press, one step, whatever was passed");
    // A key type alone decides too; so does a year alone (node condition on `newer`).
    let flat = to_key_question(&g, Some(&car("MINI flat-key")));
    assert_eq!(flat.view.node_id, "flat");
    let newer = to_key_question(&g, Some(&car("MINI 2012")));
    assert_eq!(newer.view.node_id, "newer");
}

#[test]
fn a_car_that_fits_several_answers_is_asked_only_those() {
    let g = guide();
    // 2007: a late flat key or an early newer one; no key type told.
    let t = to_key_question(&g, Some(&car("MINI 2007")));
    assert_eq!(t.view.node_id, "key-type");
    assert_eq!(labels(&t.view), ["Flat", "Newer"]);
    // Positions are the node's own, so the button still names the same choice.
    assert_eq!(t.view.choices[0].index, 1);
    // A hidden choice cannot be pressed with a forged position.
    assert_eq!(
        apply_for(&g, &t.state, Input::Choose(0), Some(&car("MINI 2007"))),
        Err(Refused::NoSuchChoice(0))
    );
}

#[test]
fn a_car_no_choice_fits_sees_them_all() {
    let g = guide();
    // A 1990 car: neither range fits, and hiding every answer would strand the member.
    let t = to_key_question(&g, Some(&car("MINI 1990")));
    assert_eq!(t.view.node_id, "key-type");
    assert_eq!(labels(&t.view), ["Clamshell", "Flat", "Newer"]);
}

#[test]
fn a_single_choice_for_other_cars_is_hidden_but_not_taken() {
    let g = guide();
    let keyless = car("MINI 2003 comfort-access");
    let mut state = to_key_question(&g, None).state;
    state = apply_for(&g, &state, Input::Choose(0), None)
        .expect("clamshell")
        .state;
    assert_eq!(
        labels(&view_for(&g, &state, Some(&keyless))),
        ["Fixed", "Human"]
    );
    assert_eq!(
        labels(&view_for(&g, &state, None)),
        ["Fixed", "Human", "No keyless here"]
    );
}

#[test]
fn back_passes_over_the_question_the_car_answered() {
    let g = guide();
    let mini = car("MINI 2003 clamshell");
    let t = to_key_question(&g, Some(&mini));
    let back = apply_for(&g, &t.state, Input::Back, Some(&mini)).expect("back");
    assert_eq!(back.state.node, "in");
    assert_eq!(back.state.path, ["start"]);
    assert_eq!(back.state.step, t.state.step + 1);
    // Without the car (forgotten meanwhile), Back lands on the question itself.
    let back = apply_for(&g, &t.state, Input::Back, None).expect("back");
    assert_eq!(back.state.node, "key-type");
}

#[test]
fn a_resumed_walk_draws_the_same_screen_from_the_stored_state() {
    let g = guide();
    let mini = car("MINI 2003 clamshell");
    let t = to_key_question(&g, Some(&mini));
    // What the store keeps is the state; drawn again later it is the same screen.
    assert_eq!(view_for(&g, &t.state, Some(&mini)), t.view);
    let restart = apply_for(&g, &t.state, Input::Restart, Some(&mini)).expect("restart");
    assert_eq!(restart.state.node, "start");
    assert!(restart.state.path.is_empty());
}
