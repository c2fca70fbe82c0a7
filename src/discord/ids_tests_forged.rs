//! Forged-id property tests of `ids.rs`: real ids changed a little the way a forger or a
//! truncating client would, and arbitrary strings. They live apart from the example-based
//! tests in `ids_tests.rs` because their strategies and mutation model are a unit of their own.

use super::*;
use proptest::prelude::*;

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
