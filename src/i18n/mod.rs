//! The bot's own words (buttons, command descriptions, notices) per language, from Fluent
//! files embedded in the binary (`locales/LANG/pitcrew.ftl`). Guides are not here: their
//! translations sit beside them in `content/` (see `guide::translate`).
//!
//! [`Msg`] names every message, so a caller cannot ask for a key that does not exist; the
//! tests hold every language to exactly the keys of English and format every message. At run
//! time nothing here panics: a message missing or broken in one language falls back to
//! English, and in English to its key, which a test makes impossible to ship.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::guide::Lang;

mod msg;

pub use msg::Msg;

/// A value a message puts into its words (a number, the member's own text), by its Fluent
/// variable name: a caller names it from this list, never by a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arg {
    /// What to call in an emergency, as said after "call" (`999 (or 112)`).
    Emergency,
    /// The whole "If anyone is in danger, call … now." sentence.
    InDanger,
    /// Who helps at the roadside in the reader's region, in the reader's language.
    Roadside,
    /// A guide's title.
    Title,
    /// Where the member's private thread is (a channel mention, or words for it).
    Place,
    /// The member's car, already shown in a code span.
    Car,
    /// Why something was refused.
    Error,
    /// The member's own words, already quoted.
    Words,
    /// The member, as a mention (`<@1>`).
    Member,
    /// A volunteer, as a mention (`<@2>`).
    Volunteer,
    /// A count (a reminder's number).
    Number,
    /// The most there will be of a count (the last reminder's number).
    Max,
    /// A language, named as the message's reader would name it (`German (Deutsch)`).
    Language,
    /// A role, as a mention (`<@&3>`).
    Role,
    /// A region, by its name.
    Region,
}

impl Arg {
    pub const ALL: [Arg; 15] = [
        Arg::Emergency,
        Arg::InDanger,
        Arg::Roadside,
        Arg::Title,
        Arg::Place,
        Arg::Car,
        Arg::Error,
        Arg::Words,
        Arg::Member,
        Arg::Volunteer,
        Arg::Number,
        Arg::Max,
        Arg::Language,
        Arg::Role,
        Arg::Region,
    ];

    /// The variable's name in the `.ftl` files (`{ $emergency }`).
    pub fn name(self) -> &'static str {
        match self {
            Arg::Emergency => "emergency",
            Arg::InDanger => "in_danger",
            Arg::Roadside => "roadside",
            Arg::Title => "title",
            Arg::Place => "place",
            Arg::Car => "car",
            Arg::Error => "error",
            Arg::Words => "words",
            Arg::Member => "member",
            Arg::Volunteer => "volunteer",
            Arg::Number => "number",
            Arg::Max => "max",
            Arg::Language => "language",
            Arg::Role => "role",
            Arg::Region => "region",
        }
    }
}

/// The Fluent source of `lang`, embedded at build time.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en/pitcrew.ftl"),
        Lang::De => include_str!("../../locales/de/pitcrew.ftl"),
    }
}

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, built on first use.
fn bundles() -> &'static [(Lang, Bundle)] {
    static BUNDLES: OnceLock<Vec<(Lang, Bundle)>> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.into_iter().map(|l| (l, bundle(l))).collect())
}

/// A bundle for `lang`. A resource with syntax errors keeps the messages Fluent could read
/// (the tests refuse such a file before it ships).
fn bundle(lang: Lang) -> Bundle {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around arguments show as stray boxes in Discord.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(source(lang).to_string()) {
        Ok(r) => r,
        Err((r, _errors)) => r,
    };
    // Only a duplicate key can fail here, and the first definition is then kept.
    let _ = bundle.add_resource(resource);
    bundle
}

fn format(lang: Lang, msg: Msg, args: &[(Arg, &str)]) -> Option<String> {
    let (_, bundle) = bundles().iter().find(|(l, _)| *l == lang)?;
    let pattern = bundle.get_message(msg.key())?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (arg, value) in args {
        fluent_args.set(arg.name(), *value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// `msg` in `lang`; English when `lang` lacks it, the key when English does too.
///
/// Every screen draws several of these (buttons, titles, notices), so each is formatted once
/// per language on first use and lent out after: a press then costs no Fluent formatting and
/// no allocation for the bot's fixed words.
pub fn text(lang: Lang, msg: Msg) -> Cow<'static, str> {
    static TEXTS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|l| Msg::ALL.iter().map(|&m| formatted(l, m)).collect())
            .collect()
    });
    // `Lang::ALL` and `Msg::ALL` list every variant in declaration order, so both indexes
    // are in range; the fallback only guards a list that a future edit lets drift.
    match Lang::ALL.iter().position(|&l| l == lang) {
        Some(l) => texts
            .get(l)
            .and_then(|msgs| msgs.get(msg as usize))
            .map_or_else(
                || Cow::Owned(formatted(lang, msg)),
                |t| Cow::Borrowed(t.as_str()),
            ),
        None => Cow::Owned(formatted(lang, msg)),
    }
}

/// What [`text`] lends: `msg` formatted without arguments, with its fallbacks.
fn formatted(lang: Lang, msg: Msg) -> String {
    format(lang, msg, &[])
        .or_else(|| format(Lang::En, msg, &[]))
        .unwrap_or_else(|| msg.key().to_string())
}

/// `msg` in `lang` with `args` put into it; the same fallbacks as [`text`] (a message that
/// lacks one of its arguments counts as broken).
pub fn text_with(lang: Lang, msg: Msg, args: &[(Arg, &str)]) -> String {
    format(lang, msg, args)
        .or_else(|| format(Lang::En, msg, args))
        .unwrap_or_else(|| msg.key().to_string())
}

#[cfg(test)]
mod tests;
