//! The screens around a guide: the picker, suggestions for a description (or the plain word
//! that none fits), the resume offer. Step screens themselves are drawn by `render`. Every
//! picker and every suggestion screen carries "None of these — ask a volunteer".

use serenity::all::Message;

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateButton, CreateEmbed, CreateInputText, CreateModal,
    CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, InputTextStyle,
};

use super::ids::{input, Action, Modal};
use super::render::{fit, Screen, BUTTON_LABEL_MAX};
use crate::domain::{Car, Region, SessionId};
use crate::guide::search::{self, Mode};
use crate::guide::{Guide, Lang, Library};
use crate::handoff::text::{self as handoff_text, quote};
use crate::i18n::{self, Arg, Msg};
use crate::triage::View;

const SELECT_OPTIONS_MAX: usize = 25;
const OPTION_TEXT_MAX: usize = 100;
/// Suggestions after a description: one row of buttons.
const SUGGESTIONS_MAX: usize = 5;
const PICKER_COLOUR: u32 = 0x3b82f6;
/// The field that shows the member's description back to them is named [`Msg::YourWords`];
/// the ask-a-volunteer button reads it back from the message it sits on (see [`words_on`]).
const FIELD_MAX: usize = 1024;

/// "What happened?": a menu of guides and a button to describe the problem instead, under the
/// emergency number of `region`, in the member's `lang`.
pub fn picker(library: &Library, lead: Option<&str>, region: Region, lang: Lang) -> Screen {
    picker_for(library, lead, region, None, lang)
}

/// The picker for a member whose car is `car`: guides for it first, and a word on `/car`.
pub fn picker_for(
    library: &Library,
    lead: Option<&str>,
    region: Region,
    car: Option<&Car>,
    lang: Lang,
) -> Screen {
    let mut guides: Vec<&Guide> = library.iter().collect();
    search::fitting_first(&mut guides, car);
    let options: Vec<CreateSelectMenuOption> = guides
        .into_iter()
        .take(SELECT_OPTIONS_MAX)
        .map(|g| {
            CreateSelectMenuOption::new(fit(g.title_in(lang), OPTION_TEXT_MAX), g.id.clone())
                .description(fit(g.summary_in(lang), OPTION_TEXT_MAX))
        })
        .collect();
    let mut text = String::new();
    if let Some(lead) = lead {
        text.push_str(lead);
        text.push_str("\n\n");
    }
    let emergency = region.emergency_in(lang.into());
    text.push_str(&i18n::text_with(
        lang,
        Msg::PickerDanger,
        &[(Arg::Emergency, &emergency)],
    ));
    text.push_str("\n\n");
    text.push_str(&i18n::text(lang, Msg::PickerPick));
    text.push_str(&car_line(car, lang));
    let mut rows = Vec::new();
    if !options.is_empty() {
        rows.push(CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                Action::Pick.encode(),
                CreateSelectMenuKind::String { options },
            )
            .placeholder(i18n::text(lang, Msg::PickerPlaceholder)),
        ));
    }
    rows.push(CreateActionRow::Buttons(vec![
        CreateButton::new(Action::Describe.encode())
            .label(i18n::text(lang, Msg::PickerDescribe))
            .style(ButtonStyle::Primary),
        CreateButton::new(Action::AskVolunteer.encode())
            .label(handoff_text::none_fits(lang))
            .style(ButtonStyle::Secondary),
    ]));
    Screen {
        content: None,
        embed: CreateEmbed::new()
            .title(i18n::text(lang, Msg::PickerTitle))
            .description(text)
            .colour(PICKER_COLOUR),
        rows,
    }
}

/// Lightly, under the picker: what `/car` does, or that it is in use.
fn car_line(car: Option<&Car>, lang: Lang) -> String {
    let msg = match car {
        Some(_) => Msg::PickerCarSaved,
        None => Msg::PickerCarTip,
    };
    format!("\n\n*{}*", i18n::text(lang, msg))
}

/// The suggestions for a member's own words (typed to `/triage` or in the describe modal):
/// only guides that fit them; when none does, it says so plainly. The words are shown back, so
/// "None of these — ask a volunteer" can hand them over without asking again.
pub fn suggest(library: &Library, words: &str, region: Region, lang: Lang) -> Screen {
    let guides: Vec<_> = search::rank(library, words, Mode::Words, SUGGESTIONS_MAX)
        .iter()
        .filter(|m| m.fits)
        .filter_map(|m| library.get(&m.guide_id))
        .collect();
    let mut screen = suggestions(library, &guides, region, lang);
    if let Some(quoted) = words_field(words) {
        screen.embed = screen
            .embed
            .field(i18n::text(lang, Msg::YourWords), quoted, false);
    }
    screen
}

/// The member's words as the screen shows them: quoted, so they never pass for ours.
pub fn words_field(words: &str) -> Option<String> {
    let words = words.trim();
    (!words.is_empty()).then(|| fit(&quote(words), FIELD_MAX))
}

