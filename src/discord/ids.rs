//! Every custom_id pitcrew writes, as two types that cannot be mistaken for each other:
//! [`Action`], the buttons and select menus a member or volunteer presses, and [`Modal`], the
//! forms the bot opens. A modal's text inputs are named by the constants in [`input`]. Each type
//! has one encoder and one strict parser that rejects anything its encoder would not have
//! written, so a forged or truncated id is refused before it reaches a session, and a button id
//! naming a modal (or the reverse) is refused as broken rather than acted on.
//!
//! Format: short ASCII, `:`-separated, well under Discord's 100 characters.
//! Buttons and selects: `s:<session>:<step>:<press>` a step button (`c<n>` choice n, `b` back,
//! `r` start over, `v` volunteer); `pick` the guide select menu; `desc` the describe button;
//! `ask` "None of these — ask a volunteer"; `g:<guide>` start a suggested guide; `res:<session>` resume; `new:<session>[:<guide>]` drop the
//! open session and start fresh; `h:<verb>:<handoff>` a handoff's card and member buttons (see
//! [`CardAction`]); `fg:<guide>` start a guide offered in a forum post's reply, privately for
//! whoever presses; `fa` the forum reply's "Ask a volunteer"; `fm:<user>:y|n` `/forget-me`'s
//! "Forget me" and "Keep my data", bound to the member who asked. Modals: `descm` describe, `askm` the words for a volunteer, `h:xm:<handoff>`
//! resolve, `h:nm:<handoff>` the member's note. Text inputs: `desct`, `askt`, `h:xt`, `h:nt`.

use crate::domain::SessionId;
use crate::domain::{HandoffId, Rating, UserId};
use crate::triage::Input;

/// Discord's custom_id limit.
pub const CUSTOM_ID_MAX: usize = 100;
/// Guide ids are at most 64 characters of `[a-z0-9-]` (the checker's rule), so every id fits.
const GUIDE_ID_MAX: usize = 64;

/// The custom_ids of the text inputs inside pitcrew's modals. They are only ever compared with
/// what a submitted modal carries, so they need no parser.
pub mod input {
    /// The describe modal's "What happened?".
    pub const DESCRIBE: &str = "desct";
    /// The ask-a-volunteer modal's "What is wrong?".
    pub const ASK_WORDS: &str = "askt";
    /// The resolve modal's note for the record.
    pub const RESOLVE_NOTE: &str = "h:xt";
    /// The member's note for the volunteer.
    pub const MEMBER_NOTE: &str = "h:nt";
}

/// A button or select menu.
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
    /// "None of these — ask a volunteer": a handoff with the member's own words (taken from
    /// the screen the button sits on, or asked for in a modal).
    AskVolunteer,
    /// Start a guide offered after a description.
    Start { guide: String },
    /// Continue the open session.
    Resume { session: SessionId },
    /// Drop the open session and start fresh: the named guide, or the picker.
    Fresh {
        session: SessionId,
        guide: Option<String>,
    },
    /// A guide offered in the reply to a forum post: starts it privately for whoever presses.
    ForumStart { guide: String },
    /// The forum reply's "Ask a volunteer": a handoff whose card links the post.
    ForumAsk,
    /// "Did this fix it?" on a resolved outcome: yes, or no (which goes on to a volunteer).
    Fixed { session: SessionId, fixed: bool },
    /// `/forget-me`'s answer: forget (`confirm`) or keep. `user` is who asked: anyone else's
    /// press is refused, so the buttons cannot forget someone other than their presser.
    ForgetMe { user: UserId, confirm: bool },
    /// A press about a handoff.
    Handoff {
        handoff: HandoffId,
        action: CardAction,
    },
}

/// What a button or select does to a handoff, by volunteers on its card or by the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardAction {
    Claim,
    Release,
    /// The user select naming the volunteer to hand over to.
    Transfer,
    /// Opens the resolve modal.
    Resolve,
    /// The member's "Did this solve it?".
    Rate(Rating),
    /// Opens the member's note modal.
    Note,
}

/// A modal pitcrew opened, as its submission names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modal {
    /// "Describe your problem".
    Describe,
    /// The member's words for a volunteer, when no guide fits.
    AskVolunteer,
    /// A volunteer resolving a handoff, with an optional note for the record.
    Resolve { handoff: HandoffId },
    /// The member's note for the volunteer.
    Note { handoff: HandoffId },
}

