//! Region-dependent words in guide text: only known placeholders, and no emergency number
//! written out (each is right in one country and wrong, even dangerous, in the others).

use std::ops::Range;

use toml::Spanned;

use super::hints::closest;
use super::report::Report;
use super::Rule;
use crate::region::{literal_numbers, placeholders, Placeholder};

/// Checks one text or label. Positions are found in the file's own bytes within the value's
/// span: placeholders and digits are never escaped, so they appear there verbatim, and the
/// problem points at the very line a moderator has to change.
pub(super) fn check_region_words(r: &mut Report, what: &str, value: &Spanned<String>) {
    let span = value.span();
    let raw = r.src.text.get(span.clone()).unwrap_or_default().to_string();
    let known: Vec<&str> = Placeholder::ALL.iter().map(|p| p.name()).collect();
    for (at, name) in placeholders(&raw) {
        if Placeholder::parse(name).is_some() {
            continue;
        }
        let fix = match closest(name, &known) {
            Some(near) => format!(
                "did you mean `{{{near}}}`? Known placeholders: {}",
                list(&known)
            ),
            None => format!(
                "use one of {}, or write the words out without braces",
                list(&known)
            ),
        };
        r.at(
            at_offset(&span, at),
            Rule::UnknownPlaceholder,
            format!("{what} uses `{{{name}}}`, which is not a placeholder pitcrew fills"),
            fix,
        );
    }
    for (at, number) in literal_numbers(&raw) {
        r.at(
            at_offset(&span, at),
            Rule::LiteralNumber,
            format!(
                "{what} writes the emergency number {number}, which is wrong for members in \
                 other countries"
            ),
            "write `{emergency}` instead (it becomes the number of the server's or member's \
             region); for the police use `{police_non_emergency}`",
        );
    }
}

fn at_offset(span: &Range<usize>, at: usize) -> Range<usize> {
    let start = span.start + at;
    start..start
}

fn list(known: &[&str]) -> String {
    known
        .iter()
        .map(|k| format!("`{{{k}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
