//! Golden walks: locked out with the engine running, or a keyless car locked with the key inside.

use pitcrew::triage::Status;

use super::{assert_mentions, guide, seen, walk};

const ID: &str = "locked-in-running-car";

#[test]
fn someone_inside_is_an_emergency_with_the_window_advice() {
    let g = &guide(ID);
    let (state, screens) = walk(g, &["Someone is shut inside the car"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &seen(&screens[1..]),
        &["911", "in distress", "side window farthest from them"],
    );
}

#[test]
fn engine_running_in_a_garage_is_an_emergency_get_out_first() {
    let g = &guide(ID);
    let (state, screens) = walk(g, &["It's running in a garage or closed space"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &seen(&screens[1..]),
        &[
            "911",
            "fresh air",
            "garage door only if",
            "don't go back in",
        ],
    );
}

#[test]
fn spare_key_brought_gets_them_back_in() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "OK, we're clear of it",
            "A spare is on its way",
            "We're back in",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(&seen(&screens), &["spare", "exhaust", "traffic", "battery"]);
}

#[test]
fn app_then_locksmith_warns_off_coat_hangers_and_explains_the_engine() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "OK, we're clear of it",
            "No spare today",
            "No app, or it failed",
            "Help is on the way",
            "Will the engine keep running?",
            "OK, back to waiting",
            "Why did it lock itself?",
            "OK, back to waiting",
            "They opened it",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "set up before",
            "roadside assistance",
            "engine is running",
            "coat hanger",
            "airbags",
            "don't count on it",
            "battery is weak",
        ],
    );
}

#[test]
fn nobody_reachable_goes_to_a_volunteer() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "OK, we're clear of it",
            "No spare today",
            "No app, or it failed",
            "I can't get anyone",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(&seen(&screens[5..]), &["volunteer", "meanwhile", "911"]);
}
