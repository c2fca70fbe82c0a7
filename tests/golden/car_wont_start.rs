//! Golden walks through `car-wont-start`: the jump-start clamp order, when not to jump,
//! BMW/MINI jump points, the motorway rule, and the ways out (resolved, help, emergency).

use pitcrew::triage::Status;

use super::{assert_mentions, library, seen, walk};

#[test]
fn jump_start_with_leads_in_the_right_order_then_drive() {
    let lib = library();
    let g = lib.get("car-wont-start").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Parked safely (drive, car park, side street)",
            "Clicks, nothing, or turns slowly",
            "Battery looks fine, no smell",
            "Jump leads and another car",
            "Ready to connect",
            "All four connected",
            "My car started",
            "Leads are off",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    let text = seen(&screens);
    assert_mentions(
        &text,
        &[
            "cracked, leaking or swollen",
            "frozen",
            "rotten-egg",
            "hybrid or electric",
            "Red** to **+** on your flat battery",
            "Black** to **−** on the helper",
            "bare, unpainted metal",
            "reverse order",
            "30 minutes",
            "tested",
        ],
    );
    assert!(screens.last().unwrap().flags.resolved);
}

#[test]
fn bmw_battery_in_the_boot_uses_the_jump_points() {
    let lib = library();
    let g = lib.get("car-wont-start").expect("guide");
    let (_, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Parked safely (drive, car park, side street)",
            "Clicks, nothing, or turns slowly",
            "Battery is in the boot or I can't see it",
            "Found them",
            "A jump pack (booster)",
            "My car started",
        ],
    );
    assert_mentions(
        &seen(&screens),
        &[
            "jump-start points under the bonnet",
            "+ post",
            "earth point",
            "handbook",
        ],
    );
}

#[test]
fn damaged_battery_is_not_jumped_and_ends_with_a_volunteer() {
    let lib = library();
    let g = lib.get("car-wont-start").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Parked safely (drive, car park, side street)",
            "Clicks, nothing, or turns slowly",
            "Something looks or smells wrong",
            "Call for help",
            "I can't get anyone",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &seen(&screens),
        &["Don't jump-start it", "roadside", "volunteer", "911"],
    );
}

#[test]
fn motorway_hard_shoulder_means_no_repair_and_a_call() {
    let lib = library();
    let g = lib.get("car-wont-start").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "On a road or a motorway hard shoulder",
            "I'm on a motorway: call for help",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "hazard lights",
            "away from traffic",
            "behind a barrier",
            "not even a jump start",
        ],
    );
}

#[test]
fn emergencies_are_one_tap_from_the_start() {
    let lib = library();
    let g = lib.get("car-wont-start").expect("guide");
    for (label, fact) in [
        ("Someone is hurt or unwell", "911"),
        ("Smoke, fire or a burning smell", "away from the car"),
        ("I'm not safe where I am", "traffic"),
    ] {
        let (state, screens) = walk(g, &[label]);
        assert_eq!(state.status, Status::Emergency, "{label}");
        assert_mentions(&screens[1].text, &["911", fact]);
    }
}
