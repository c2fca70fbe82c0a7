//! The validated, in-memory form of a guide. Built only by the loader after `check` found no
//! problem, so the engine may rely on every invariant listed on [`Guide`].

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::fit::{When, Years};
use super::translate::Translation;
use crate::domain::Car;
pub use crate::domain::GuideVersion;
use crate::guide::Lang;

/// How a terminal node ends the member's guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The member's problem is solved.
    Resolved,
    /// The guide has run out: hand the member to a volunteer.
    Escalate,
    /// Someone may be in danger: emergency instructions at once and an urgent handoff.
    Emergency,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::Escalate => "escalate",
            Outcome::Emergency => "emergency",
        }
    }
}

/// Which cars a guide is written for; shown to members and used when ranking guides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    #[serde(default)]
    pub makes: Vec<String>,
    #[serde(default)]
    pub models: Vec<String>,
    /// Free text such as "2002-2008"; guides are advice, not a parts catalogue.
    #[serde(default)]
    pub years: Option<String>,
}

impl AppliesTo {
    /// Whether a guide marked for these cars fits `car`, for ranking. Makes compare ignoring
    /// case (free text here, written before cars were known); models are not compared (owners
    /// write them too many ways); a years text that does not read as years rules nothing out.
    pub fn fits(&self, car: &Car) -> bool {
        let make = self.makes.is_empty()
            || self
                .makes
                .iter()
                .any(|m| m.trim().eq_ignore_ascii_case(car.make.as_str()));
        let years = match (self.years.as_deref().map(str::parse::<Years>), car.year) {
            (Some(Ok(range)), Some(year)) => range.contains(year),
            _ => true,
        };
        make && years
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub target: String,
    /// Shown only to members whose car may fit (see [`When`]); `None` for everyone.
    pub when: Option<When>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    /// Discord markdown, at most [`crate::guide::limits::NODE_TEXT_MAX`] characters.
    pub text: String,
    pub outcome: Option<Outcome>,
    pub choices: Vec<Choice>,
    /// A step only for some cars: every choice leading here is hidden from other cars.
    pub when: Option<When>,
}

impl Node {
    pub fn is_terminal(&self) -> bool {
        self.outcome.is_some()
    }
}

/// A checked guide. Invariants (guaranteed by the checker): node ids are unique, every choice
/// target names a node, `start` names a node, every node is reachable from `start`, every
/// non-terminal node has at least one choice, terminal nodes have none, and `volunteer` names a
/// reachable node whose outcome is `escalate`.
#[derive(Debug, Clone)]
pub struct Guide {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub synonyms: Vec<String>,
    pub applies_to: Option<AppliesTo>,
    pub start: String,
    /// The escalate node shown when a member presses "Talk to a volunteer".
    pub volunteer: String,
    pub version: GuideVersion,
    pub source: PathBuf,
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
    /// Checked translations beside the guide file, by language.
    translations: BTreeMap<Lang, Translation>,
}

impl Guide {
    /// Assembles a guide from parts the checker has already validated.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_checked(
        id: String,
        title: String,
        summary: String,
        tags: Vec<String>,
        synonyms: Vec<String>,
        applies_to: Option<AppliesTo>,
        start: String,
        volunteer: String,
        version: GuideVersion,
        source: PathBuf,
        nodes: Vec<Node>,
    ) -> Guide {
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        Guide {
            id,
            title,
            summary,
            tags,
            synonyms,
            applies_to,
            start,
            volunteer,
            version,
            source,
            nodes,
            index,
            translations: BTreeMap::new(),
        }
    }

    /// Adds a translation the checker built against this guide.
    pub(crate) fn add_translation(&mut self, translation: Translation) {
        self.translations.insert(translation.lang, translation);
    }

    /// The translation into `lang`, if one was shipped.
    pub fn translation(&self, lang: Lang) -> Option<&Translation> {
        self.translations.get(&lang)
    }

    /// The languages this guide reads in besides its own.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.translations.keys().copied()
    }

    /// The title in `lang`, or the guide's own when it has no translation.
    pub fn title_in(&self, lang: Lang) -> &str {
        self.translation(lang)
            .and_then(|t| t.title.as_deref())
            .unwrap_or(&self.title)
    }

    /// The summary in `lang`, or the guide's own.
    pub fn summary_in(&self, lang: Lang) -> &str {
        self.translation(lang)
            .and_then(|t| t.summary.as_deref())
            .unwrap_or(&self.summary)
    }

    /// The text of `node` in `lang`, falling back to the guide's own words for a node the
    /// translation lacks; `None` only for a node the guide does not have.
    pub fn text_in(&self, node: &str, lang: Lang) -> Option<&str> {
        let own = self.node(node)?;
        Some(
            self.translation(lang)
                .and_then(|t| t.text(node))
                .unwrap_or(&own.text),
        )
    }

    /// The label of choice `index` of `node` in `lang`, falling back like [`Guide::text_in`].
    pub fn label_in(&self, node: &str, index: usize, lang: Lang) -> Option<&str> {
        let own = self.node(node)?.choices.get(index)?;
        Some(
            self.translation(lang)
                .and_then(|t| t.label(node, index))
                .unwrap_or(&own.label),
        )
    }

    /// Whether any node or choice is for some cars only (`when`): only then can the member's
    /// car change a walk, so only then is it worth reading.
    pub fn asks_about_cars(&self) -> bool {
        self.nodes
            .iter()
            .any(|n| n.when.is_some() || n.choices.iter().any(|c| c.when.is_some()))
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn start_node(&self) -> &Node {
        // The checker guarantees `start` names a node; fall back to the first node rather than
        // panic if a guide was assembled by hand in a test.
        self.node(&self.start).unwrap_or(&self.nodes[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn car(s: &str) -> Car {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn applies_to_matches_make_and_years_ignoring_case() {
        let mini = AppliesTo {
            makes: vec!["mini".into()],
            models: vec![],
            years: Some("2002-2009".into()),
        };
        assert!(mini.fits(&car("MINI")));
        assert!(mini.fits(&car("MINI 2006")));
        assert!(!mini.fits(&car("MINI 2015")));
        assert!(!mini.fits(&car("BMW 2006")));
    }
}
