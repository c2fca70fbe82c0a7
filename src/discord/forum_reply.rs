//! The reply to a forum post, drawn: what the post reads as (the guides that fit its title,
//! tags and text; whether it is an emergency) and the one public message that says so. The
//! emergency number comes first, above everything, so a person in danger reads it before any
//! guide. Buttons start a guide privately for whoever presses; nothing here pings anyone.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed, CreateMessage,
};

use super::ids::Action;
use super::render::fit;
use crate::domain::{Region, WhenNothingFits};
use crate::guide::search::{self, Mode};
use crate::guide::{alarm, Guide, Lang, Library};
use crate::i18n::{self, Arg, Msg};

/// Guides offered at most: one row of buttons, beside nothing else.
pub const GUIDES_MAX: usize = 5;
const BUTTON_LABEL_MAX: usize = 80;
const REPLY_COLOUR: u32 = 0x3b82f6;
const URGENT_COLOUR: u32 = 0xdc2626;

/// What a post reads as.
pub struct Verdict<'a> {
    /// The guides that fit it, best first (the describe flow's "fits" rule).
    pub guides: Vec<&'a Guide>,
    /// Someone may be in danger.
    pub emergency: bool,
}

/// Reads a post's words (its title, its tags' names, and its text when the bot may read it).
pub fn read<'a>(library: &'a Library, text: &str) -> Verdict<'a> {
    let guides = search::rank(library, text, Mode::Words, GUIDES_MAX)
        .iter()
        .filter(|m| m.fits)
        .filter_map(|m| library.get(&m.guide_id))
        .collect();
    Verdict {
        guides,
        emergency: alarm::reads_as_emergency(text),
    }
}

impl Verdict<'_> {
    /// Whether the post gets a reply at all: an emergency always does, a post a guide fits
    /// does, and one nothing fits does unless the moderator chose silence.
    pub fn answered(&self, when: WhenNothingFits) -> bool {
        self.emergency || !self.guides.is_empty() || when == WhenNothingFits::Volunteer
    }
}

/// The reply: the emergency line first when the post reads as one (with word that the
/// volunteers were `alerted`), the fitting guides as buttons, and "Ask a volunteer".
pub fn message(verdict: &Verdict<'_>, region: Region, lang: Lang, alerted: bool) -> CreateMessage {
    let mut content = String::new();
    if verdict.emergency {
        let emergency = region.emergency_in(lang.into());
        content.push_str(&i18n::text_with(
            lang,
            Msg::ForumEmergency,
            &[(Arg::Emergency, &emergency)],
        ));
        if alerted {
            content.push('\n');
            content.push_str(&i18n::text(lang, Msg::ForumAlerted));
        }
    }
    let colour = if verdict.emergency {
        URGENT_COLOUR
    } else {
        REPLY_COLOUR
    };
    let mut rows = Vec::new();
    let embed = if verdict.guides.is_empty() {
        CreateEmbed::new()
            .description(i18n::text(lang, Msg::ForumReplyNone))
            .colour(colour)
    } else {
        let mut lines: Vec<String> = verdict
            .guides
            .iter()
            .map(|g| format!("**{}**: {}", g.title_in(lang), g.summary_in(lang)))
            .collect();
        lines.push(String::new());
        lines.push(i18n::text(lang, Msg::ForumReplyIntro).into_owned());
        rows.push(CreateActionRow::Buttons(
            verdict
                .guides
                .iter()
                .map(|g| {
                    CreateButton::new(
                        Action::ForumStart {
                            guide: g.id.clone(),
                        }
                        .encode(),
                    )
                    .label(fit(g.title_in(lang), BUTTON_LABEL_MAX))
                    .style(ButtonStyle::Primary)
                })
                .collect(),
        ));
        CreateEmbed::new()
            .title(i18n::text(lang, Msg::ForumReplyTitle))
            .description(lines.join("\n"))
            .colour(colour)
    };
    rows.push(CreateActionRow::Buttons(vec![CreateButton::new(
        Action::ForumAsk.encode(),
    )
    .label(i18n::text(lang, Msg::ForumAsk))
    .style(ButtonStyle::Secondary)]));
    let mut message = CreateMessage::new()
        .embed(embed)
        .components(rows)
        .allowed_mentions(CreateAllowedMentions::new());
    if !content.is_empty() {
        message = message.content(content);
    }
    message
}
