//! Every custom_id pitcrew puts on a component or modal, as one enum with one encoder
//! ([`Action::encode`]) and one parser ([`Action::parse`]). A press can only ever be understood
//! through `parse`, which rejects anything `encode` would not have written, so a forged or
//! truncated id is refused before it reaches a session.
//!
//! Format: short ASCII, `:`-separated, well under Discord's 100 characters:
//! `s:<session>:<step>:<press>` a step button (`c<n>` choice n, `b` back, `r` start over,
//! `v` volunteer); `pick` the guide select menu; `desc` the describe button; `descm` the describe
//! modal and `desct` its text input; `g:<guide>` start a suggested guide; `res:<session>` resume;
//! `new:<session>[:<guide>]` drop the open session and start fresh. Handoff cards and their
//! modals use `h:<verb>:<handoff>` (see [`CardAction`]); the modals' text inputs `h:xt` / `h:nt`.

use crate::domain::SessionId;
use crate::domain::{HandoffId, Rating};
use crate::triage::Input;

/// Discord's custom_id limit.
pub const CUSTOM_ID_MAX: usize = 100;
/// Guide ids are at most 64 characters of `[a-z0-9-]` (the checker's rule), so every id fits.
const GUIDE_ID_MAX: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A press on a step screen, drawn for `step` of `session`.
    Step {
        session: SessionId,
        step: u32,
        input: Input,
    },
    /// The guide picker (a string select whose value is a guide id).
    Pick,
    /// "Describe your problem": opens the modal.
    Describe,
    /// The describe modal itself.
    DescribeModal,
    /// The modal's text input.
    DescribeText,
    /// Start a guide offered after a description.
    Start { guide: String },
    /// Continue the open session.
    Resume { session: SessionId },
    /// Drop the open session and start fresh: the named guide, or the picker.
    Fresh {
        session: SessionId,
        guide: Option<String>,
    },
    /// A press or modal about a handoff.
    Handoff {
        handoff: HandoffId,
        action: CardAction,
    },
    /// The resolve modal's note input.
    ResolveText,
    /// The member's note modal input.
    NoteText,
}

/// What can be done to a handoff, by volunteers on its card or by the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardAction {
    Claim,
    Release,
    /// The user select naming the volunteer to hand over to.
    Transfer,
    /// Opens the resolve modal.
    Resolve,
    /// The resolve modal itself.
    ResolveModal,
    /// The member's "Did this solve it?".
    Rate(Rating),
    /// Opens the member's note modal.
    Note,
    /// The member's note modal itself.
    NoteModal,
}

impl CardAction {
    fn code(self) -> &'static str {
        match self {
            CardAction::Claim => "c",
            CardAction::Release => "r",
            CardAction::Transfer => "t",
            CardAction::Resolve => "x",
            CardAction::ResolveModal => "xm",
            CardAction::Rate(Rating::Solved) => "y",
            CardAction::Rate(Rating::NotSolved) => "n",
            CardAction::Note => "no",
            CardAction::NoteModal => "nm",
        }
    }

    fn from_code(code: &str) -> Option<CardAction> {
        Some(match code {
            "c" => CardAction::Claim,
            "r" => CardAction::Release,
            "t" => CardAction::Transfer,
            "x" => CardAction::Resolve,
            "xm" => CardAction::ResolveModal,
            "y" => CardAction::Rate(Rating::Solved),
            "n" => CardAction::Rate(Rating::NotSolved),
            "no" => CardAction::Note,
            "nm" => CardAction::NoteModal,
            _ => return None,
        })
    }
}

