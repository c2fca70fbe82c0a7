//! Golden walks: put the wrong fuel in (petrol in a diesel, diesel in a petrol car, AdBlue).

use pitcrew::triage::Status;

use super::{assert_mentions, guide, seen, walk};

const ID: &str = "wrong-fuel";

#[test]
fn the_first_screen_says_do_not_start_the_engine() {
    let g = &guide(ID);
    let (_, screens) = walk(g, &[]);
    assert_mentions(
        &screens[0].text,
        &["don't start the engine", "ignition on", "fuel pump"],
    );
}

#[test]
fn leaking_fuel_is_an_emergency() {
    let g = &guide(ID);
    let (state, screens) = walk(g, &["Someone is hurt, or fuel is leaking"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &seen(&screens[1..]),
        &["911", "away from the car", "no smoking", "staff"],
    );
}

#[test]
fn at_the_pump_push_in_neutral_and_get_it_drained() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "No, still at the pump",
            "OK, who do I call?",
            "How bad is it?",
            "Back to getting help",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "neutral",
            "steer and brake",
            "roadside assistance",
            "insurer",
            "drain",
            "don't try to siphon",
            "petrol in a diesel",
            "more harmful",
        ],
    );
}

#[test]
fn driving_and_misfiring_pull_over_switch_off_on_the_motorway() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "Yes, I'm driving now",
            "I'm on a motorway shoulder",
            "We're behind the barrier",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "misfiring",
            "pull over as soon as it's safe",
            "switch off",
            "behind the barrier",
            "don't try anything on the hard shoulder",
        ],
    );
}

#[test]
fn adblue_in_the_tank_is_treated_like_wrong_fuel_then_a_volunteer() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "It was AdBlue in the fuel tank",
            "OK, who do I call?",
            "I can't get anyone",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &seen(&screens),
        &[
            "adblue is not fuel",
            "don't start the engine",
            "volunteer",
            "meanwhile",
        ],
    );
}
