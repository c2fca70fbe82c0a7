//! Region-dependent words in guide text: only known placeholders, and no emergency number
//! written out (each is right in one country and wrong, even dangerous, in the others).

use std::ops::Range;

use toml::Spanned;

use super::hints::closest;
use super::report::Report;
use super::Rule;
use crate::region::{fill, literal_numbers, placeholders, Placeholder, Region};

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

/// A text or label that fits as written but not once its placeholders are filled in: the
/// numbers side by side (an unknown region) are the longest, and a label cut short there
/// would cut the very numbers a member needs. Over-long as written is reported elsewhere.
pub(super) fn check_filled_length(
    r: &mut Report,
    what: &str,
    value: &Spanned<String>,
    max: usize,
    rule: Rule,
) {
    let text = value.get_ref().trim();
    if text.chars().count() > max || placeholders(text).is_empty() {
        return;
    }
    let longest = Region::ALL
        .into_iter()
        .map(|region| fill(text, region).chars().count())
        .max()
        .unwrap_or(0);
    if longest > max {
        r.at(
            value.span(),
            rule,
            format!(
                "{what} is {longest} characters once its placeholders are filled in for some \
                 regions (the longest: {}); at most {max} fit",
                longest_region(text).name()
            ),
            "shorten it, or move the placeholder into the node's text, which has room",
        );
    }
}

/// The region whose words make `text` longest.
fn longest_region(text: &str) -> Region {
    Region::ALL
        .into_iter()
        .max_by_key(|region| fill(text, *region).chars().count())
        .unwrap_or(Region::Other)
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
