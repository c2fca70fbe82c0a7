//! Golden walks through every shipped guide: a scripted path, by button label, to each kind of
//! outcome a guide has, asserting on the facts a member must see on the way. A guide edit that
//! drops a safety fact, a phone number or a path to a human fails here.
//!
//! The shipped guides' walks are below; each newer guide has a module of its own beside this
//! file, using `library`, `walk`, `seen` and `assert_mentions` from here.

use std::path::Path;

use pitcrew::domain::Region;
use pitcrew::guide::{load_library, Guide, Library, Outcome};
use pitcrew::triage::{self, Input, Nav, State, Status, View};

mod after_collision;
mod car_wont_start;
mod flat_tyre;
mod frozen_lock;
mod key_not_detected;
mod locked_in_running_car;
mod out_of_fuel;
mod warning_light;
mod wrong_fuel;

fn library() -> Library {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    load_library(&dir).expect("shipped content passes check")
}

/// One shipped guide, by id: what most walks start from.
fn guide(id: &str) -> Guide {
    library()
        .get(id)
        .cloned()
        .unwrap_or_else(|| panic!("no shipped guide `{id}`"))
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
    // Issue 11: a club gets a useful library on day one.
    assert!(lib.len() >= 10, "{} guides", lib.len());
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

/// Members read these on a phone at the roadside: Discord allows 1,800 characters a step, our
/// guides stay well under a phone screen's worth, and every guide can end each way.
#[test]
fn every_screen_is_phone_sized_and_every_guide_has_each_kind_of_ending() {
    const PHONE: usize = 700;
    for guide in library().iter() {
        for node in guide.nodes() {
            let n = node.text.chars().count();
            assert!(n <= PHONE, "{} `{}`: {n} characters", guide.id, node.id);
        }
        for kind in [Outcome::Resolved, Outcome::Escalate, Outcome::Emergency] {
            assert!(
                guide.nodes().iter().any(|n| n.outcome == Some(kind)),
                "{}: no {kind:?} ending",
                guide.id
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
            "I'm sorted for now",
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
            "Note what responds",
            "unless someone is in danger inside",
            "through the windscreen",
            "still be stranded",
        ],
    );
    // The handbook and the registration are in the locked car: the VIN comes from elsewhere.
    assert!(!text.contains("on your registration"), "{text}");
    assert!(!text.contains("in your handbook"), "{text}");
    assert!(screens.last().unwrap().flags.resolved);
}

#[test]
fn bmw_a_dealer_tow_is_a_step_with_a_volunteer_not_an_ending() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let to_tow = [
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
    ];
    let (state, screens) = walk(g, &to_tow);
    assert_eq!(state.status, Status::Active);
    let last = screens.last().unwrap();
    assert!(
        !last.flags.resolved,
        "towed is not resolved: still stranded"
    );
    assert_mentions(&last.text, &["still be stranded", "what happens next"]);
    let mut ask = to_tow.to_vec();
    ask.push("Talk to a volunteer");
    let (state, _) = walk(g, &ask);
    assert_eq!(state.status, Status::Escalated);
}

#[test]
fn bmw_someone_inside_calls_and_uses_the_app_or_assist_and_may_break_a_window() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let (state, screens) = walk(g, &["Someone is shut inside the car"]);
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(
        &screens[1].text,
        &[
            "911",
            "at the same time",
            "My BMW",
            "BMW Assist",
            "farthest from them",
            "SOS",
        ],
    );
}

#[test]
fn bmw_spare_fob_that_will_not_open_has_a_metal_blade() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "In the cabin",
            "A spare is on its way",
            "The spare didn't open it",
            "The blade opened the door",
            "Yes, I have the key",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(&seen(&screens), &["metal key blade", "driver's door"]);
}

#[test]
fn bmw_doors_open_only_the_trunk_locked_is_a_shortcut_and_nobody_climbs_through() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Doors open, only the trunk is locked",
            "Still locked",
            "I got the key",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_eq!(screens[2].node_id, "trunk-cabin");
    assert_mentions(&screens[3].text, &["never climb in", "never send a child"]);
}

#[test]
fn bmw_medicine_locked_in_calls_for_help_first_and_unwell_is_an_emergency() {
    let lib = library();
    let g = lib.get("bmw-keys-locked").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Medicine or something urgent is inside",
            "Help is coming, carry on",
        ],
    );
    assert_eq!(state.status, Status::Active);
    assert_mentions(
        &screens[2].text,
        &["now", "what is locked in", "pharmacist"],
    );
    assert_eq!(screens[3].node_id, "spare");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "Medicine or something urgent is inside",
            "Someone is unwell now",
        ],
    );
    assert_eq!(state.status, Status::Emergency);
    assert_mentions(&screens[3].text, &["911", "medicine", "farthest from them"]);
}

