//! A translation file as written, before any checking; positions kept for every problem.

use serde::Deserialize;
use toml::Spanned;

/// One `NAME.LANG.toml` file. The language comes from the file name, the guide from `guide`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    /// The id of the guide this translates.
    pub guide: Spanned<String>,
    #[serde(default)]
    pub title: Option<Spanned<RawText>>,
    #[serde(default)]
    pub summary: Option<Spanned<RawText>>,
    #[serde(rename = "node", default)]
    pub nodes: Vec<Spanned<RawNodeWords>>,
}

/// A translated title or summary: `{ text = "…", source = "1a2b3c4d" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub text: Spanned<String>,
    pub source: Spanned<String>,
}

/// One node's words. Keyed by the node's `id`, like `[[node]]` in the guide itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNodeWords {
    pub id: Spanned<String>,
    pub source: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub choices: Vec<Spanned<RawChoiceWords>>,
}

/// One choice's label, keyed by its `goto`. When two choices of a node go to the same node,
/// the first translation with that `goto` is the first such choice, and so on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoiceWords {
    pub goto: Spanned<String>,
    pub source: Spanned<String>,
    pub label: Spanned<String>,
}
