//! Golden walks through `after-collision`: injuries and danger are an emergency on the first
//! screen; otherwise stop, swap details (UK duties), record, insurer, and recovery if the car
//! isn't safe to drive; a driver who leaves goes to the police.

use pitcrew::triage::Status;

use super::{assert_mentions, library, seen, walk};

#[test]
fn minor_bump_with_the_other_driver_present_ends_driving_on() {
    let lib = library();
    let g = lib.get("after-collision").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "No one is hurt, carry on",
            "We're safe, off the road",
            "Another driver, and they're here",
            "Done, next",
            "Done, next",
            "It looks fine to drive",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "don't drive away",
            "hazard lights",
            "never between the cars and traffic",
            "insurer",
            "registration",
            "reasonable grounds",
            "don't admit blame",
            "photos",
            "witnesses",
            "time and exact place",
            "call your insurer",
        ],
    );
    assert!(screens.last().unwrap().flags.resolved);
}

#[test]
fn driver_drove_off_goes_to_the_police_within_24_hours() {
    let lib = library();
    let g = lib.get("after-collision").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "No one is hurt, carry on",
            "We're safe, off the road",
            "They drove off or won't give details",
            "Reported, next",
            "Done, next",
            "Not safe, or not sure",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "call the police",
            "police non-emergency",
            "within 24 hours",
            "plate",
            "fluid leaking",
            "roadside assistance",
        ],
    );
}

#[test]
fn no_help_for_an_undriveable_car_reaches_a_volunteer() {
    let lib = library();
    let g = lib.get("after-collision").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "No one is hurt, carry on",
            "We're safe, off the road",
            "A parked car, wall, post or an animal",
            "Done, next",
            "Done, next",
            "Not safe, or not sure",
            "I can't get help",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &seen(&screens),
        &["owner", "24 hours", "volunteer", "meanwhile", "911"],
    );
}

#[test]
fn someone_hurt_is_an_emergency_and_injured_people_stay_put() {
    let lib = library();
    let g = lib.get("after-collision").expect("guide");
    let (state, screens) = walk(g, &["Someone is hurt or trapped"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &screens[1].text,
        &[
            "911",
            "where you are",
            "don't move injured people",
            "fire",
            "no smoking",
        ],
    );
    let (state, screens) = walk(g, &["Fire, smoke, fuel, or road blocked"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&screens[1].text, &["911", "don't try to put it out"]);
}

#[test]
fn stuck_in_a_live_lane_or_threatened_is_an_emergency() {
    let lib = library();
    let g = lib.get("after-collision").expect("guide");
    let (state, screens) = walk(
        g,
        &["No one is hurt, carry on", "We're stuck in a live lane"],
    );
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&screens[2].text, &["911", "seat belts on"]);
    let (state, _) = walk(
        g,
        &[
            "No one is hurt, carry on",
            "We're safe, off the road",
            "Another driver, and they're here",
            "They're aggressive, I feel unsafe",
        ],
    );
    assert_eq!(state.status, Status::Emergency);
}
