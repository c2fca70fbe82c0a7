//! Masking what identifies a person or a car in what a member types: vehicle identification
//! numbers, phone numbers and licence plates. The volunteers' card and the log show the masked
//! text; the member keeps seeing their own words.
//!
//! Why patterns and not a list of "sensitive" fields: a stranded member writes all of it into
//! one free-text box ("silver MINI, plate AB12 CDE, call me on 07700 900123"). Masking errs on
//! the side of hiding: a volunteer who needs the plate asks for it in the private thread,
//! where the member chooses to give it.
//!
//! The patterns run in linear time (the `regex` crate has no backtracking), so nothing a
//! member types can make them slow.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::Region;

/// What a masked part reads as.
pub const MASK: &str = "[removed]";

/// `text` with every VIN, phone number and licence plate (in the formats of `region` and of
/// the European formats that cannot be mistaken for words) replaced by [`MASK`].
pub fn redact(text: &str, region: Region) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    for pattern in patterns() {
        if !pattern.applies(region) {
            continue;
        }
        let replaced = pattern.re.replace_all(&out, |c: &Captures| {
            let found = c.get(0).map_or("", |m| m.as_str());
            if (pattern.keep)(found) {
                found.to_string()
            } else {
                MASK.to_string()
            }
        });
        if let Cow::Owned(s) = replaced {
            out = Cow::Owned(s);
        }
    }
    out
}

/// One kind of identifier and where its format is used.
struct Pattern {
    re: Regex,
    /// Regions whose plates look like this; empty: every region.
    regions: &'static [Region],
    /// A match that is not one after all (a date, a word without digits).
    keep: fn(&str) -> bool,
}

impl Pattern {
    fn applies(&self, region: Region) -> bool {
        self.regions.is_empty() || self.regions.contains(&region)
    }
}

fn never(_: &str) -> bool {
    false
}

/// A VIN mixes letters and digits; seventeen letters alone are a (long) word.
fn not_a_vin(found: &str) -> bool {
    !(found.bytes().any(|b| b.is_ascii_digit()) && found.bytes().any(|b| b.is_ascii_alphabetic()))
}

/// A phone number has 7 to 15 digits (E.164's most). Fewer is an emergency number, a year, a
/// mileage; a date (`2024-05-01`) or a time span has digits enough but not the shape: only
/// numbers written with a leading `+` or `0`, ten digits or more, or seven or more in one
/// unbroken run are taken for phone numbers.
fn not_a_phone(found: &str) -> bool {
    let digits = found.bytes().filter(u8::is_ascii_digit).count();
    if !(7..=15).contains(&digits) || is_a_date(found) {
        return true;
    }
    let first = found.trim_start_matches('(').chars().next();
    let unbroken = found.bytes().all(|b| b.is_ascii_digit());
    !(matches!(first, Some('+' | '0')) || digits >= 10 || unbroken)
}

/// "2019 BMW": a year before a make, not a Spanish plate.
fn starts_with_a_year(found: &str) -> bool {
    found.starts_with("19") || found.starts_with("20")
}

/// A date (`01.05.2024`, `2024-05-01`, `1/5/24`): three groups of digits as dates are written.
fn is_a_date(found: &str) -> bool {
    let parts: Vec<&str> = found.split(['.', '-', '/']).collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && matches!(lens.as_slice(), [1..=2, 1..=2, 2 | 4] | [4, 1..=2, 1..=2])
}

/// A plate in the free-form formats (North America, Australia, New Zealand) has at least two
/// digits and a letter; that keeps model names (`E46`, `R56`, `X5`) and words out.
fn not_a_free_plate(found: &str) -> bool {
    let digits = found.bytes().filter(u8::is_ascii_digit).count();
    let letters = found.bytes().filter(u8::is_ascii_alphabetic).count();
    digits < 2 || letters < 1
}

const NORTH_AMERICA_AND_OCEANIA: &[Region] = &[
    Region::Us,
    Region::Ca,
    Region::Au,
    Region::Nz,
    Region::Other,
];

/// A pattern as written: the expression, its regions, and what it keeps.
type Row = (&'static str, &'static [Region], fn(&str) -> bool);

