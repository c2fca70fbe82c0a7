//! Golden walks through `key-not-detected`: the metal key, the emergency start spot per make,
//! interference, the coin cell, and the ways out.

use pitcrew::triage::Status;

use super::{assert_mentions, library, seen, walk};

#[test]
fn bmw_locked_out_metal_key_then_emergency_start_and_new_cell() {
    let lib = library();
    let g = lib.get("key-not-detected").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "No, it won't unlock",
            "I'm in",
            "BMW",
            "It started",
            "Got it",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &seen(&screens),
        &[
            "metal key blade",
            "driver's door",
            "marked spot on the steering column",
            "handbook shows the exact spot",
            "10 seconds",
            "brake",
            "clutch",
            "Start/Stop button",
            "CR2032",
            "CR2450",
            "marking on the old cell",
            "Display Key",
        ],
    );
}

#[test]
fn older_mini_uses_the_key_slot() {
    let lib = library();
    let g = lib.get("key-not-detected").expect("guide");
    let (_, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Yes, I'm in the car",
            "MINI with a key slot by the start button",
        ],
    );
    assert_mentions(
        &seen(&screens),
        &["key slot", "fully into the slot", "start button"],
    );
    let (_, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Yes, I'm in the car",
            "MINI without a key slot",
        ],
    );
    assert_mentions(&seen(&screens), &["marked area on the steering column"]);
}

#[test]
fn interference_then_nothing_works_reaches_a_volunteer() {
    let lib = library();
    let g = lib.get("key-not-detected").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Yes, I'm in the car",
            "BMW",
            "Still not detected",
            "Still not detected",
            "I can't get anyone",
        ],
    );
    assert_eq!(state.status, Status::Escalated);
    assert_mentions(
        &seen(&screens),
        &[
            "phones",
            "charging",
            "spare key",
            "dealer",
            "volunteer",
            "911",
        ],
    );
}

#[test]
fn someone_shut_in_is_an_emergency_with_the_window_advice() {
    let lib = library();
    let g = lib.get("key-not-detected").expect("guide");
    let (state, screens) = walk(g, &["Someone is shut in the car"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &screens[1].text,
        &["911", "break a side window farthest from them"],
    );
    let (state, screens) = walk(g, &["I'm not safe where I am"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&screens[1].text, &["911", "traffic"]);
}
