//! The member's car through Discord: `/car set|show|forget`, a saved car answering the MINI
//! guide's "which key?" question, a member without a car still asked, and the car on the
//! volunteers' card without pinging anyone.

use std::time::Duration;

use pitcrew::discord::CANCEL;
use pitcrew::domain::{Member, UserId};

use crate::fake::builders::{autocomplete, command, Actor};
use crate::harness::screen::{description, field, labels, step_of};
use crate::harness::{Answer, Pit};

const MINI: &str = "mini-fob-not-working";
const KEY_QUESTION: &str = "**Which key do you have?**";
const CLAMSHELL: &str = "Rounded clamshell, I turn it in the ignition";

async fn car(pit: &Pit, actor: &Actor, sub: &str, options: &[(&str, &str)]) -> Answer {
    let mut cmd = command("car").sub(sub);
    for (name, value) in options {
        cmd = match value.parse::<i64>() {
            Ok(n) => cmd.integer(name, n),
            Err(_) => cmd.string(name, value),
        };
    }
    pit.answer(pit.server.dispatch(cmd.by(actor)).await).await
}

/// `/triage` the MINI guide, "safe", "I'm in": the screen after the blade step.
async fn past_the_blade(pit: &Pit, actor: &Actor) -> Answer {
    let msg = pit.triage(actor, Some(MINI)).await.message();
    pit.press(actor, &msg, "We're safe, carry on").await;
    pit.press(actor, &msg, "I'm in, or I can get in").await
}

#[tokio::test]
async fn a_saved_car_skips_the_key_question_and_a_member_without_one_is_asked() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let saved = car(
        &pit,
        me,
        "set",
        &[
            ("make", "MINI"),
            ("model", "Cooper"),
            ("year", "2003"),
            ("key", "clamshell"),
        ],
    )
    .await;
    assert_eq!(saved.kind(), 4);
    let note = saved.message();
    assert!(note.is_ephemeral(), "private to the member");
    assert!(
        note.content().contains("`MINI Cooper 2003, clamshell key`"),
        "{}",
        note.content()
    );

    let mine = past_the_blade(&pit, me).await.message();
    assert!(
        description(&mine).starts_with("Most likely fix: a fresh **CR2032**"),
        "the clamshell branch, unasked: {}",
        description(&mine)
    );
    let (session, step) = step_of(&mine);
    assert_eq!(step, 2, "two presses, two steps");
    let stored = pit.session(session).await;
    assert_eq!(stored.state.node, "clam-battery");
    assert_eq!(stored.state.path, ["start", "blade", "key-type"]);
    // Back goes to the member's own last answer, not to the question their car answered.
    let back = pit.press(me, &mine, "Back").await.message();
    assert!(description(&back).contains("metal key still opens the door"));

    let other = pit.other_member("no_car_yet");
    let theirs = past_the_blade(&pit, &other).await.message();
    assert!(description(&theirs).starts_with(KEY_QUESTION));
    let shown = labels(&theirs);
    for choice in [
        CLAMSHELL,
        "Flat key, I turn it in the ignition",
        "Fob in a slot, or a Start button",
    ] {
        assert!(shown.iter().any(|l| l == choice), "{choice} in {shown:?}");
    }
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn show_and_forget_then_the_question_is_asked_again() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let none = car(&pit, me, "show", &[]).await.message();
    assert!(none.content().contains("no car"), "{}", none.content());
    car(&pit, me, "set", &[("make", "MINI"), ("key", "flat-key")]).await;
    let shown = car(&pit, me, "show", &[]).await.message();
    assert!(shown.is_ephemeral());
    assert!(
        shown.content().contains("`MINI, flat-key key`"),
        "{}",
        shown.content()
    );
    // A key that does not exist on the make is refused, and the saved car stays.
    let refused = car(&pit, me, "set", &[("make", "BMW"), ("key", "clamshell")])
        .await
        .message();
    assert!(
        refused.content().contains("not saved"),
        "{}",
        refused.content()
    );
    let walk = past_the_blade(&pit, me).await.message();
    assert!(
        description(&walk).starts_with("Owners believe this key's battery is **soldered in**"),
        "the flat-key branch, unasked: {}",
        description(&walk)
    );

    let forgot = car(&pit, me, "forget", &[]).await.message();
    assert!(forgot.content().contains("deleted"), "{}", forgot.content());
    let member = Member::Discord(UserId(me.user_id));
    assert_eq!(pit.store.car(&member).await.expect("read"), None);
    pit.triage(me, Some(CANCEL)).await;
    let again = past_the_blade(&pit, me).await.message();
    assert!(description(&again).starts_with(KEY_QUESTION));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn the_card_shows_the_car_quoted_and_pings_nobody_with_it() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(600)).await;
    let me = pit.other_member("driver");
    car(
        &pit,
        &me,
        "set",
        &[
            ("make", "BMW"),
            ("model", "@everyone <@&1> 320d"),
            ("year", "2011"),
        ],
    )
    .await;
    let (_, session) = pit.ask_volunteer(&me).await;
    let d = pit.delivered(session).await;
    assert_eq!(
        field(&d.card, "Member's car").as_deref(),
        Some("> BMW @everyone <@&1> 320d 2011")
    );
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}

/// The guide ids of the picker's menu, in order.
fn picker_ids(msg: &crate::fake::StoredMessage) -> Vec<String> {
    msg.component("pick").expect("a guide menu")["options"]
        .as_array()
        .expect("options")
        .iter()
        .filter_map(|o| o["value"].as_str().map(str::to_string))
        .collect()
}

async fn autocompleted(pit: &Pit, actor: &Actor, typed: &str) -> Vec<String> {
    let payload = autocomplete("triage").focused("guide", typed).by(actor);
    let answer = pit.answer(pit.server.dispatch(payload).await).await;
    answer.callback.data["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .filter_map(|c| c["value"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn guides_for_the_saved_car_come_first_in_the_picker_and_autocomplete() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let other = pit.other_member("no_car_yet");
    car(&pit, me, "set", &[("make", "MINI"), ("year", "2006")]).await;

    // The guides for a MINI (its own, and the push-button one for BMW and MINI) first, in
    // title order; then those for any car; the BMW-only guide last.
    let mini_first = |ids: &[String]| {
        let mut two = ids[..2].to_vec();
        two.sort();
        assert_eq!(two, ["key-not-detected", MINI], "{ids:?}");
        assert_eq!(
            ids.last().map(String::as_str),
            Some("bmw-keys-locked"),
            "{ids:?}"
        );
    };
    let mine = pit.triage(me, None).await.message();
    mini_first(&picker_ids(&mine));
    assert!(description(&mine).contains("saved car"));
    let theirs = pit.triage(&other, None).await.message();
    // No car: plain title order ("A warning light came on…" sorts first).
    assert_eq!(picker_ids(&theirs)[0], "warning-light", "title order");
    assert!(
        description(&theirs).contains("`/car set`"),
        "the light hint"
    );

    mini_first(&autocompleted(&pit, me, "").await);
    assert_eq!(autocompleted(&pit, &other, "").await[0], "warning-light");
    // A BMW's guides first, the MINI guide (another make) after those for any car.
    car(&pit, me, "set", &[("make", "BMW")]).await;
    let all = autocompleted(&pit, me, "").await;
    let mut two = all[..2].to_vec();
    two.sort();
    assert_eq!(two, ["bmw-keys-locked", "key-not-detected"], "{all:?}");
    assert_eq!(all.last().map(String::as_str), Some(MINI), "{all:?}");
    pit.server.assert_no_violations();
}
