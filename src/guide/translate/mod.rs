//! Translations of a guide: what `NAME.LANG.toml` beside a guide holds, checked and ready to
//! look up. The guide file keeps the structure (ids, choices, targets, outcomes); a
//! translation only replaces words, so an edit to the guide can never be undone or forked by
//! a translation.
//!
//! Every translated text keeps a short hash of the source text it translates
//! ([`SourceHash`]); `check` compares it with the guide to find stale translations, and
//! `pitcrew translate --stamp` writes the current hashes after a review. Looking up a text
//! falls back to the guide's own words, text by text, so a member never sees a blank.

pub mod raw;

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::guide::Lang;

/// Hex digits kept of the SHA-256 of a source text: 32 bits is plenty to notice an edit to
/// one text, and short enough that a reviewer can compare two by eye.
const SOURCE_HASH_HEX_LEN: usize = 8;

/// A short hash of the (trimmed) source text a translation was made from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceHash(pub String);

impl SourceHash {
    /// The hash of `text` as the guide shows it: trimmed, like the loader trims text, so a
    /// re-indented `"""` block does not make every translation stale.
    pub fn of(text: &str) -> SourceHash {
        let digest = Sha256::digest(text.trim().as_bytes());
        let mut hex = String::with_capacity(SOURCE_HASH_HEX_LEN);
        for byte in digest.iter().take(SOURCE_HASH_HEX_LEN / 2) {
            hex.push_str(&format!("{byte:02x}"));
        }
        SourceHash(hex)
    }
}

impl fmt::Display for SourceHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The translated words of one node: its text and the labels of the choices translated,
/// keyed by the choice's position in the guide (the checker resolved `goto`s to positions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeWords {
    pub text: Option<String>,
    pub labels: HashMap<usize, String>,
}

/// A checked translation of one guide into one language. Stale entries are kept: a German
/// reader is better served by German that lags one edit behind than by English (`check`
/// warns about them so a translator catches up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub lang: Lang,
    /// The translation file, for messages.
    pub file: PathBuf,
    pub title: Option<String>,
    pub summary: Option<String>,
    nodes: HashMap<String, NodeWords>,
}

impl Translation {
    pub fn new(
        lang: Lang,
        file: PathBuf,
        title: Option<String>,
        summary: Option<String>,
        nodes: HashMap<String, NodeWords>,
    ) -> Translation {
        Translation {
            lang,
            file,
            title,
            summary,
            nodes,
        }
    }

    /// The translated text of node `id`, if there is one.
    pub fn text(&self, node: &str) -> Option<&str> {
        self.nodes.get(node)?.text.as_deref()
    }

    /// The translated label of choice `index` of node `id`, if there is one.
    pub fn label(&self, node: &str, index: usize) -> Option<&str> {
        self.nodes.get(node)?.labels.get(&index).map(String::as_str)
    }
}

/// The file name of `guide_stem`'s translation into `lang`: `bmw-keys-locked.de.toml`.
pub fn file_name(guide_stem: &str, lang: Lang) -> String {
    format!("{guide_stem}.{}.toml", lang.tag())
}

/// The language tag of a translation's file name, if the name has the shape
/// `NAME.TAG.toml` with a tag of two or three ASCII letters. The tag is returned as written,
/// so a tag pitcrew does not speak (`fr`) is reported instead of taken for a guide.
pub fn tag_of_file_name(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    if !lower.ends_with(".toml") {
        return None;
    }
    let stem = &name[..name.len() - ".toml".len()];
    let (base, tag) = stem.rsplit_once('.')?;
    let shaped = (2..=3).contains(&tag.len()) && tag.chars().all(|c| c.is_ascii_alphabetic());
    (shaped && !base.is_empty()).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_hash_is_short_stable_and_ignores_surrounding_space() {
        let h = SourceHash::of("Are you safe?");
        assert_eq!(h.0.len(), SOURCE_HASH_HEX_LEN);
        assert_eq!(h, SourceHash::of("\n  Are you safe?\n"));
        assert_ne!(h, SourceHash::of("Are you safe now?"));
    }

    #[test]
    fn translation_file_names() {
        assert_eq!(tag_of_file_name("bmw-keys-locked.de.toml"), Some("de"));
        assert_eq!(tag_of_file_name("x.fr.TOML"), Some("fr"));
        assert_eq!(tag_of_file_name("bmw-keys-locked.toml"), None);
        assert_eq!(tag_of_file_name("v1.2.toml"), None);
        assert_eq!(tag_of_file_name(".de.toml"), None);
        assert_eq!(file_name("g", Lang::De), "g.de.toml");
    }
}
