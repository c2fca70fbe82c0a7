use super::*;
use proptest::prelude::*;

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

fn any_action() -> impl Strategy<Value = Action> {
    let session = (1..=i64::MAX).prop_map(SessionId);
    let guide = "[a-z0-9-]{1,64}";
    let input = prop_oneof![
        (0usize..=255).prop_map(Input::Choose),
        Just(Input::Back),
        Just(Input::Restart),
        Just(Input::Escalate),
    ];
    let card = prop_oneof![
        Just(CardAction::Claim),
        Just(CardAction::Release),
        Just(CardAction::Transfer),
        Just(CardAction::Resolve),
        Just(CardAction::Rate(Rating::Solved)),
        Just(CardAction::Rate(Rating::NotSolved)),
        Just(CardAction::Note),
    ];
    prop_oneof![
        (session.clone(), any::<u32>(), input).prop_map(|(session, step, input)| Action::Step {
            session,
            step,
            input
        }),
        Just(Action::Pick),
        Just(Action::Describe),
        Just(Action::AskVolunteer),
        guide.prop_map(|guide| Action::Start { guide }),
        guide.prop_map(|guide| Action::ForumStart { guide }),
        Just(Action::ForumAsk),
        (session.clone(), any::<bool>())
            .prop_map(|(session, fixed)| Action::Fixed { session, fixed }),
        session
            .clone()
            .prop_map(|session| Action::Resume { session }),
        (session, proptest::option::of(guide))
            .prop_map(|(session, guide)| Action::Fresh { session, guide }),
        (1..=i64::MAX, card).prop_map(|(h, action)| Action::Handoff {
            handoff: HandoffId(h),
            action
        }),
    ]
}

fn any_modal() -> impl Strategy<Value = Modal> {
    let handoff = (1..=i64::MAX).prop_map(HandoffId);
    prop_oneof![
        Just(Modal::Describe),
        Just(Modal::AskVolunteer),
        handoff
            .clone()
            .prop_map(|handoff| Modal::Resolve { handoff }),
        handoff.prop_map(|handoff| Modal::Note { handoff }),
    ]
}

/// One small change of the kind a forger (or a truncating client) would make.
#[derive(Debug, Clone)]
enum Mutation {
    Drop(prop::sample::Index),
    Duplicate(prop::sample::Index),
    Replace(prop::sample::Index, char),
    Insert(prop::sample::Index, char),
    /// A `0` or `+` in front of the number the index lands in or after.
    BeforeNumber(prop::sample::Index, char),
    /// A number field swapped for one just past a type's range.
    Overflow(prop::sample::Index, &'static str),
    Pad(&'static str, bool),
    Upper(prop::sample::Index),
    ExtraField(String),
    /// The id written by the other encoder's grammar: a button's fields under a modal's head.
    Swap(&'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<prop::sample::Index>();
    let odd = prop::sample::select(vec![
        '0', '1', '9', ':', '+', '-', ' ', '\t', 'a', 'z', 'A', 'm', 't', 'é', '\u{0}',
    ]);
    prop_oneof![
        at.clone().prop_map(Mutation::Drop),
        at.clone().prop_map(Mutation::Duplicate),
        (at.clone(), odd.clone()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        (at.clone(), odd).prop_map(|(i, c)| Mutation::Insert(i, c)),
        (at.clone(), prop::sample::select(vec!['0', '+', '-']))
            .prop_map(|(i, c)| Mutation::BeforeNumber(i, c)),
        (
            at.clone(),
            prop::sample::select(vec![
                "256",
                "4294967296",
                "9223372036854775808",
                "18446744073709551616",
                "0",
            ])
        )
            .prop_map(|(i, n)| Mutation::Overflow(i, n)),
        (
            prop::sample::select(vec![" ", "\t", "\n", "\u{200b}"]),
            any::<bool>()
        )
            .prop_map(|(p, front)| Mutation::Pad(p, front)),
        at.prop_map(Mutation::Upper),
        "[a-z0-9]{0,4}".prop_map(Mutation::ExtraField),
        prop::sample::select(vec!["h:xm", "h:nm", "h:c", "h:xt", "descm", "desc", "s"])
            .prop_map(Mutation::Swap),
    ]
}

fn apply(id: &str, m: &Mutation) -> String {
    let chars: Vec<char> = id.chars().collect();
    let mut out = chars.clone();
    let pick = |i: &prop::sample::Index| i.index(chars.len().max(1)).min(chars.len());
    // Where the digits around position `i` start and end.
    let number_at = |i: usize| -> Option<(usize, usize)> {
        let start = (i..chars.len()).find(|&j| chars[j].is_ascii_digit())?;
        let start = (0..=start)
            .rev()
            .take_while(|&j| chars[j].is_ascii_digit())
            .last()?;
        let end = (start..chars.len())
            .find(|&j| !chars[j].is_ascii_digit())
            .unwrap_or(chars.len());
        Some((start, end))
    };
    match m {
        Mutation::Drop(i) if !chars.is_empty() => {
            out.remove(pick(i).min(chars.len() - 1));
        }
        Mutation::Duplicate(i) if !chars.is_empty() => {
            let at = pick(i).min(chars.len() - 1);
            out.insert(at, chars[at]);
        }
        Mutation::Replace(i, c) if !chars.is_empty() => out[pick(i).min(chars.len() - 1)] = *c,
        Mutation::Insert(i, c) => out.insert(pick(i), *c),
        Mutation::BeforeNumber(i, c) => {
            if let Some((start, _)) = number_at(pick(i)) {
                out.insert(start, *c);
            }
        }
        Mutation::Overflow(i, n) => {
            if let Some((start, end)) = number_at(pick(i)) {
                out.splice(start..end, n.chars());
            }
        }
        Mutation::Pad(p, true) => return format!("{p}{id}"),
        Mutation::Pad(p, false) => return format!("{id}{p}"),
        Mutation::Upper(i) if !chars.is_empty() => {
            let at = pick(i).min(chars.len() - 1);
            out.splice(at..=at, chars[at].to_uppercase());
        }
        Mutation::ExtraField(f) => return format!("{id}:{f}"),
        Mutation::Swap(head) => {
            let tail = id.split_once(':').map_or("", |(_, t)| t);
            return format!("{head}:{tail}");
        }
        _ => {}
    }
    out.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Real ids, changed a little: whatever still parses must be exactly what the encoder
    /// writes for it, so no second spelling of an id can reach a session or a handoff.
    #[test]
    fn near_misses_of_real_ids_parse_only_as_themselves(
        id in prop_oneof![
            any_action().prop_map(|a| a.encode()),
            any_modal().prop_map(|m| m.encode()),
        ],
        changes in prop::collection::vec(mutation(), 1..3),
    ) {
        let forged = changes.iter().fold(id, |id, m| apply(&id, m));
        if let Some(action) = Action::parse(&forged) {
            prop_assert_eq!(action.encode(), forged.clone());
        }
        if let Some(modal) = Modal::parse(&forged) {
            prop_assert_eq!(modal.encode(), forged.clone());
        }
        prop_assert!(Action::parse(&forged).is_none() || Modal::parse(&forged).is_none());
    }

    #[test]
    fn arbitrary_strings_never_panic(raw in ".{0,120}") {
        let _ = (Action::parse(&raw), Modal::parse(&raw));
    }
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
