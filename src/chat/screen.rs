//! What the terminal shows and how it reads a line: a step drawn as text, the guide lists,
//! the keys, all in the chat's language from Fluent; no input or output of its own.

use crate::domain::Region;
use crate::guide::{Guide, Lang};
use crate::i18n::{self, Arg, Msg};
use crate::triage::localize::{nav_label, notice_text};
use crate::triage::{Input, Nav, View};

/// `msg` in `lang`.
pub(super) fn say(lang: Lang, msg: Msg) -> String {
    i18n::text(lang, msg).into_owned()
}

/// `msg` in `lang` with one value put in.
pub(super) fn say_with(lang: Lang, msg: Msg, arg: Arg, value: &str) -> String {
    i18n::text_with(lang, msg, &[(arg, value)])
}

/// A step as the terminal shows it: `view` already in `lang` and read in `region`.
pub(super) fn step(view: &View, region: Region, lang: Lang) -> String {
    let mut s = String::new();
    s.push('\n');
    if view.flags.emergency {
        s.push_str(&say(lang, Msg::ChatEmergency));
        s.push('\n');
        s.push_str(&plain(&region.banner_in(lang.into())));
        s.push('\n');
    }
    s.push_str(&format!("── {} ──\n", view.guide_title));
    if let Some(notice) = view.notice {
        s.push_str(&format!("({})\n", notice_text(notice, lang)));
    }
    s.push_str(&plain(&view.text));
    s.push('\n');
    if view.flags.escalated || view.flags.emergency {
        s.push_str(&format!("\n{}\n", say(lang, Msg::ChatEscalated)));
    }
    if !view.choices.is_empty() {
        s.push('\n');
        // Numbered as shown: a choice hidden for the member's car leaves no gap.
        for (n, c) in view.choices.iter().enumerate() {
            s.push_str(&format!("  {}. {}\n", n + 1, c.label));
        }
    }
    s.push_str(&format!("\n  {}\n", keys_line(view, lang)));
    s
}

/// One guide in a list, numbered from 1, with its id when `with_id` (to run it by name).
pub(super) fn guide_line(n: usize, g: &Guide, lang: Lang, with_id: bool) -> String {
    let line = format!("  {}. {} — {}", n + 1, g.title_in(lang), g.summary_in(lang));
    if with_id {
        format!("{line} ({})", g.id)
    } else {
        line
    }
}

pub(super) enum Parsed {
    Input(Input),
    Quit,
    Invalid,
}

pub(super) fn parse_input(line: &str, view: &View) -> Parsed {
    let nav = |n: Nav| {
        if view.offers(n) {
            Parsed::Input(Input::from_nav(n))
        } else {
            Parsed::Invalid
        }
    };
    match line.to_lowercase().as_str() {
        "q" | "quit" => Parsed::Quit,
        "b" => nav(Nav::Back),
        "r" => nav(Nav::Restart),
        "h" => nav(Nav::Volunteer),
        other => match other.parse::<usize>() {
            // The number shown, back to the choice's place in the node.
            Ok(n) => match n.checked_sub(1).and_then(|i| view.choices.get(i)) {
                Some(c) => Parsed::Input(Input::Choose(c.index)),
                None => Parsed::Invalid,
            },
            Err(_) => Parsed::Invalid,
        },
    }
}

/// The resume question's answer: `Some(true)` to continue, `Some(false)` to start over. The
/// keys of every language the chat speaks are taken, whichever it speaks now.
pub(super) fn yes_or_no(line: &str) -> Option<bool> {
    match line.to_lowercase().as_str() {
        "y" | "yes" | "j" | "ja" | "" => Some(true),
        "n" | "no" | "nein" => Some(false),
        _ => None,
    }
}

fn nav_key(nav: Nav) -> &'static str {
    match nav {
        Nav::Back => "b",
        Nav::Restart => "r",
        Nav::Volunteer => "h",
    }
}

fn keys_line(view: &View, lang: Lang) -> String {
    let mut parts: Vec<String> = view
        .nav
        .iter()
        .map(|&n| format!("{} {}", nav_key(n), nav_label(n, lang)))
        .collect();
    parts.push(format!("q {}", say(lang, Msg::ChatQuit)));
    parts.join("   ")
}

/// What may be typed on this step, for "Please type …".
pub(super) fn keys_hint(view: &View, lang: Lang) -> String {
    let mut keys = Vec::new();
    if !view.choices.is_empty() {
        let max = view.choices.len().to_string();
        keys.push(say_with(lang, Msg::ChatANumber, Arg::Max, &max));
    }
    keys.extend(view.nav.iter().map(|&n| nav_key(n).to_string()));
    keys.push("q".into());
    let keys = keys.join(", ");
    say_with(lang, Msg::ChatTypeKeys, Arg::Words, &keys)
}

/// Discord markdown made readable in a terminal: emphasis markers dropped, bullets kept.
fn plain(text: &str) -> String {
    text.replace("**", "").replace("__", "")
}
