//! Golden walks through `flat-tyre`: the motorway rule, run-flat limits, the sealant kit, a
//! spare changed only where it's safe, and the ways out.

use pitcrew::triage::Status;

use super::{assert_mentions, library, seen, walk};

#[test]
fn motorway_hard_shoulder_no_wheel_change_then_roadside() {
    let lib = library();
    let g = lib.get("flat-tyre").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "On a motorway or its hard shoulder",
            "We're behind the barrier",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "don't change the wheel",
            "hazard lights",
            "verge side",
            "behind the barrier",
            "roadside assistance",
        ],
    );
}

#[test]
fn run_flat_limits_and_the_handbook() {
    let lib = library();
    let g = lib.get("flat-tyre").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Stopped safely off the road",
            "Run-flat tyres",
            "Driving gently to a tyre fitter",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "RSC",
            "no spare",
            "50 mph (80 km/h)",
            "load",
            "handbook gives the exact figures",
            "replacing",
        ],
    );
}

#[test]
fn sealant_kit_not_for_sidewalls_and_tell_the_fitter() {
    let lib = library();
    let g = lib.get("flat-tyre").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Stopped safely off the road",
            "A sealant kit, no spare",
            "Small hole: using the kit",
            "It holds pressure",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "sidewall",
            "4 mm",
            "check the pressure",
            "50 mph",
            "Tell the fitter you used sealant",
        ],
    );
}

#[test]
fn spare_only_where_safe_never_under_the_car_space_saver_limit() {
    let lib = library();
    let g = lib.get("flat-tyre").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Still driving, looking for a place",
            "Stopped safely off the road",
            "A spare wheel",
            "It's safe: show the steps",
            "The spare is on",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "put the phone down",
            "level, firm",
            "handbrake on",
            "never put any part of your body under the car",
            "jacking point",
            "space-saver",
            "50 mph",
        ],
    );
}

#[test]
fn no_kit_reaches_a_volunteer() {
    let lib = library();
    let g = lib.get("flat-tyre").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Stopped safely off the road",
            "Not sure, or nothing",
            "I can't get anyone",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &screens.last().unwrap().text,
        &["volunteer", "meanwhile", "911"],
    );
}

#[test]
fn emergencies_are_one_tap_from_the_start() {
    let lib = library();
    let g = lib.get("flat-tyre").expect("guide");
    for label in ["Someone is hurt or in danger", "I'm not safe where I am"] {
        let (state, screens) = walk(g, &[label]);
        assert_eq!(state.status, Status::Emergency, "{label}");
        assert_mentions(&screens[1].text, &["911"]);
    }
}