fn patterns() -> &'static [Pattern] {
    static PATTERNS: OnceLock<Vec<Pattern>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // Each pattern is a literal checked by the table test; one that failed to compile
        // would be a bug caught there, so it is left out rather than taking the bot down.
        let table: [Row; 10] = [
            // VIN: 17 characters of A-Z and 0-9 without I, O and Q (ISO 3779).
            (r"(?i)\b[A-HJ-NPR-Z0-9]{17}\b", &[], not_a_vin),
            // Phone numbers: digits with the separators people write them with.
            (r"(?:\+|\(|\b)\d[\d\s().\-/]{5,20}\d\b", &[], not_a_phone),
            // United Kingdom since 2001: AB12 CDE.
            (r"(?i)\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b", &[], never),
            // Germany, Austria, Switzerland: M-AB 1234, M AB 1234E (district, letters,
            // number); without the hyphen only with the space before the number, so a model
            // such as "BMW X5" is not one.
            (
                r"\b[A-ZÄÖÜ]{1,3}(?:-[A-Z]{1,2}\s?|\s[A-Z]{1,2}\s)[1-9]\d{0,3}[EH]?\b",
                &[],
                never,
            ),
            // Netherlands and Belgium: 12-ABC-3, AB-123-C, 1-ABC-123 (three groups, hyphens).
            (
                r"(?i)\b[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}\b",
                &[],
                not_a_free_plate,
            ),
            // France and Italy: AB-123-CD, AB 123 CD, AB123CD (written in capitals; in
            // lower case "at 120 km" would read as one).
            (r"\b[A-Z]{2}[\s-]?\d{3}[\s-]?[A-Z]{2}\b", &[], never),
            // Ireland: 12-D-12345, 191-KY-123.
            (r"(?i)\b\d{2,3}-[A-Z]{1,2}-\d{1,6}\b", &[], never),
            // Spain since 2000: 1234 BCD (consonants only), in Spain's servers: elsewhere
            // "2019 BMW" is a car, not a plate.
            (
                r"\b\d{4}[\s-]?[BCDFGHJKLMNPRSTVWXYZ]{3}\b",
                &[Region::Es],
                starts_with_a_year,
            ),
            // Free-form plates: 7ABC123, ABC-1234, ABC 123.
            (
                r"(?i)\b[A-Z0-9]{1,4}[\s-]?[A-Z0-9]{2,4}\b",
                NORTH_AMERICA_AND_OCEANIA,
                not_a_free_plate_or_word,
            ),
            // Switzerland: ZH 123456 (canton and up to six digits).
            (r"\b[A-Z]{2}\s\d{1,6}\b", &[Region::Ch], never),
        ];
        table
            .into_iter()
            .filter_map(|(re, regions, keep)| {
                Regex::new(re).ok().map(|re| Pattern { re, regions, keep })
            })
            .collect()
    })
}

/// The free-form plate pattern also matches ordinary words and numbers next to each other
/// ("E46 330i", "2019 MINI"): a plate is 5 to 8 characters without the separator, has two
/// digits and a letter, and is not a model written as letters then digits then letters of
/// trim (`330i`, `M340i`) nor a year beside a word.
fn not_a_free_plate_or_word(found: &str) -> bool {
    let compact: String = found
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if !(5..=8).contains(&compact.len()) || not_a_free_plate(&compact) {
        return true;
    }
    // Two words each of which reads as a car model, a year or a word on its own.
    let parts: Vec<&str> = found.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    if parts.len() == 2 && parts.iter().all(|p| reads_as_word_or_model(p)) {
        return true;
    }
    parts.len() == 1 && found.chars().any(|c| c.is_ascii_lowercase()) && reads_as_model(found)
}

/// A year, a word without digits, or a model code (`E46`, `330i`, `R56`).
fn reads_as_word_or_model(part: &str) -> bool {
    let digits = part.bytes().filter(u8::is_ascii_digit).count();
    let is_year =
        part.len() == 4 && digits == 4 && (part.starts_with("19") || part.starts_with("20"));
    digits == 0 || is_year || reads_as_model(part)
}

/// Letters, then digits, then at most two lowercase letters: how makers name models and
/// engines (`E46`, `330i`, `M340i`, `F56`), which plates are not written as.
fn reads_as_model(part: &str) -> bool {
    let rest = part.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let lead = part.len() - rest.len();
    let tail = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = rest.len() - tail.len();
    lead <= 1
        && (1..=3).contains(&digits)
        && tail.len() <= 2
        && tail.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
#[path = "redact_tests.rs"]
mod tests;