impl Action {
    pub fn encode(&self) -> String {
        match self {
            Action::Step {
                session,
                step,
                input,
            } => {
                let press = match input {
                    Input::Choose(i) => format!("c{i}"),
                    Input::Back => "b".into(),
                    Input::Restart => "r".into(),
                    Input::Escalate => "v".into(),
                };
                format!("s:{}:{step}:{press}", session.0)
            }
            Action::Pick => "pick".into(),
            Action::Describe => "desc".into(),
            Action::DescribeModal => "descm".into(),
            Action::DescribeText => "desct".into(),
            Action::Start { guide } => format!("g:{guide}"),
            Action::Resume { session } => format!("res:{}", session.0),
            Action::Fresh {
                session,
                guide: None,
            } => format!("new:{}", session.0),
            Action::Fresh {
                session,
                guide: Some(g),
            } => format!("new:{}:{g}", session.0),
            Action::Handoff { handoff, action } => format!("h:{}:{}", action.code(), handoff.0),
            Action::ResolveText => "h:xt".into(),
            Action::NoteText => "h:nt".into(),
        }
    }

    /// Parses an id `encode` could have written; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Action> {
        if raw.len() > CUSTOM_ID_MAX {
            return None;
        }
        let mut parts = raw.split(':');
        let head = parts.next()?;
        let action = match head {
            "s" => {
                let session = session_id(parts.next()?)?;
                let step = number::<u32>(parts.next()?)?;
                let input = match parts.next()? {
                    "b" => Input::Back,
                    "r" => Input::Restart,
                    "v" => Input::Escalate,
                    press => Input::Choose(number::<u8>(press.strip_prefix('c')?)?.into()),
                };
                Action::Step {
                    session,
                    step,
                    input,
                }
            }
            "pick" => Action::Pick,
            "desc" => Action::Describe,
            "descm" => Action::DescribeModal,
            "desct" => Action::DescribeText,
            "g" => Action::Start {
                guide: guide_id(parts.next()?)?,
            },
            "res" => Action::Resume {
                session: session_id(parts.next()?)?,
            },
            "h" => match parts.next()? {
                "xt" => Action::ResolveText,
                "nt" => Action::NoteText,
                code => Action::Handoff {
                    action: CardAction::from_code(code)?,
                    handoff: number::<i64>(parts.next()?)
                        .filter(|&n| n > 0)
                        .map(HandoffId)?,
                },
            },
            "new" => Action::Fresh {
                session: session_id(parts.next()?)?,
                guide: match parts.next() {
                    Some(g) => Some(guide_id(g)?),
                    None => None,
                },
            },
            _ => return None,
        };
        // Trailing parts mean the id was not written by `encode`.
        match parts.next() {
            Some(_) => None,
            None => Some(action),
        }
    }
}

/// Digits only, no sign, no leading zeros: one spelling per number, so ids compare exactly.
fn number<T: std::str::FromStr>(s: &str) -> Option<T> {
    let canonical =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    if canonical {
        s.parse().ok()
    } else {
        None
    }
}

fn session_id(s: &str) -> Option<SessionId> {
    number::<i64>(s).filter(|&n| n > 0).map(SessionId)
}

fn guide_id(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && s.len() <= GUIDE_ID_MAX
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all_kinds() -> Vec<Action> {
        let session = SessionId(i64::MAX);
        let mut v = vec![
            Action::Pick,
            Action::Describe,
            Action::DescribeModal,
            Action::DescribeText,
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
            Action::ResolveText,
            Action::NoteText,
        ];
        for action in [
            CardAction::Claim,
            CardAction::Release,
            CardAction::Transfer,
            CardAction::Resolve,
            CardAction::ResolveModal,
            CardAction::Rate(Rating::Solved),
            CardAction::Rate(Rating::NotSolved),
            CardAction::Note,
            CardAction::NoteModal,
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

    #[test]
    fn every_action_round_trips_within_discords_limit() {
        for action in all_kinds() {
            let id = action.encode();
            assert!(id.len() <= CUSTOM_ID_MAX, "{id} is {} chars", id.len());
            assert_eq!(Action::parse(&id), Some(action), "{id}");
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
        ] {
            assert_eq!(Action::parse(bad), None, "{bad:?} should be refused");
        }
        assert_eq!(Action::parse(&"g:".repeat(60)), None);
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic_and_only_canonical_ids_parse(raw in ".{0,120}") {
            if let Some(action) = Action::parse(&raw) {
                prop_assert_eq!(action.encode(), raw);
            }
        }
    }
}
