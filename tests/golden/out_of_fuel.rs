//! Golden walks: ran out of fuel (petrol, diesel) or charge.

use pitcrew::triage::Status;

use super::{assert_mentions, guide, seen, walk};

const ID: &str = "out-of-fuel";

#[test]
fn stuck_in_a_live_lane_is_an_emergency_stay_belted_in() {
    let g = &guide(ID);
    let (state, screens) = walk(g, &["Stuck in a live lane"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &seen(&screens[1..]),
        &["911", "police", "seat belts on", "hazard lights"],
    );
}

#[test]
fn petrol_on_the_motorway_behind_the_barrier_then_refuelled() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "We've stopped off the road",
            "Motorway or highway shoulder",
            "We're behind the barrier",
            "Petrol (gas)",
            "Fuel is in the tank",
            "It started",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "hazard lights",
            "behind the barrier",
            "don't walk along the road or hard shoulder to fetch fuel",
            "don't try to fix anything on the hard shoulder",
            "roadside assistance",
            "proper fuel can",
            "never a drinks bottle",
        ],
    );
}

#[test]
fn diesel_that_ran_dry_is_primed_per_the_handbook() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "We've stopped off the road",
            "By another road",
            "OK, we're clear",
            "Diesel",
            "Fuel is in the tank",
            "It won't start",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "45 m",
            "priming",
            "check your handbook",
            "on without starting",
            "proper fuel can",
        ],
    );
}

#[test]
fn electric_car_out_of_charge_is_not_towed_on_its_wheels() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "We've stopped off the road",
            "Car park or well off the road",
            "Electric",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "wheels on the ground",
            "handbook",
            "flatbed",
            "roadside assistance",
        ],
    );
}

#[test]
fn nobody_reachable_goes_to_a_volunteer_and_hurt_is_an_emergency() {
    let g = &guide(ID);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "We've stopped off the road",
            "Car park or well off the road",
            "Petrol (gas)",
            "I can't get anyone",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(&seen(&screens[5..]), &["volunteer", "meanwhile", "911"]);

    let (state, screens) = walk(g, &["Someone is hurt or in danger"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&seen(&screens[1..]), &["911", "away from traffic"]);
}
