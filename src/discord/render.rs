//! Draws the engine's `View` as a Discord message. Everything here stays inside Discord's
//! limits by construction: text is laid out at word boundaries, never cut mid-word, and at
//! most 4 rows of choices plus 1 navigation row are drawn.

use serenity::all::{
    ButtonStyle, Colour, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateInteractionResponseMessage, EditInteractionResponse,
};

use super::ids::Action;
use crate::domain::{Region, SessionId};
use crate::guide::Lang;
use crate::guide::Library;
use crate::i18n::{self, Arg, Msg};
use crate::triage::localize::{nav_label, notice_text};
use crate::triage::{self, Input, Nav, View};

pub const CONTENT_MAX: usize = 2000;
pub const EMBED_TITLE_MAX: usize = 256;
pub const EMBED_DESCRIPTION_MAX: usize = 4096;
pub const BUTTON_LABEL_MAX: usize = 80;
pub const BUTTONS_PER_ROW: usize = 5;
/// One of Discord's 5 rows is kept for navigation.
pub const CHOICE_ROWS_MAX: usize = 4;
/// Discord's limit on a message's rows of components.
const ROWS_MAX: usize = 5;

const STEP_COLOUR: Colour = Colour(0x3b82f6);
const EMERGENCY_COLOUR: Colour = Colour(0xdc2626);
const RESOLVED_COLOUR: Colour = Colour(0x16a34a);
const ESCALATED_COLOUR: Colour = Colour(0xf59e0b);

/// A drawn screen, convertible to a new message or to an edit of the original one.
pub struct Screen {
    pub content: Option<String>,
    pub embed: CreateEmbed,
    pub rows: Vec<CreateActionRow>,
}

impl Screen {
    /// A new private message.
    pub fn message(self) -> CreateInteractionResponseMessage {
        self.update().ephemeral(true)
    }

    /// The body of an in-place update; the message keeps its own privacy.
    pub fn update(self) -> CreateInteractionResponseMessage {
        let mut m = CreateInteractionResponseMessage::new()
            .embed(self.embed)
            .components(self.rows)
            // Guide text is ours, but notices may quote members; nothing we draw pings anyone.
            .allowed_mentions(CreateAllowedMentions::new());
        if let Some(c) = self.content {
            m = m.content(c);
        }
        m
    }

    pub fn edit(self) -> EditInteractionResponse {
        EditInteractionResponse::new()
            .content(self.content.unwrap_or_default())
            .embed(self.embed)
            .components(self.rows)
            .allowed_mentions(CreateAllowedMentions::new())
    }
}

/// Draws `view` for `session` in the member's `lang`: the guide's words from its translation
/// (falling back text by text to the guide's own), pitcrew's own words from Fluent. Every
/// button carries the session and the view's step.
///
/// Then it is read in `region`: its placeholders filled, and an emergency screen opened by the
/// region's banner (the action first, the number written out, whatever the guide says).
/// Translations carry the same placeholders as the guide (`{emergency}`, `{roadside}`, …), so
/// placeholders are filled *after* the view is localized, never in the desk's view.
pub fn step(
    library: &Library,
    session: SessionId,
    view: &View,
    lang: Lang,
    region: Region,
) -> Screen {
    drawn(library, session, view, lang, region, Fixed::Ask)
}

/// A resolved screen once the member answered "Did this fix it?": the question gives way to
/// the thanks (a "no" goes on to a volunteer, drawn by [`step`] on the escalated view).
pub fn answered(
    library: &Library,
    session: SessionId,
    view: &View,
    lang: Lang,
    region: Region,
) -> Screen {
    drawn(library, session, view, lang, region, Fixed::Thanked)
}

/// Whether a resolved screen asks "Did this fix it?" or thanks for the answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fixed {
    Ask,
    Thanked,
}

fn drawn(
    library: &Library,
    session: SessionId,
    view: &View,
    lang: Lang,
    region: Region,
    fixed: Fixed,
) -> Screen {
    match library.get(&view.guide_id) {
        Some(guide) => draw(
            session,
            &triage::localize(guide, view.clone(), lang),
            (lang, region),
            fixed,
        ),
        None => draw(session, view, (lang, region), fixed),
    }
}

