//! The `guide` option's autocomplete: ranked over titles, tags and synonyms, at most 25, and
//! `cancel` offered as soon as the member starts typing it.

use serde_json::Value;

use crate::fake::builders::autocomplete;
use crate::fake::Actor;
use crate::harness::{Options, Pit, DRILL};

/// (name, value) of every choice the bot offered for `typed`.
async fn offered(pit: &Pit, actor: &Actor, typed: &str) -> Vec<(String, String)> {
    let payload = autocomplete("triage").focused("guide", typed).by(actor);
    let answer = pit.answer(pit.server.dispatch(payload).await).await;
    assert_eq!(
        (answer.kind(), answer.callback.status),
        (8, 204),
        "{typed:?}"
    );
    answer.callback.data["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .map(|c: &Value| {
            let s = |k: &str| c[k].as_str().expect("string choice").to_string();
            (s("name"), s("value"))
        })
        .collect()
}

fn values(choices: &[(String, String)]) -> Vec<&str> {
    choices.iter().map(|(_, v)| v.as_str()).collect()
}

#[tokio::test]
async fn choices_are_ranked_titles_with_ids_as_values() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;

    let all = offered(&pit, me, "").await;
    assert_eq!(
        all.len(),
        13,
        "nothing typed: every guide (12 shipped, the drill)"
    );
    assert!(all.contains(&("Wheel change drill".into(), DRILL.into())));

    // A tag: both guides for MINIs (its own and the push-button one) lead.
    let mini = offered(&pit, me, "mini").await;
    let mut two = values(&mini)[..2].to_vec();
    two.sort();
    assert_eq!(
        two,
        ["key-not-detected", "mini-fob-not-working"],
        "{mini:?}"
    );
    // A word only a synonym has.
    assert_eq!(
        values(&offered(&pit, me, "insulin").await),
        ["trunk-release-failed"]
    );
    // A whole synonym phrase beats single words.
    let locked_out = offered(&pit, me, "locked out of my bmw").await;
    assert_eq!(
        locked_out[0],
        (
            "Keys locked in a BMW (cabin or trunk)".into(),
            "bmw-keys-locked".into()
        )
    );
    // An unfinished last word is a prefix.
    assert_eq!(values(&offered(&pit, me, "dril").await)[0], DRILL);
    // Nothing matches: nothing offered (the typed words still work as a description).
    assert!(offered(&pit, me, "zzzz").await.is_empty());
    // Never `cancel` unless typed.
    assert!(!values(&offered(&pit, me, "mini").await).contains(&"cancel"));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn cancel_is_offered_first_when_typed() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    for typed in ["c", "ca", "CANC", "cancel"] {
        let choices = offered(&pit, me, typed).await;
        assert_eq!(
            choices.first(),
            Some(&("Cancel my open guide".to_string(), "cancel".to_string())),
            "{typed:?}: {choices:?}"
        );
    }
    assert!(!values(&offered(&pit, me, "cb").await).contains(&"cancel"));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_large_library_stays_inside_discords_25() {
    let pit = Pit::start_with(Options {
        extra_guides: 30,
        ..Options::default()
    })
    .await;
    let me = &pit.scene.actor;
    assert_eq!(offered(&pit, me, "").await.len(), 25);
    let drills = offered(&pit, me, "drill").await;
    assert_eq!(drills.len(), 25, "capped, not refused");
    let with_cancel = offered(&pit, me, "c").await;
    assert!(with_cancel.len() <= 25);
    assert_eq!(with_cancel[0].1, "cancel");
    // The picker's menu is capped too (the fake answers 50035 past 25 options).
    let picker = pit.triage(me, None).await;
    assert_eq!(picker.kind(), 4);
    let menu = picker.message().component("pick").expect("menu");
    assert_eq!(menu["options"].as_array().unwrap().len(), 25);
    pit.server.assert_no_violations();
}
