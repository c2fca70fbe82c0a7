//! The screens around a guide: the picker, suggestions for a description, the resume offer.
//! Step screens themselves are drawn by `render`.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateButton, CreateEmbed, CreateInputText, CreateModal,
    CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, InputTextStyle,
};

use super::ids::{input, Action, Modal};
use super::render::{fit, Screen, BUTTON_LABEL_MAX};
use crate::domain::{Car, SessionId};
use crate::guide::search::{self, Mode};
use crate::guide::{Guide, Library};
use crate::triage::View;

const SELECT_OPTIONS_MAX: usize = 25;
const OPTION_TEXT_MAX: usize = 100;
/// Suggestions after a description: one row of buttons.
const SUGGESTIONS_MAX: usize = 5;
const PICKER_COLOUR: u32 = 0x3b82f6;

/// "What happened?": a menu of guides and a button to describe the problem instead.
pub fn picker(library: &Library, lead: Option<&str>) -> Screen {
    picker_for(library, lead, None)
}

/// The picker for a member whose car is `car`: guides for it first, and a word on `/car`.
pub fn picker_for(library: &Library, lead: Option<&str>, car: Option<&Car>) -> Screen {
    let mut guides: Vec<&Guide> = library.iter().collect();
    search::fitting_first(&mut guides, car);
    let options: Vec<CreateSelectMenuOption> = guides
        .into_iter()
        .take(SELECT_OPTIONS_MAX)
        .map(|g| {
            CreateSelectMenuOption::new(fit(&g.title, OPTION_TEXT_MAX), g.id.clone())
                .description(fit(&g.summary, OPTION_TEXT_MAX))
        })
        .collect();
    let mut text = String::new();
    if let Some(lead) = lead {
        text.push_str(lead);
        text.push_str("\n\n");
    }
    text.push_str(
        "If anyone is in danger, call **911** (or your local emergency number) first.\n\n\
         Pick what happened, or describe it in your own words.",
    );
    text.push_str(car_line(car));
    let mut rows = Vec::new();
    if !options.is_empty() {
        rows.push(CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                Action::Pick.encode(),
                CreateSelectMenuKind::String { options },
            )
            .placeholder("Choose what happened"),
        ));
    }
    rows.push(CreateActionRow::Buttons(vec![CreateButton::new(
        Action::Describe.encode(),
    )
    .label("Describe your problem")
    .style(ButtonStyle::Primary)]));
    Screen {
        content: None,
        embed: CreateEmbed::new()
            .title("What happened?")
            .description(text)
            .colour(PICKER_COLOUR),
        rows,
    }
}

/// Lightly, under the picker: what `/car` does, or that it is in use.
fn car_line(car: Option<&Car>) -> &'static str {
    match car {
        Some(_) => "\n\n*Guides for your saved car come first. `/car show` to check it.*",
        None => "\n\n*Tip: `/car set` tells pitcrew your car once, so guides skip what it already answers.*",
    }
}

/// The suggestions for a member's own words (typed to `/triage` or in the describe modal).
pub fn suggest(library: &Library, words: &str) -> Screen {
    let guides: Vec<_> = search::rank(library, words, Mode::Words, SUGGESTIONS_MAX)
        .iter()
        .filter_map(|m| library.get(&m.guide_id))
        .collect();
    suggestions(library, &guides)
}

/// The best guides for a member's own words, as buttons, with the picker kept below.
fn suggestions(library: &Library, guides: &[&Guide]) -> Screen {
    if guides.is_empty() {
        return picker(
            library,
            Some("No guide matched those words. Pick the closest one below."),
        );
    }
    let lines: Vec<String> = guides
        .iter()
        .map(|g| format!("**{}**: {}", g.title, g.summary))
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
            .label(fit(&g.title, BUTTON_LABEL_MAX))
            .style(ButtonStyle::Primary)
        })
        .collect();
    let mut screen = picker(library, None);
    screen.embed = CreateEmbed::new()
        .title("These guides fit best")
        .description(lines.join("\n"))
        .colour(PICKER_COLOUR);
    screen.rows.insert(0, CreateActionRow::Buttons(buttons));
    screen
}

/// An open session met again: carry on, or start fresh (`then` names the guide to start).
pub fn resume_offer(session: SessionId, view: &View, then: Option<&str>) -> Screen {
    // "/triage guide:<the same guide>" is a wish to start that guide afresh, not a new one.
    let fresh_label = match then {
        Some(g) if g != view.guide_id => "Start the new guide",
        _ => "Start over",
    };
    Screen {
        content: None,
        embed: CreateEmbed::new()
            .title("You have a guide in progress")
            .description(format!(
                "**{}** is still open. Carry on where you left off, or start fresh.",
                view.guide_title
            ))
            .colour(PICKER_COLOUR),
        rows: vec![CreateActionRow::Buttons(vec![
            CreateButton::new(Action::Resume { session }.encode())
                .label("Resume")
                .style(ButtonStyle::Primary),
            CreateButton::new(
                Action::Fresh {
                    session,
                    guide: then.map(str::to_string),
                }
                .encode(),
            )
            .label(fresh_label)
            .style(ButtonStyle::Secondary),
        ])],
    }
}

/// The "describe your problem" modal.
pub fn describe_modal() -> CreateModal {
    CreateModal::new(Modal::Describe.encode(), "Describe your problem").components(vec![
        CreateActionRow::InputText(
            CreateInputText::new(InputTextStyle::Paragraph, "What happened?", input::DESCRIBE)
                .placeholder("e.g. my keys are locked in the boot")
                .min_length(2)
                .max_length(300),
        ),
    ])
}