/// Draws a view already in the member's language, as read in `region`.
fn draw(session: SessionId, view: &View, (lang, region): (Lang, Region), fixed: Fixed) -> Screen {
    let view = &view.read_in(region, lang.into());
    let colour = if view.flags.emergency {
        EMERGENCY_COLOUR
    } else if view.flags.resolved {
        RESOLVED_COLOUR
    } else if view.flags.escalated {
        ESCALATED_COLOUR
    } else {
        STEP_COLOUR
    };
    let title = if view.flags.emergency {
        i18n::text_with(
            lang,
            Msg::EmergencyTitle,
            &[(Arg::Title, &view.guide_title)],
        )
    } else {
        view.guide_title.clone()
    };
    let mut description = String::new();
    if let Some(notice) = view.notice {
        description.push_str(&format!("*{}*\n\n", notice_text(notice, lang)));
    }
    description.push_str(&view.text);
    let mut embed = CreateEmbed::new()
        .title(fit(&title, EMBED_TITLE_MAX))
        .description(fit(&description, EMBED_DESCRIPTION_MAX))
        .colour(colour);
    if view.flags.escalated && !view.flags.emergency {
        embed = embed.footer(CreateEmbedFooter::new(i18n::text(
            lang,
            Msg::EscalatedFooter,
        )));
    }
    let button = |input: Input, label: &str, style: ButtonStyle| {
        let id = Action::Step {
            session,
            step: view.step,
            input,
        };
        CreateButton::new(id.encode())
            .label(fit(label, BUTTON_LABEL_MAX))
            .style(style)
    };
    let mut rows: Vec<CreateActionRow> = view
        .choices
        .chunks(BUTTONS_PER_ROW)
        .take(CHOICE_ROWS_MAX)
        .map(|chunk| {
            CreateActionRow::Buttons(
                chunk
                    .iter()
                    .map(|c| button(Input::Choose(c.index), &c.label, ButtonStyle::Primary))
                    .collect(),
            )
        })
        .collect();
    // "Did this fix it?" on every resolved outcome, above the way to a volunteer; the
    // member's "no" is that way, recorded first.
    let resolved = view.flags.resolved && !view.flags.escalated;
    if resolved && fixed == Fixed::Ask && rows.len() < ROWS_MAX - 1 {
        embed = embed.field(
            i18n::text(lang, Msg::FixedAsk),
            i18n::text(lang, Msg::FixedWhy),
            false,
        );
        let answer = |yes: bool, msg: Msg, style: ButtonStyle| {
            let id = Action::Fixed {
                session,
                fixed: yes,
            };
            CreateButton::new(id.encode())
                .label(fit(&i18n::text(lang, msg), BUTTON_LABEL_MAX))
                .style(style)
        };
        rows.push(CreateActionRow::Buttons(vec![
            answer(true, Msg::FixedYes, ButtonStyle::Success),
            answer(false, Msg::FixedNo, ButtonStyle::Secondary),
        ]));
    }
    if resolved && fixed == Fixed::Thanked {
        embed = embed.field(
            i18n::text(lang, Msg::FixedThanks),
            i18n::text(lang, Msg::FixedWhy),
            false,
        );
    }
    if !view.nav.is_empty() {
        rows.push(CreateActionRow::Buttons(
            view.nav
                .iter()
                .map(|&n| {
                    let style = match n {
                        Nav::Volunteer => ButtonStyle::Success,
                        Nav::Back | Nav::Restart => ButtonStyle::Secondary,
                    };
                    button(Input::from_nav(n), &nav_label(n, lang), style)
                })
                .collect(),
        ));
    }
    Screen {
        content: view.flags.emergency.then(|| region.banner_in(lang.into())),
        embed,
        rows,
    }
}

/// Discord's limits cut guide text the way the card does ([`crate::guide::words::cut`]).
pub use crate::guide::words::cut as fit;

#[cfg(test)]
mod tests {
    use super::*;

    /// The screen as `step` draws it (asking "Did this fix it?" where resolved).
    fn draw(session: SessionId, view: &View, lang: Lang, region: Region) -> Screen {
        super::draw(session, view, (lang, region), Fixed::Ask)
    }
    use crate::triage::{ChoiceView, Flags};

    fn view(choices: usize, nav: Vec<Nav>, flags: Flags) -> View {
        View {
            guide_id: "g".into(),
            guide_title: "Keys locked in a BMW".into(),
            node_id: "n".into(),
            step: 7,
            text: "Step text".into(),
            choices: (0..choices)
                .map(|index| ChoiceView {
                    index,
                    label: format!("Choice {index}"),
                })
                .collect(),
            nav,
            flags,
            notice: None,
        }
    }

    fn json(screen: Screen) -> serde_json::Value {
        serde_json::to_value(screen.message()).expect("serialises")
    }

