//! Placeholders in guide text (`{emergency}`, `{police_non_emergency}`, `{roadside}`), filled
//! from a region when a screen is drawn, and the literal numbers `check` refuses in their
//! place: a guide written once reads right in every country.

use super::{Region, Speech};

/// A word in braces that guide text may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// What to call in an emergency: `999 (or 112)`, `911`, or the numbers side by side.
    Emergency,
    /// The police for what is not an emergency.
    PoliceNonEmergency,
    /// Who helps with a broken-down car.
    Roadside,
}

impl Placeholder {
    pub const ALL: [Placeholder; 3] = [
        Placeholder::Emergency,
        Placeholder::PoliceNonEmergency,
        Placeholder::Roadside,
    ];

    /// The word written between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Emergency => "emergency",
            Placeholder::PoliceNonEmergency => "police_non_emergency",
            Placeholder::Roadside => "roadside",
        }
    }

    pub fn parse(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.name() == name)
    }

    /// What it reads as in `region`, in English.
    pub fn value(self, region: Region) -> String {
        self.value_in(region, Speech::En)
    }

    /// What it reads as in `region`, said in `speech` (the numbers are the same in every
    /// language; the words around them are not).
    pub fn value_in(self, region: Region, speech: Speech) -> String {
        match self {
            Placeholder::Emergency => region.emergency_in(speech),
            Placeholder::PoliceNonEmergency => region.police_non_emergency_in(speech),
            Placeholder::Roadside => region.roadside_in(speech).to_string(),
        }
    }
}

/// Every `{word}` in `text` (a word of `a-z`, `0-9` and `_`), known or not, with the byte
/// offset of its `{`. Other braces are ordinary text.
pub fn placeholders(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('{').map(|i| rest + i) {
        let after = &text[open + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if len > 0 && after[len..].starts_with('}') {
            found.push((open, &after[..len]));
            rest = open + 1 + len + 1;
        } else {
            rest = open + 1;
        }
    }
    found
}

/// `text` with every known placeholder replaced by its value in `region`; anything else is
/// kept as written (`check` refuses unknown placeholders before a guide can be loaded).
pub fn fill(text: &str, region: Region) -> String {
    fill_in(text, region, Speech::En)
}

/// [`fill`] with the words around the numbers in `speech`.
pub fn fill_in(text: &str, region: Region, speech: Speech) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, name) in placeholders(text) {
        if let Some(p) = Placeholder::parse(name) {
            out.push_str(&text[copied..at]);
            out.push_str(&p.value_in(region, speech));
            copied = at + name.len() + 2;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The emergency numbers a guide must not write out: each is right in one country and wrong
/// in the others.
pub const LITERAL_NUMBERS: [&str; 5] = ["911", "999", "112", "000", "111"];

/// Each of [`LITERAL_NUMBERS`] written as a whole number in `text`, with its byte offset.
/// "2000", "1,000", "112.5" and "E112" are other numbers or names, not these.
pub fn literal_numbers(text: &str) -> Vec<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // A run of digits joined by `.` or `,` between digits, or touching a letter, is one token.
    let joined = |sep: Option<&u8>, other: bool| matches!(sep, Some(b'.' | b',')) && other;
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while digit(i) {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let touches_before = before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            || joined(before.as_ref(), start >= 2 && digit(start - 2));
        let after = bytes.get(i);
        let touches_after = after.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            || joined(after, digit(i + 1));
        if touches_before || touches_after {
            continue;
        }
        if let Some(n) = LITERAL_NUMBERS.into_iter().find(|n| *n == &text[start..i]) {
            found.push((start, n));
        }
    }
    found
}
