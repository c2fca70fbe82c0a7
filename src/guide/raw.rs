//! The guide file as written by moderators (TOML), before any checking. Positions are kept
//! (`Spanned`) so every problem the checker finds can name its file, line and column.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::{AppliesTo, Outcome};

/// One guide file. `deny_unknown_fields` turns a typo such as `sumary` into a located error
/// instead of a silently missing summary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuide {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub summary: Spanned<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub synonyms: Vec<String>,
    #[serde(default)]
    pub applies_to: Option<AppliesTo>,
    pub start: Spanned<String>,
    /// The escalate node for "Talk to a volunteer"; defaults to the first `escalate` node.
    #[serde(default)]
    pub volunteer: Option<Spanned<String>>,
    #[serde(rename = "node", default)]
    pub nodes: Vec<Spanned<RawNode>>,
    /// Where the guide's facts come from, so a moderator can check each one.
    #[serde(rename = "source", default)]
    pub sources: Vec<Spanned<RawSource>>,
}

/// One `[[source]]`: a public document the guide's facts come from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Spanned<String>,
    /// A web address, when the source has one.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// Who published it (a motoring club, a manufacturer's handbook), for sources on paper.
    #[serde(default)]
    pub publisher: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub id: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub outcome: Option<Spanned<Outcome>>,
    #[serde(default)]
    pub choices: Vec<Spanned<RawChoice>>,
    #[serde(default)]
    pub when: Option<Spanned<RawWhen>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub label: Spanned<String>,
    #[serde(rename = "goto")]
    pub target: Spanned<String>,
    #[serde(default)]
    pub when: Option<Spanned<RawWhen>>,
}

/// A car condition as written, `{ key = "clamshell" }`. Read as a plain map, not a struct with
/// `deny_unknown_fields`, so the checker can name an unknown field with the fields it knows.
pub type RawWhen = BTreeMap<Spanned<String>, Spanned<RawWhenValue>>;

/// One value or a list of them: `key = "clamshell"` or `key = ["flat-key", "smart-key"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawWhenValue {
    One(String),
    Many(Vec<String>),
}