    #[test]
    fn choices_are_laid_out_five_per_row_with_navigation_last() {
        let v = json(draw(
            SessionId(3),
            &view(
                12,
                vec![Nav::Back, Nav::Restart, Nav::Volunteer],
                Flags::default(),
            ),
            Lang::En,
            Region::Us,
        ));
        let rows = v["components"].as_array().unwrap();
        let sizes: Vec<usize> = rows
            .iter()
            .map(|r| r["components"].as_array().unwrap().len())
            .collect();
        assert_eq!(sizes, vec![5, 5, 2, 3]);
        assert_eq!(rows[3]["components"][0]["label"], "Back");
        assert_eq!(rows[0]["components"][0]["custom_id"], "s:3:7:c0");
        assert_eq!(rows[3]["components"][2]["custom_id"], "s:3:7:v");
        assert_eq!(v["flags"], 64, "steps are private to the member");
        assert_eq!(v["allowed_mentions"]["parse"], serde_json::json!([]));
    }

    #[test]
    fn emergency_screens_are_red_and_lead_with_the_number() {
        let flags = Flags {
            urgent: true,
            emergency: true,
            ..Flags::default()
        };
        let v = json(draw(
            SessionId(1),
            &view(0, vec![Nav::Restart], flags),
            Lang::En,
            Region::Us,
        ));
        assert!(v["content"].as_str().unwrap().contains("911"));
        let mut danger = view(1, vec![Nav::Restart], flags);
        danger.text = "**Call {emergency} now.**".into();
        danger.choices[0].label = "Called {emergency}".into();
        let v = json(draw(SessionId(1), &danger, Lang::En, Region::Gb));
        let banner = v["content"].as_str().unwrap();
        assert!(
            banner.starts_with("🚨 **EMERGENCY: call 999 now** (or 112)"),
            "{banner}"
        );
        let text = v["embeds"][0]["description"].as_str().unwrap();
        assert_eq!(text, "**Call 999 (or 112) now.**");
        assert_eq!(
            v["components"][0]["components"][0]["label"],
            "Called 999 (or 112)"
        );
        assert_eq!(v["embeds"][0]["color"], 0xdc2626);
        assert!(v["embeds"][0]["title"]
            .as_str()
            .unwrap()
            .contains("Emergency"));
    }

    #[test]
    fn fit_breaks_at_a_word_and_respects_the_limit() {
        assert_eq!(fit("short", 10), "short");
        let long = "alpha beta gamma delta";
        let f = fit(long, 12);
        assert_eq!(f, "alpha beta…");
        assert!(f.chars().count() <= 12);
        let unbroken = "x".repeat(50);
        assert_eq!(fit(&unbroken, 10).chars().count(), 10);
        let wide = "é".repeat(5000);
        assert!(fit(&wide, EMBED_DESCRIPTION_MAX).chars().count() <= EMBED_DESCRIPTION_MAX);
    }

    #[test]
    fn a_resolved_screen_asks_whether_it_fixed_it_once_then_thanks() {
        let flags = Flags {
            resolved: true,
            ..Flags::default()
        };
        let mut done = view(0, vec![Nav::Restart, Nav::Volunteer], flags);
        done.choices.clear();
        let ids = |v: &serde_json::Value| -> Vec<String> {
            v["components"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|r| r["components"].as_array().unwrap().clone())
                .map(|b| b["custom_id"].as_str().unwrap().to_string())
                .collect()
        };
        let asked = json(draw(SessionId(9), &done, Lang::En, Region::Gb));
        assert_eq!(
            ids(&asked),
            ["fx:9:y", "fx:9:n", "s:9:7:r", "s:9:7:v"],
            "the answer above the way to a volunteer"
        );
        assert_eq!(asked["embeds"][0]["fields"][0]["name"], "Did this fix it?");
        let thanked = json(super::draw(
            SessionId(9),
            &done,
            (Lang::En, Region::Gb),
            Fixed::Thanked,
        ));
        assert_eq!(ids(&thanked), ["s:9:7:r", "s:9:7:v"]);
        assert_eq!(
            thanked["embeds"][0]["fields"][0]["name"],
            "Thanks for telling us."
        );
        // A step that is not an outcome never asks.
        let step = json(draw(
            SessionId(9),
            &view(2, vec![Nav::Back], Flags::default()),
            Lang::En,
            Region::Gb,
        ));
        assert!(ids(&step).iter().all(|id| !id.starts_with("fx:")));
    }
}
