//! The fit threshold on the shipped guides: phrasings of problems no guide covers must not be
//! offered as if a guide fitted them; the problems the guides are for must still fit.

use std::path::Path;

use super::*;
use crate::guide::load_library;

fn shipped() -> Library {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    match load_library(&dir) {
        Ok(library) => library,
        Err(e) => panic!("the shipped guides do not load: {e}"),
    }
}

/// The guides that fit `text`, best first.
fn fitting(library: &Library, text: &str) -> Vec<String> {
    rank(library, text, Mode::Words, 25)
        .into_iter()
        .filter(|m| m.fits)
        .map(|m| m.guide_id)
        .collect()
}

#[test]
fn problems_no_guide_covers_fit_none() {
    let library = shipped();
    // The full table of members' phrasings, covered and not, is tests/phrasings.toml.
    for text in [
        "windscreen cracked on the motorway",
        "lost my radio code",
        "sunroof leaking water",
    ] {
        assert_eq!(fitting(&library, text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn the_problems_the_guides_are_for_fit_their_guide_first() {
    let library = shipped();
    for (text, guide) in [
        ("locked my keys in the BMW", "bmw-keys-locked"),
        ("mini remote stopped working", "mini-fob-not-working"),
        ("trunk won't open medicine inside", "trunk-release-failed"),
        (
            "my keys are locked in the boot of my bmw",
            "bmw-keys-locked",
        ),
        (
            "fob does nothing after I changed the battery",
            "mini-fob-not-working",
        ),
        ("insulin stuck in the boot", "trunk-release-failed"),
        ("car won't start it just clicks", "car-wont-start"),
        ("flat tyre no spare", "flat-tyre"),
        ("someone drove into the back of me", "after-collision"),
        ("door lock is frozen", "frozen-lock"),
        ("engine warning light came on", "warning-light"),
        ("overheating and steam from the bonnet", "warning-light"),
        ("ran out of petrol", "out-of-fuel"),
        ("put diesel in my petrol car", "wrong-fuel"),
        (
            "locked out with the engine running",
            "locked-in-running-car",
        ),
    ] {
        let fit = fitting(&library, text);
        assert_eq!(
            fit.first().map(String::as_str),
            Some(guide),
            "{text:?}: {fit:?}"
        );
    }
}

#[test]
fn a_near_guide_is_still_ranked_but_does_not_fit() {
    // The ranking keeps the closest guides (the picker and autocomplete may still show them);
    // only `fits` says they are not the answer.
    let library = shipped();
    let near = rank(
        &library,
        "windscreen cracked on the motorway",
        Mode::Words,
        25,
    );
    assert!(!near.is_empty());
    assert!(near.iter().all(|m| !m.fits), "{near:?}");
}

#[test]
fn the_share_is_weighted_and_phrases_always_fit() {
    // Two strong words of three: 12/18 is over 3/5; a strong and a synonym word of three
    // (10/18) is under; a phrase fits whatever the words earn.
    assert!(fits(&[6, 6, 0], 0));
    assert!(!fits(&[6, 4, 0], 0));
    assert!(fits(&[0, 0, 0], 16));
    assert!(!fits(&[], 0));
}