impl CardAction {
    fn code(self) -> &'static str {
        match self {
            CardAction::Claim => "c",
            CardAction::Release => "r",
            CardAction::Transfer => "t",
            CardAction::Resolve => "x",
            CardAction::Rate(Rating::Solved) => "y",
            CardAction::Rate(Rating::NotSolved) => "n",
            CardAction::Note => "no",
        }
    }

    fn from_code(code: &str) -> Option<CardAction> {
        Some(match code {
            "c" => CardAction::Claim,
            "r" => CardAction::Release,
            "t" => CardAction::Transfer,
            "x" => CardAction::Resolve,
            "y" => CardAction::Rate(Rating::Solved),
            "n" => CardAction::Rate(Rating::NotSolved),
            "no" => CardAction::Note,
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
            Action::AskVolunteer => "ask".into(),
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
            Action::ForumStart { guide } => format!("fg:{guide}"),
            Action::ForumAsk => "fa".into(),
            Action::Fixed { session, fixed } => {
                format!("fx:{}:{}", session.0, if *fixed { "y" } else { "n" })
            }
            Action::ForgetMe { user, confirm } => {
                format!("fm:{user}:{}", if *confirm { "y" } else { "n" })
            }
            Action::Handoff { handoff, action } => format!("h:{}:{}", action.code(), handoff.0),
        }
    }

    /// Parses an id `encode` could have written; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Action> {
        let mut parts = split(raw)?;
        let action = match parts.next()? {
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
            "ask" => Action::AskVolunteer,
            "g" => Action::Start {
                guide: guide_id(parts.next()?)?,
            },
            "res" => Action::Resume {
                session: session_id(parts.next()?)?,
            },
            "new" => Action::Fresh {
                session: session_id(parts.next()?)?,
                guide: match parts.next() {
                    Some(g) => Some(guide_id(g)?),
                    None => None,
                },
            },
            "fx" => Action::Fixed {
                session: session_id(parts.next()?)?,
                fixed: match parts.next()? {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                },
            },
            "fg" => Action::ForumStart {
                guide: guide_id(parts.next()?)?,
            },
            "fa" => Action::ForumAsk,
            "fm" => Action::ForgetMe {
                user: UserId(number::<u64>(parts.next()?).filter(|&n| n > 0)?),
                confirm: match parts.next()? {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                },
            },
            "h" => Action::Handoff {
                action: CardAction::from_code(parts.next()?)?,
                handoff: handoff_id(parts.next()?)?,
            },
            _ => return None,
        };
        finished(parts, action)
    }
}

impl Modal {
    pub fn encode(&self) -> String {
        match self {
            Modal::Describe => "descm".into(),
            Modal::AskVolunteer => "askm".into(),
            Modal::Resolve { handoff } => format!("h:xm:{}", handoff.0),
            Modal::Note { handoff } => format!("h:nm:{}", handoff.0),
        }
    }

    /// Parses an id `encode` could have written; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Modal> {
        let mut parts = split(raw)?;
        let modal = match parts.next()? {
            "descm" => Modal::Describe,
            "askm" => Modal::AskVolunteer,
            "h" => match parts.next()? {
                "xm" => Modal::Resolve {
                    handoff: handoff_id(parts.next()?)?,
                },
                "nm" => Modal::Note {
                    handoff: handoff_id(parts.next()?)?,
                },
                _ => return None,
            },
            _ => return None,
        };
        finished(parts, modal)
    }
}

fn split(raw: &str) -> Option<std::str::Split<'_, char>> {
    (raw.len() <= CUSTOM_ID_MAX).then(|| raw.split(':'))
}

/// Trailing parts mean the id was not written by an encoder.
fn finished<T>(mut parts: std::str::Split<'_, char>, parsed: T) -> Option<T> {
    parts.next().is_none().then_some(parsed)
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

fn handoff_id(s: &str) -> Option<HandoffId> {
    number::<i64>(s).filter(|&n| n > 0).map(HandoffId)
}

fn guide_id(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && s.len() <= GUIDE_ID_MAX
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then(|| s.to_string())
}

#[cfg(test)]
#[path = "ids_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "ids_tests_forged.rs"]
mod tests_forged;
