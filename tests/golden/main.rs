//! Golden walks through every shipped guide: a scripted path, by button label, to each kind of
//! outcome a guide has, asserting on the facts a member must see on the way. A guide edit that
//! drops a safety fact, a phone number or a path to a human fails here.
//!
//! The shipped guides' walks are below; each newer guide has a module of its own beside this
//! file, using `library`, `walk`, `seen` and `assert_mentions` from here.

use std::path::Path;

use pitcrew::domain::Region;
use pitcrew::guide::{load_library, Guide, Library};
use pitcrew::triage::{self, Input, Nav, State, Status, View};

mod locked_in_running_car;
mod out_of_fuel;
mod wrong_fuel;

fn library() -> Library {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    load_library(&dir).expect("shipped content passes check")
}

/// Walks `guide` pressing the buttons labelled `labels`, returning every screen seen as a
/// member in the US reads it (the facts below were written for US numbers).
fn walk(guide: &Guide, labels: &[&str]) -> (State, Vec<View>) {
    let (mut state, first) = triage::start(guide);
    let mut screens = vec![first];
    for label in labels {
        let view = screens.last().expect("a screen");
        let choice = view
            .choices
            .iter()
            .find(|c| c.label == *label)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no button {label:?} on `{}`; buttons: {:?}",
                    guide.id,
                    view.node_id,
                    view.choices.iter().map(|c| &c.label).collect::<Vec<_>>()
                )
            });
        let t = triage::apply(guide, &state, Input::Choose(choice.index)).expect("applies");
        state = t.state;
        screens.push(t.view);
    }
    let screens = screens.iter().map(|v| v.in_region(Region::Us)).collect();
    (state, screens)
}

fn seen(screens: &[View]) -> String {
    screens
        .iter()
        .map(|v| v.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_mentions(text: &str, facts: &[&str]) {
    let lower = text.to_lowercase();
    for fact in facts {
        assert!(
            lower.contains(&fact.to_lowercase()),
            "expected {fact:?} in:\n{text}"
        );
    }
}

#[test]
fn every_guide_puts_emergency_help_one_tap_from_the_start() {
    let lib = library();
    assert!(lib.len() >= 3, "{} guides", lib.len());
    for guide in lib.iter() {
        let (_, first) = triage::start(guide);
        let emergency = first
            .choices
            .iter()
            .filter_map(|c| {
                let (state, _) = triage::start(guide);
                let t = triage::apply(guide, &state, Input::Choose(c.index)).ok()?;
                t.view.flags.emergency.then_some(t)
            })
            .collect::<Vec<_>>();
        assert!(
            !emergency.is_empty(),
            "{}: no emergency on the first screen",
            guide.id
        );
        for t in emergency {
            assert_eq!(t.state.status, Status::Emergency);
            assert!(t.view.flags.urgent);
            assert_mentions(&t.view.in_region(Region::Us).text, &["911"]);
            assert_mentions(&t.view.in_region(Region::Gb).text, &["999"]);
            assert!(
                t.view.choices.is_empty(),
                "nothing to click through in an emergency"
            );
        }
    }
}

#[test]
fn every_guide_reaches_a_volunteer_from_the_first_screen() {
    for guide in library().iter() {
        let (state, first) = triage::start(guide);
        assert!(first.offers(Nav::Volunteer), "{}", guide.id);
        let t = triage::apply(guide, &state, Input::Escalate).expect("escalates");
        assert_eq!(t.state.status, Status::Escalated, "{}", guide.id);
        assert_mentions(&t.view.text, &["volunteer", "meanwhile"]);
    }
}

#[test]
fn bmw_key_in_the_trunk_via_app_and_assist_to_a_dealer_tow() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "In the trunk",
            "OK, carry on",
            "No spare today",
            "The car reacted, still locked",
            "It failed twice",
            "They couldn't help",
            "Help is on the way",
            "They couldn't get in",
            "The tow is arranged",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    let text = seen(&screens);
    assert_mentions(
        &text,
        &[
            "800-332-4269",
            "VIN",
            "door",
            "trunk",
            "pry",
            "12 V",
            "stranger",
        ],
    );
    assert!(screens.last().unwrap().flags.resolved);
}

#[test]
fn bmw_flat_battery_and_the_rear_seat_last_resort() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let (_, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "In the cabin",
            "No spare today",
            "No reaction at all",
            "Sounds like it",
            "Yes, the hood is open",
        ],
    );
    assert_mentions(&seen(&screens), &["jump points", "Stop all lock"]);
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "In the trunk",
            "OK, carry on",
            "No spare today",
            "A door or the trunk opened",
            "It's in the trunk, still shut",
            "Still locked",
            "They don't fold from inside",
            "Anything I can do myself?",
            "I'll leave it to a pro",
            "I'd like a volunteer",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    let text = seen(&screens);
    assert_mentions(&text, &["Last resort", "T45", "airbag"]);
}

#[test]
fn bmw_unsafe_place_is_an_emergency() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let (state, screens) = walk(g, &["I'm not safe where I am"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&screens[1].text, &["traffic", "911"]);
}

#[test]
fn trunk_with_medicine_goes_to_help_first_then_opens() {
    let lib = library();
    let g = lib.get("trunk-release-failed").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "We're parked safely",
            "Medicine or medical device, soon",
            "Help is coming, next step",
            "None of them worked",
            "No blade on my fob",
            "That was it, trunk open",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &["parking brake", "roadside", "medicine", "valet", "once"],
    );
}

#[test]
fn trunk_person_trapped_is_an_emergency_with_the_glow_handle() {
    let lib = library();
    let g = lib.get("trunk-release-failed").expect("guide");
    let (state, screens) = walk(g, &["A person may be in the trunk"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&screens[1].text, &["911", "glow"]);
}

#[test]
fn trunk_nothing_works_reaches_a_locksmith_then_a_volunteer() {
    let lib = library();
    let g = lib.get("trunk-release-failed").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "I'm on a shoulder or ramp",
            "Now parked safely",
            "Important, but it can wait",
            "The car battery seems weak",
            "Call for help",
            "Can't get roadside soon",
            "I can't get anyone",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &seen(&screens),
        &["locksmith", "proof of ownership", "shoulder"],
    );
}

#[test]
fn mini_flat_key_resync_is_labelled_community_reported_and_ends_at_the_dealer() {
    let lib = library();
    let g = lib.get("mini-fob-not-working").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "I'm in, or I can get in",
            "Flat key (2005–2008)",
            "Neither key works",
            "Start step 1",
            "Done",
            "Done, 4 times",
            "The locks cycled",
            "Still nothing",
            "What does it cost?",
            "I'll contact the dealer",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    let text = seen(&screens);
    assert_mentions(
        &text,
        &["not official", "4 times", "3 times", "registration", "$150"],
    );
}

#[test]
fn mini_clamshell_battery_fix() {
    let lib = library();
    let g = lib.get("mini-fob-not-working").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "I'm in, or I can get in",
            "Clamshell (2002–2004)",
            "It works now",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(&seen(&screens), &["CR2032", "5 minutes"]);
}

#[test]
fn mini_metal_key_fails_goes_to_a_volunteer_and_emergency_is_one_tap() {
    let lib = library();
    let g = lib.get("mini-fob-not-working").expect("guide");
    let (state, screens) = walk(g, &["We're safe, carry on", "The metal key won't work"]);
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(&screens.last().unwrap().text, &["volunteer", "911"]);
    let (state, screens) = walk(g, &["Someone is shut inside the car"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&screens[1].text, &["911", "metal key"]);
}
