//! Forged custom ids, as a property over arbitrary strings driven through real serenity and
//! the fake: whatever a button carries, the member gets a short private reply or their current
//! screen unchanged, the bot never crashes, and no session moves. Then a normal press works.

use pitcrew::discord::ids::Action;
use pitcrew::domain::{SessionId, SessionRecord};
use pitcrew::triage::Input;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::harness::screen::{id_of, step_of};
use crate::harness::{Answer, Pit, DRILL};

/// Cases per run: enough variety through the whole stack while keeping the run short.
const CASES: u32 = 64;
/// "Short": a line or two, never a wall of text or internals.
const NOTE_MAX: usize = 200;
/// Choices on the step the property presses on ("Found them", "There is no jack").
const CHOICES: usize = 2;

/// Arbitrary strings, and near misses of every id the bot writes, aimed at the real session.
fn forged(session: SessionId, step: u32) -> impl Strategy<Value = String> {
    let s = session.0;
    let junk = "[a-z0-9:_+-]{0,12}";
    prop_oneof![
        ".{1,100}",
        "[ -~]{1,100}",
        junk.prop_map(move |j| format!("s:{s}:{step}:{j}")),
        junk.prop_map(move |j| format!("s:{s}:{j}")),
        any::<u32>().prop_map(move |n| format!("s:{s}:{n}:c0")),
        (any::<i64>(), 0u8..=255).prop_map(move |(id, c)| format!("s:{id}:{step}:c{c}")),
        junk.prop_map(|j| format!("res:{j}")),
        junk.prop_map(move |j| format!("new:{s}{j}")),
        junk.prop_map(|j| format!("g:{j}")),
        prop::sample::select(vec!["pick", "desc", "descm", "desct", "s", "g:", "res:0"])
            .prop_map(str::to_string),
    ]
    .prop_filter("Discord custom_ids are 1-100 characters", |id| {
        (1..=100).contains(&id.chars().count())
    })
}

/// Ids that are real actions the member may take on their own session; those legitimately
/// change it (tested elsewhere), so the property leaves them out. A choice the step does not
/// have stays in: it must change nothing.
fn legitimate(id: &str, session: SessionId, step: u32, guides: &[&str]) -> bool {
    match Action::parse(id) {
        Some(Action::Step {
            session: s,
            step: n,
            input,
        }) => s == session && n == step && !matches!(input, Input::Choose(i) if i >= CHOICES),
        Some(Action::Start { guide }) => guides.contains(&guide.as_str()),
        Some(Action::Fresh { session: s, .. }) => s == session,
        _ => false,
    }
}