/// The member's words shown on `message` (a suggestion screen of ours), if it shows any. The
/// message is the bot's own, echoed back by Discord with the press, so the words need not be
/// kept anywhere before the member chooses to send them to a volunteer. The field's name is
/// looked for in every language: the press may come from a Discord set to another one since.
pub fn words_on(message: &Message) -> Option<String> {
    let names: Vec<_> = Lang::ALL
        .iter()
        .map(|&l| i18n::text(l, Msg::YourWords))
        .collect();
    let field = message
        .embeds
        .iter()
        .flat_map(|e| e.fields.iter())
        .find(|f| names.iter().any(|n| f.name == *n))?;
    let words: Vec<&str> = field
        .value
        .lines()
        .map(|l| {
            l.strip_prefix("> ")
                .or_else(|| l.strip_prefix('>'))
                .unwrap_or(l)
        })
        .collect();
    let words = words.join("\n").trim().to_string();
    (!words.is_empty()).then_some(words)
}

/// The best guides for a member's own words, as buttons, with the picker kept below; or, when
/// none fits, the plain word that none does and the picker (whose "None of these" leads to a
/// person).
fn suggestions(library: &Library, guides: &[&Guide], region: Region, lang: Lang) -> Screen {
    if guides.is_empty() {
        let mut screen = picker(library, None, region, lang);
        screen.embed = CreateEmbed::new()
            .title(i18n::text(lang, Msg::NothingFitsTitle))
            .description(handoff_text::nothing_fits(lang))
            .colour(PICKER_COLOUR);
        return screen;
    }
    let lines: Vec<String> = guides
        .iter()
        .map(|g| format!("**{}**: {}", g.title_in(lang), g.summary_in(lang)))
        .collect();
    let buttons = guides
        .iter()
        .take(SUGGESTIONS_MAX)
        .map(|g| {
            CreateButton::new(
                Action::Start {
                    guide: g.id.clone(),
                }
                .encode(),
            )
            .label(fit(g.title_in(lang), BUTTON_LABEL_MAX))
            .style(ButtonStyle::Primary)
        })
        .collect();
    let mut screen = picker(library, None, region, lang);
    screen.embed = CreateEmbed::new()
        .title(i18n::text(lang, Msg::SuggestTitle))
        .description(lines.join("\n"))
        .colour(PICKER_COLOUR);
    screen.rows.insert(0, CreateActionRow::Buttons(buttons));
    screen
}

/// An open session met again: carry on, or start fresh (`then` names the guide to start).
/// The open guide is named by `guide`'s title in `lang` when the library still has it.
pub fn resume_offer(
    session: SessionId,
    view: &View,
    (then, guide): (Option<&str>, Option<&Guide>),
    lang: Lang,
) -> Screen {
    let title = guide.map_or(view.guide_title.as_str(), |g| g.title_in(lang));
    // "/triage guide:<the same guide>" is a wish to start that guide afresh, not a new one.
    let fresh_label = match then {
        Some(g) if g != view.guide_id => Msg::ResumeNewGuide,
        _ => Msg::NavRestart,
    };
    Screen {
        content: None,
        embed: CreateEmbed::new()
            .title(i18n::text(lang, Msg::ResumeTitle))
            .description(i18n::text_with(
                lang,
                Msg::ResumeBody,
                &[(Arg::Title, title)],
            ))
            .colour(PICKER_COLOUR),
        rows: vec![CreateActionRow::Buttons(vec![
            CreateButton::new(Action::Resume { session }.encode())
                .label(i18n::text(lang, Msg::ResumeContinue))
                .style(ButtonStyle::Primary),
            CreateButton::new(
                Action::Fresh {
                    session,
                    guide: then.map(str::to_string),
                }
                .encode(),
            )
            .label(i18n::text(lang, fresh_label))
            .style(ButtonStyle::Secondary),
        ])],
    }
}

/// The ask-a-volunteer modal: the member's words first, when they have described nothing yet.
pub fn ask_modal(lang: Lang) -> CreateModal {
    let title = i18n::text(lang, Msg::AskModalTitle);
    CreateModal::new(Modal::AskVolunteer.encode(), title).components(vec![
        CreateActionRow::InputText(
            CreateInputText::new(
                InputTextStyle::Paragraph,
                i18n::text(lang, Msg::AskModalLabel),
                input::ASK_WORDS,
            )
            .placeholder(i18n::text(lang, Msg::AskModalExample))
            .min_length(2)
            .max_length(500),
        ),
    ])
}

/// The "describe your problem" modal.
pub fn describe_modal(lang: Lang) -> CreateModal {
    let title = i18n::text(lang, Msg::PickerDescribe);
    CreateModal::new(Modal::Describe.encode(), title).components(vec![CreateActionRow::InputText(
        CreateInputText::new(
            InputTextStyle::Paragraph,
            i18n::text(lang, Msg::PickerTitle),
            input::DESCRIBE,
        )
        .placeholder(i18n::text(lang, Msg::DescribeModalExample))
        .min_length(2)
        .max_length(300),
    )])
}