#[test]
fn every_emergency_screen_of_the_shipped_guides_allows_breaking_a_window_for_someone_in_distress() {
    let lib = library();
    let walks: [(&str, &[&str]); 8] = [
        ("bmw-keys-locked", &["Someone is shut inside the car"]),
        ("bmw-keys-locked", &["I'm not safe where I am"]),
        ("mini-fob-not-working", &["Someone is shut inside the car"]),
        ("mini-fob-not-working", &["I'm not safe where I am"]),
        ("trunk-release-failed", &["A person may be in the trunk"]),
        ("trunk-release-failed", &["Someone is in danger or unwell"]),
        (
            "trunk-release-failed",
            &[
                "No one is in danger",
                "I'm on a shoulder or ramp",
                "Stuck here, near traffic",
            ],
        ),
        (
            "bmw-keys-locked",
            &[
                "We're safe, carry on",
                "Medicine or something urgent is inside",
                "Someone is unwell now",
            ],
        ),
    ];
    for (id, labels) in walks {
        let g = lib.get(id).expect("guide");
        let (state, screens) = walk(g, labels);
        assert_eq!(state.status, Status::Emergency, "{id} {labels:?}");
        assert_mentions(
            &screens.last().unwrap().text,
            &["child or pet", "side window", "farthest from them"],
        );
    }
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
    // The first do-it-yourself screen: no prying, and the fob's battery first.
    assert_eq!(screens[4].node_id, "buttons");
    assert_mentions(&screens[4].text, &["Don't pry or drill", "fob's battery"]);
}

#[test]
fn trunk_safety_critical_equipment_is_urgent_and_nobody_climbs_through_the_seats() {
    let lib = library();
    let g = lib.get("trunk-release-failed").expect("guide");
    let (_, screens) = walk(
        g,
        &[
            "No one is in danger",
            "We're parked safely",
            "Safety-critical equipment, soon",
        ],
    );
    assert_eq!(screens[3].node_id, "urgent-call");
    assert_mentions(&screens[3].text, &["safety-critical equipment"]);
    let (state, screens) = walk(
        g,
        &[
            "No one is in danger",
            "We're parked safely",
            "Important, but it can wait",
            "The car battery seems weak",
            "Try the back seats",
            "I can reach my things",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &screens[5].text,
        &["reach", "never climb in", "never send a child"],
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
            "Flat key, I turn it in the ignition",
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
        &[
            "not official",
            "4 times",
            "3 times",
            "registration",
            "$150",
            "one or two owners",
            "believe",
            "soldered",
            "rear-view mirror",
        ],
    );
}

#[test]
fn mini_key_question_asks_what_the_key_looks_like_not_the_model_year() {
    let lib = library();
    let g = lib.get("mini-fob-not-working").expect("guide");
    let (_, screens) = walk(g, &["We're safe, carry on", "I'm in, or I can get in"]);
    let q = &screens[2];
    assert_eq!(q.node_id, "key-type");
    assert_mentions(&q.text, &["turn in the ignition", "Start", "slot"]);
    // 2007–08 second-generation hatchbacks (push-button start) are not sent to the flat key.
    assert!(!q.text.contains("2005–2008"), "{}", q.text);
    let labels: Vec<&str> = q.choices.iter().map(|c| c.label.as_str()).collect();
    assert!(
        labels.contains(&"Fob in a slot, or a Start button"),
        "{labels:?}"
    );
}

#[test]
fn mini_second_key_works_says_which_key_to_drive_with() {
    let lib = library();
    let g = lib.get("mini-fob-not-working").expect("guide");
    let (_, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "I'm in, or I can get in",
            "Flat key, I turn it in the ignition",
            "The second key works",
        ],
    );
    assert_mentions(&screens[4].text, &["the key that stopped working"]);
}

#[test]
fn mini_clamshell_resync_gives_the_whole_sequence_and_says_owners_disagree() {
    let lib = library();
    let g = lib.get("mini-fob-not-working").expect("guide");
    let (state, screens) = walk(
        g,
        &[
            "We're safe, carry on",
            "I'm in, or I can get in",
            "Rounded clamshell, I turn it in the ignition",
            "Still nothing",
            "No change",
            "What does it cost?",
            "I'll contact the dealer",
        ],
    );
    assert_eq!(state.status, Status::Resolved);
    assert_mentions(
        &screens[4].text,
        &[
            "owners disagree",
            "dealer",
            "console",
            "once",
            "hold unlock",
            "press lock 3 times",
        ],
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
            "Rounded clamshell, I turn it in the ignition",
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
    assert_mentions(
        &screens[1].text,
        &["911", "metal key", "farthest from them"],
    );
}