#[test]
fn forged_custom_ids_never_move_a_session() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("test runtime");
    let pit = rt.block_on(Pit::start());
    let me = pit.scene.actor.clone();
    let screen = rt.block_on(async {
        let msg = pit.triage(&me, Some(DRILL)).await.message();
        pit.press(&me, &msg, "Yes, we are safe").await.message()
    });
    let (session, step) = step_of(&screen);
    let before: SessionRecord = rt.block_on(pit.session(session));
    let guides = [
        "bmw-keys-locked",
        "mini-fob-not-working",
        "trunk-release-failed",
        DRILL,
    ];

    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&forged(session, step), |id| {
        prop_assume!(!legitimate(&id, session, step, &guides));
        rt.block_on(async {
            let copy = pit.post_public(me.channel_id, &[id.as_str()]).await;
            let answer = pit.press_id(&me, &copy, &id).await;
            check_answer(&pit, &id, &answer, session, step)?;
            let now = pit.session(session).await;
            prop_assert_eq!(&now, &before, "the session moved for {:?}", id);
            prop_assert_eq!(pit.answers(session).await.len(), 1);
            let open = pit.open_session(&me).await.map(|s| s.id);
            prop_assert_eq!(open, Some(session), "another session opened for {:?}", id);
            prop_assert!(
                pit.server.violations().is_empty(),
                "{:?}",
                pit.server.violations()
            );
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }

    // The real buttons still work afterwards.
    rt.block_on(async {
        let next = pit.press(&me, &screen, "Found them").await;
        assert_eq!(next.kind(), 7);
        assert_eq!(step_of(&next.message()), (session, step + 1));
        assert_eq!(pit.answers(session).await.len(), 2);
        assert!(id_of(&next.message(), "Wheel is changed").starts_with("s:"));
        pit.server.assert_no_violations();
    });
    drop(pit);
    rt.shutdown_background();
}

/// A short private note, the modal for the one id that opens it, or the member's current
/// screen redrawn unchanged.
fn check_answer(
    pit: &Pit,
    id: &str,
    answer: &Answer,
    session: SessionId,
    step: u32,
) -> Result<(), TestCaseError> {
    prop_assert!(answer.callback.accepted(), "{:?}", answer.callback);
    match answer.kind() {
        4 => {
            let note = answer.message();
            prop_assert!(note.is_ephemeral(), "a private note for {:?}", id);
            prop_assert!(!note.content().is_empty() && note.content().chars().count() <= NOTE_MAX);
            prop_assert!(note.components().is_empty(), "a note has no buttons");
        }
        7 => {
            let shown = pit.server.message(answer.message().id).expect("message");
            prop_assert_eq!(step_of(&shown), (session, step), "redrawn for {:?}", id);
        }
        9 => prop_assert_eq!(id, "desc", "only the describe button opens a modal"),
        other => prop_assert!(false, "callback type {} for {:?}", other, id),
    }
    Ok(())
}

/// A button carrying the id of one of the bot's modals (or of a modal's text input) is a
/// broken button, even when the handoff it names is real and open: it is never taken for a
/// press on that handoff.
#[tokio::test]
async fn a_button_naming_a_modal_is_refused_as_broken() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, std::time::Duration::from_secs(600)).await;
    let me = pit.scene.actor.clone();
    let (_, session) = pit.ask_volunteer(&me).await;
    let d = pit.delivered(session).await;
    let ada = pit.actor_in(crew.cards, crew.volunteers[0].id);
    let id = d.handoff.id;
    let forged = [
        (&ada, format!("h:xm:{id}")),
        (&me, format!("h:nm:{id}")),
        (&ada, "h:xt".to_string()),
        (&me, "h:nt".to_string()),
        (&me, "descm".to_string()),
        (&me, "desct".to_string()),
    ];
    for (who, custom_id) in &forged {
        let copy = pit.post_public(who.channel_id, &[custom_id.as_str()]).await;
        let answer = pit.press_id(who, &copy, custom_id).await;
        assert_eq!(answer.kind(), 4, "a note for {custom_id}");
        let note = answer.message();
        assert!(note.is_ephemeral());
        assert_eq!(
            note.content(),
            "That button did not work. Type `/triage` to start again.",
            "{custom_id}"
        );
    }
    let after = pit.handoff_of(session).await.expect("the handoff");
    assert_eq!(after.status, d.handoff.status);
    assert_eq!(after.claimed_by, None);
    assert_eq!(pit.card(&after).json, d.card.json, "the card is untouched");
    pit.server.assert_no_violations();
}

/// The other way round: a modal submission carrying a button's id (a claim, a step) is a
/// broken id too, and claims or moves nothing.
#[tokio::test]
async fn a_modal_naming_a_button_is_refused_as_broken() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, std::time::Duration::from_secs(600)).await;
    let me = pit.scene.actor.clone();
    let (_, session) = pit.ask_volunteer(&me).await;
    let d = pit.delivered(session).await;
    let ada = pit.actor_in(crew.cards, crew.volunteers[0].id);
    let id = d.handoff.id;
    let answered = pit.answers(session).await.len();
    for (who, custom_id, input) in [
        (&ada, format!("h:c:{id}"), "h:xt"),
        (&ada, format!("h:x:{id}"), "h:xt"),
        (&me, format!("h:no:{id}"), "h:nt"),
        (&me, format!("s:{}:1:c0", session.0), "desct"),
        (&me, "desc".to_string(), "desct"),
    ] {
        pit.server.forge_opened_modal(&custom_id, &[input]);
        let answer = pit.submit(who, &custom_id, &[(input, "forged")]).await;
        assert_eq!(answer.kind(), 4, "a note for {custom_id}");
        let note = answer.message();
        assert!(note.is_ephemeral());
        assert_eq!(
            note.content(),
            "That button did not work. Type `/triage` to start again.",
            "{custom_id}"
        );
    }
    let after = pit.handoff_of(session).await.expect("the handoff");
    assert_eq!(after.status, d.handoff.status);
    assert_eq!(after.claimed_by, None);
    assert_eq!(
        pit.answers(session).await.len(),
        answered,
        "the session did not move"
    );
    pit.server.assert_no_violations();
}
