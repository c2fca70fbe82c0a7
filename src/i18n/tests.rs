use std::collections::BTreeSet;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

use super::*;

/// The message keys a language's file defines, after checking it parses without an error.
fn keys(lang: Lang) -> BTreeSet<String> {
    let resource = FluentResource::try_new(source(lang).to_string())
        .unwrap_or_else(|(_, e)| panic!("locales/{lang}/pitcrew.ftl does not parse: {e:?}"));
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_language_has_exactly_the_keys_of_english() {
    let en = keys(Lang::En);
    for lang in Lang::ALL {
        let other = keys(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(missing.is_empty(), "locales/{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "locales/{lang} has keys English lacks: {extra:?}"
        );
    }
}

#[test]
fn every_key_in_the_files_is_a_msg_and_every_msg_formats_in_every_language() {
    let named: BTreeSet<String> = Msg::ALL.iter().map(|m| m.key().to_string()).collect();
    assert_eq!(keys(Lang::En), named, "Msg::ALL and locales/en differ");
    for lang in Lang::ALL {
        for &msg in Msg::ALL {
            // Every argument is offered: a message may use any of them, none may lack one.
            let args: Vec<(Arg, &str)> = Arg::ALL.iter().map(|a| (*a, "x")).collect();
            let text = format(lang, msg, &args).unwrap_or_else(|| panic!("{lang}: {msg:?} fails"));
            assert!(!text.trim().is_empty(), "{lang}: {msg:?} is empty");
            assert!(
                !text.contains(['\u{2068}', '\u{2069}']),
                "{lang}: isolation marks in {msg:?}"
            );
        }
    }
}

#[test]
fn german_reads_german_and_english_stays_english() {
    assert_eq!(text(Lang::De, Msg::NavBack), "Zurück");
    assert_eq!(text(Lang::En, Msg::NavBack), "Back");
}

#[test]
fn a_message_over_several_lines_keeps_its_blank_line_and_takes_its_arguments() {
    let said = text_with(
        Lang::De,
        Msg::InTerminal,
        &[
            (Arg::Roadside, "den ADAC"),
            (Arg::Words, "> w"),
            (Arg::InDanger, "!"),
        ],
    );
    assert!(said.contains("Worten:\n> w\n\nHier im Terminal"), "{said}");
    assert!(said.contains("Rufen Sie jetzt den ADAC oder"), "{said}");
    // A message that references another reads it in the same language.
    assert!(text(Lang::De, Msg::NothingFits).contains("**Nichts davon — Helfer fragen**"));
}

/// `text` lends each message from a table built once; every entry must be the message it
/// is looked up as, in every language (an index off by one would lend a neighbour's words).
#[test]
fn the_lent_words_are_each_messages_own() {
    for lang in Lang::ALL {
        for &msg in Msg::ALL {
            assert_eq!(
                text(lang, msg),
                super::formatted(lang, msg),
                "{msg:?} in {lang:?}"
            );
        }
    }
}
