//! What a volunteer needs to know at a glance, built from the guide and the answer log: each
//! step the member saw, in order, as a short question with the answer they gave; and which
//! language the member reads, when it is not the card's own.

use crate::domain::{AnswerRecord, LangCode};
use crate::guide::words::headline;
use crate::guide::{Guide, Lang};
use crate::i18n::{self, Arg, Msg};

/// A question is the first line of a step's text, cut at a word to stay scannable.
const QUESTION_MAX: usize = 110;
/// Older steps beyond this are summarised as a count; the newest matter most.
const STEPS_MAX: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub question: String,
    pub answer: String,
}

/// The member's walk as (question, answer) pairs, oldest first, at most `STEPS_MAX`, and how
/// many older steps were left out. Bookkeeping entries (`[guide updated]`, `[cancelled]`) are
/// not answers and are skipped.
pub fn walk(guide: Option<&Guide>, answers: &[AnswerRecord]) -> (Vec<Step>, usize) {
    let steps: Vec<Step> = answers
        .iter()
        .filter(|a| !a.choice.starts_with('['))
        .map(|a| Step {
            question: guide
                .and_then(|g| g.node(&a.node))
                .map(|n| question(&n.text))
                .unwrap_or_else(|| a.node.clone()),
            answer: a.choice.clone(),
        })
        .collect();
    let skipped = steps.len().saturating_sub(STEPS_MAX);
    (steps.into_iter().skip(skipped).collect(), skipped)
}

/// The language a member reads, as the handoff keeps it. Exhaustive both ways on purpose: a
/// language added to [`Lang`] does not compile until the domain's mirror knows it too.
pub fn lang_code(lang: Lang) -> LangCode {
    match lang {
        Lang::En => LangCode::En,
        Lang::De => LangCode::De,
    }
}

/// The language a handoff's member reads, for what the thread says to them: English when it
/// was not recorded (handoffs from before it was).
pub fn member_lang(code: Option<LangCode>) -> Lang {
    match code {
        Some(LangCode::De) => Lang::De,
        Some(LangCode::En) | None => Lang::En,
    }
}

/// The server's language, which cards and the lines volunteers read are written in: the one
/// a moderator's `/pitcrew setup` recorded ([`crate::domain::GuildSetup::lang`]), English when
/// none was (`None`: set up before it was recorded, or where the setup is not at hand).
pub fn server_lang(server: Option<LangCode>) -> Lang {
    member_lang(server)
}

/// What volunteers are told about the member's language, in the card's (`server`): "German
/// (Deutsch) — write simply, or use a translator"; or `None` when the member reads the card's
/// own language or it was not recorded: a line that always shows would soon go unread. The
/// language is named in the card's language and in its own: the latter is what a translator
/// asks for.
pub fn reads(lang: Option<LangCode>, server: Lang) -> Option<String> {
    let lang = lang.filter(|l| *l != lang_code(server))?;
    let name = match lang {
        LangCode::En => Msg::LangNameEn,
        LangCode::De => Msg::LangNameDe,
    };
    let named = format!("{} ({})", i18n::text(server, name), lang.own_name());
    Some(i18n::text_with(
        server,
        Msg::CardReadsValue,
        &[(Arg::Language, &named)],
    ))
}

/// The first line of a step's text, as the card lists the walk (see [`headline`]).
pub fn question(text: &str) -> String {
    headline(text, QUESTION_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{SessionId, Timestamp};

    fn answer(step: u32, node: &str, choice: &str) -> AnswerRecord {
        AnswerRecord {
            session: SessionId(1),
            step,
            node: node.into(),
            choice: choice.into(),
            at: Timestamp(0),
        }
    }

    #[test]
    fn questions_are_first_lines_without_markdown() {
        assert_eq!(
            question("\n**Is anyone in danger?**\n\n- more"),
            "Is anyone in danger?"
        );
        assert_eq!(question("- **Try once:** the fob"), "Try once: the fob");
        let long = "word ".repeat(60);
        let q = question(&long);
        assert!(q.chars().count() <= QUESTION_MAX && q.ends_with('…'));
    }

    #[test]
    fn only_a_language_other_than_the_cards_is_named() {
        assert_eq!(reads(None, Lang::En), None);
        assert_eq!(reads(Some(lang_code(Lang::En)), Lang::En), None);
        assert_eq!(
            reads(Some(lang_code(Lang::De)), Lang::En).as_deref(),
            Some("German (Deutsch) — write simply, or use a translator")
        );
        // A German server's card names the English reader, and not its own language.
        assert_eq!(reads(Some(lang_code(Lang::De)), Lang::De), None);
        assert_eq!(
            reads(Some(lang_code(Lang::En)), Lang::De).as_deref(),
            Some("Englisch (English) — schreiben Sie einfach oder nutzen Sie einen Übersetzer")
        );
        assert_eq!(server_lang(None), Lang::En);
        assert_eq!(server_lang(Some(LangCode::De)), Lang::De);
    }

    #[test]
    fn walk_skips_bookkeeping_and_keeps_the_newest_steps() {
        let mut answers = vec![answer(0, "a", "[guide updated]")];
        answers.extend((1..=25).map(|i| answer(i, "n", &format!("answer {i}"))));
        let (steps, skipped) = walk(None, &answers);
        assert_eq!(skipped, 5);
        assert_eq!(steps.len(), STEPS_MAX);
        assert_eq!(steps[0].answer, "answer 6");
        assert_eq!(steps.last().unwrap().answer, "answer 25");
        assert_eq!(
            steps[0].question, "n",
            "unknown nodes fall back to their id"
        );
    }
}
