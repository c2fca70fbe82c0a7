//! Golden walks through `frozen-lock`: never hot water, de-icer and gentle tries, the lighter
//! trick named as risky, no engine in a closed garage, and a child or pet inside is an emergency
//! with the window farthest from them.

use pitcrew::triage::Status;

use super::{assert_mentions, library, seen, walk};

#[test]
fn de_icer_then_push_the_door_and_thaw_the_car() {
    let lib = library();
    let g = lib.get("frozen-lock").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "OK, what can I do?",
            "The key won't go in or won't turn",
            "It unlocked",
            "I'm in",
            "All clear, I'm off",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "never pour hot or boiling water",
            "glass can crack",
            "refreezes",
            "lock de-icer",
            "every door and the boot/trunk",
            "warm the key in your hands",
            "push firmly",
            "don't yank",
            "closed garage",
            "silicone",
            "cover the car",
        ],
    );
    assert!(screens.last().unwrap().flags.resolved);
}

#[test]
fn the_lighter_trick_is_called_risky_and_nothing_works_reaches_a_volunteer() {
    let lib = library();
    let g = lib.get("frozen-lock").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "OK, what can I do?",
            "The key won't go in or won't turn",
            "Still frozen",
            "I'll get de-icer or wait",
            "I can't get help",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &seen(&screens),
        &[
            "lighter",
            "risky",
            "we don't recommend it",
            "electronics",
            "volunteer",
            "911",
        ],
    );
}

#[test]
fn keyless_car_tries_the_remote_then_help_comes() {
    let lib = library();
    let g = lib.get("frozen-lock").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "OK, what can I do?",
            "Remote or keyless: nothing happens",
            "It unlocked",
            "Still stuck",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(&seen(&screens), &["app", "once", "roadside assistance"]);
}

#[test]
fn someone_inside_in_the_cold_is_an_emergency_with_the_far_window() {
    let lib = library();
    let g = lib.get("frozen-lock").expect("guide");
    let (state, screens) = walk(g, &["Someone is shut inside the car"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &screens[1].text,
        &["911", "in distress", "side window farthest from them"],
    );
}
