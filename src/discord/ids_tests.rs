//! Example-based unit tests of `ids.rs`: every id round-trips, near misses are refused, and
//! each feature's ids are its own. The property tests live in `ids_tests_forged.rs`.

use super::*;

fn all_actions() -> Vec<Action> {
    let session = SessionId(i64::MAX);
    let mut v = vec![
        Action::Pick,
        Action::Describe,
        Action::AskVolunteer,
        Action::Start {
            guide: "a".repeat(GUIDE_ID_MAX),
        },
        Action::Resume { session },
        Action::Fresh {
            session,
            guide: None,
        },
        Action::Fresh {
            session,
            guide: Some("z".repeat(GUIDE_ID_MAX)),
        },
        Action::ForumStart {
            guide: "f".repeat(GUIDE_ID_MAX),
        },
        Action::ForumAsk,
        Action::ForgetMe {
            user: UserId(u64::MAX),
            confirm: true,
        },
        Action::ForgetMe {
            user: UserId(1),
            confirm: false,
        },
        Action::Fixed {
            session,
            fixed: true,
        },
        Action::Fixed {
            session,
            fixed: false,
        },
    ];
    for action in [
        CardAction::Claim,
        CardAction::Release,
        CardAction::Transfer,
        CardAction::Resolve,
        CardAction::Rate(Rating::Solved),
        CardAction::Rate(Rating::NotSolved),
        CardAction::Note,
    ] {
        v.push(Action::Handoff {
            handoff: HandoffId(i64::MAX),
            action,
        });
    }
    for input in [
        Input::Choose(0),
        Input::Choose(255),
        Input::Back,
        Input::Restart,
        Input::Escalate,
    ] {
        v.push(Action::Step {
            session,
            step: u32::MAX,
            input,
        });
    }
    v
}

fn all_modals() -> Vec<Modal> {
    let handoff = HandoffId(i64::MAX);
    vec![
        Modal::Describe,
        Modal::AskVolunteer,
        Modal::Resolve { handoff },
        Modal::Note { handoff },
    ]
}

#[test]
fn every_id_round_trips_within_discords_limit() {
    for action in all_actions() {
        let id = action.encode();
        assert!(id.len() <= CUSTOM_ID_MAX, "{id} is {} chars", id.len());
        assert_eq!(Action::parse(&id), Some(action), "{id}");
    }
    for modal in all_modals() {
        let id = modal.encode();
        assert!(id.len() <= CUSTOM_ID_MAX, "{id} is {} chars", id.len());
        assert_eq!(Modal::parse(&id), Some(modal), "{id}");
    }
}

#[test]
fn a_button_id_is_never_a_modal_nor_the_reverse() {
    for action in all_actions() {
        assert_eq!(Modal::parse(&action.encode()), None, "{action:?}");
    }
    for modal in all_modals() {
        assert_eq!(Action::parse(&modal.encode()), None, "{modal:?}");
    }
    for name in [input::DESCRIBE, input::RESOLVE_NOTE, input::MEMBER_NOTE] {
        assert_eq!(Action::parse(name), None, "{name}");
        assert_eq!(Modal::parse(name), None, "{name}");
    }
}

#[test]
fn near_misses_are_refused() {
    for bad in [
        "",
        "s",
        "s:1:2",
        "s:1:2:",
        "s:1:2:c",
        "s:1:2:x",
        "s:0:2:b",
        "s:-1:2:b",
        "s:01:2:b",
        "s:1:+2:b",
        "s:1:2:b:extra",
        "s:1:2:c256",
        "s:1:4294967296:b",
        "g:",
        "g:Upper",
        "g:a b",
        "res:",
        "new:1:",
        "pick:1",
        "S:1:2:b",
        "s:1:2:c-1",
        "h:xm:1",
        "h:nm:1",
        "descm",
        "desct",
        "ask:1",
        "askm",
        "askt",
        "ASK",
        "fg:",
        "fg:Upper",
        "fg:a:b",
        "fa:1",
        "FA",
        "f",
    ] {
        assert_eq!(Action::parse(bad), None, "{bad:?} should be refused");
    }
    for bad in [
        "h:xm", "h:xm:0", "h:xm:01", "h:nm:1:2", "h:c:1", "desc", "h:xt", "ask", "askm:1", "askt",
    ] {
        assert_eq!(Modal::parse(bad), None, "{bad:?} should be refused");
    }
    assert_eq!(Action::parse(&"g:".repeat(60)), None);
}

#[test]
fn the_ask_a_volunteer_ids_are_their_own() {
    assert_eq!(Action::AskVolunteer.encode(), "ask");
    assert_eq!(Action::parse("ask"), Some(Action::AskVolunteer));
    assert_eq!(Modal::AskVolunteer.encode(), "askm");
    assert_eq!(Modal::parse("askm"), Some(Modal::AskVolunteer));
    // Its text input is neither a button nor a modal, and differs from the describe input.
    assert_ne!(input::ASK_WORDS, input::DESCRIBE);
    assert_eq!(Action::parse(input::ASK_WORDS), None);
    assert_eq!(Modal::parse(input::ASK_WORDS), None);
}

#[test]
fn the_forum_ids_are_their_own() {
    // A guide offered in a forum reply starts privately, unlike a suggestion on a private
    // screen: the two must never be read as each other.
    let forum = Action::ForumStart {
        guide: "flat-tyre".into(),
    };
    assert_eq!(forum.encode(), "fg:flat-tyre");
    assert_eq!(Action::parse("fg:flat-tyre"), Some(forum));
    assert_eq!(
        Action::parse("g:flat-tyre"),
        Some(Action::Start {
            guide: "flat-tyre".into()
        })
    );
    assert_eq!(Action::ForumAsk.encode(), "fa");
    assert_eq!(Action::parse("fa"), Some(Action::ForumAsk));
    assert_ne!(Action::parse("fa"), Action::parse("ask"));
}

#[test]
fn did_this_fix_it_ids_read_back_and_nothing_else_parses_as_one() {
    let yes = Action::Fixed {
        session: SessionId(7),
        fixed: true,
    };
    assert_eq!(yes.encode(), "fx:7:y");
    assert_eq!(Action::parse("fx:7:y"), Some(yes));
    assert_eq!(
        Action::parse("fx:7:n"),
        Some(Action::Fixed {
            session: SessionId(7),
            fixed: false
        })
    );
    for near in ["fx:7", "fx:7:maybe", "fx::y", "fx:7:y:1", "fx:-1:y"] {
        assert_eq!(Action::parse(near), None, "{near}");
    }
}

#[test]
fn forget_me_ids_name_who_asked_and_nothing_else_parses_as_one() {
    let id = Action::ForgetMe {
        user: UserId(42),
        confirm: true,
    };
    assert_eq!(id.encode(), "fm:42:y");
    assert_eq!(Action::parse("fm:42:y"), Some(id));
    for near in [
        "fm:42",
        "fm:0:y",
        "fm:042:y",
        "fm:42:yes",
        "fm::n",
        "fm:42:n:1",
        "fm:-4:n",
    ] {
        assert_eq!(Action::parse(near), None, "{near}");
    }
}
