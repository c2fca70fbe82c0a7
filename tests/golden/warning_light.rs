//! Golden walks through `warning-light`: red lights stop the car, a flashing engine light is
//! "now", steam keeps people away from the engine, smoke is an emergency on the first screen.

use pitcrew::triage::Status;

use super::{assert_mentions, library, seen, walk};

#[test]
fn red_oil_light_stops_the_engine_and_ends_with_help() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Red light",
            "Oil can (oil pressure)",
            "Next: get help",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "red means stop",
            "switch the engine off",
            "don't drive on",
            "cooled",
            "level ground",
            "don't restart",
            "AAA",
            "never between the car and",
            "don't try repairs",
        ],
    );
    assert!(screens.last().unwrap().flags.resolved);
}

#[test]
fn red_temperature_warns_about_the_coolant_cap_and_steam_can_become_a_fire() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Red light",
            "Thermometer (temperature/coolant)",
            "There's steam",
            "It's smoke, or there are flames",
        ],
    );
    assert_eq!(state.status, Status::Emergency);
    let text = seen(&screens);
    assert_mentions(
        &text,
        &[
            "never open the coolant",
            "scald",
            "don't open the bonnet/hood wide",
            "911",
            "fire service",
        ],
    );
    assert!(screens.last().unwrap().flags.urgent);
}

#[test]
fn red_brake_light_checks_the_handbrake_first() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Red light",
            "Brake: ! in a circle, or BRAKE",
            "The light went out",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &["handbrake", "fully off", "don't drive", "brake fluid"],
    );
}

#[test]
fn red_battery_light_says_the_car_will_stop_and_to_switch_off_extras() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Red light",
            "Battery",
            "I'm stopped somewhere safe",
            "I can't get help",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &seen(&screens),
        &[
            "will stop",
            "air con",
            "safe place",
            "volunteer",
            "meanwhile",
            "911",
        ],
    );
}

#[test]
fn flashing_engine_light_means_misfire_and_now_steady_means_soon() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "Amber, orange or yellow light",
            "Engine light, flashing",
            "It's steady now, not flashing",
            "It drives normally",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "get it checked soon",
            "misfiring",
            "slow down",
            "now",
            "days, not weeks",
        ],
    );
}

#[test]
fn limp_mode_gets_to_a_safe_place_gently() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "The car cut its power (limp mode)",
            "I'm stopped somewhere safe",
            "Help is on the way",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &["limp mode", "gently", "roadside assistance"],
    );
}

#[test]
fn green_or_blue_is_information() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(g, &["Green or blue light", "That's it, thanks"]);
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(&seen(&screens), &["information", "not a fault"]);
}

#[test]
fn smoke_is_an_emergency_from_the_first_screen() {
    let lib = library();
    let g = lib.get("warning-light").expect("guide");
    let (state, screens) = walk(g, &["Smoke, flames or burning smell"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &screens[1].text,
        &["911", "get everyone out", "don't open the bonnet"],
    );
}
