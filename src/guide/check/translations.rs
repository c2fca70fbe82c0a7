//! The rules for a translation file (`NAME.LANG.toml`) against the guide it translates.
//!
//! Two kinds of problem, on purpose:
//! - **errors** for a file the translator just wrote wrong (unknown guide or language, an
//!   empty or over-long text, a node twice): the bot refuses it like a broken guide;
//! - **warnings** for drift, which an edit of the *guide* causes (a node added: missing; a node
//!   removed: orphan; a text changed: stale). A safety fix to the English must never wait for
//!   a translator, so drift never stops the bot: the member reads the stale translation or
//!   the guide's own words, and `check` lists what to catch up.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::hints::{closest, preview};
use super::{Problem, Rule};
use crate::guide::limits::{LABEL_MAX, NODE_TEXT_MAX, SUMMARY_MAX, TITLE_MAX};
use crate::guide::load::{Position, SourceFile};
use crate::guide::model::Guide;
use crate::guide::translate::raw::{RawNodeWords, RawText, RawTranslation};
use crate::guide::translate::{NodeWords, SourceHash, Translation};
use crate::guide::Lang;

/// Where one translation file's problems go: errors and warnings apart.
pub(super) struct Findings<'a> {
    pub(super) src: &'a SourceFile,
    pub(super) errors: &'a mut Vec<Problem>,
    pub(super) warnings: &'a mut Vec<Problem>,
}

impl Findings<'_> {
    fn at(&mut self, span: Range<usize>, rule: Rule, message: String, fix: impl Into<String>) {
        let p = Problem::at(
            &self.src.path,
            self.src.at(&span),
            rule,
            message,
            fix.into(),
        );
        if rule.is_warning() {
            self.warnings.push(p);
        } else {
            self.errors.push(p);
        }
    }

    fn errors_so_far(&self) -> usize {
        self.errors.len()
    }
}

/// The fix that closes every stale or missing warning once the words are right.
fn stamp_hint(file: &Path) -> String {
    format!("then run `pitcrew translate --stamp {}`", file.display())
}

/// Checks `raw` against `guide` (`None` when the guide exists but has problems of its own:
/// then only the file's own shape is checked). `known` lists every guide id, for the
/// unknown-guide rule. Returns the translation when it has no error (warnings allowed).
pub(super) fn check_translation(
    f: &mut Findings,
    lang: Lang,
    raw: &RawTranslation,
    guide: Option<&Guide>,
    known: &[&str],
) -> Option<Translation> {
    let before = f.errors_so_far();
    let id = raw.guide.get_ref();
    if !known.contains(&id.as_str()) {
        let fix = match closest(id, known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "set `guide` to the `id` of the guide this translates, or delete the file if that guide is gone".into(),
        };
        f.at(
            raw.guide.span(),
            Rule::TranslationUnknownGuide,
            format!("this translates guide `{id}`, but no guide has that id"),
            fix,
        );
        return None;
    }
    let guide = guide?;
    let hint = stamp_hint(&f.src.path);
    let title = check_text(
        f,
        "title",
        raw.title.as_ref(),
        &guide.title,
        TITLE_MAX,
        &hint,
    );
    let summary = check_text(
        f,
        "summary",
        raw.summary.as_ref(),
        &guide.summary,
        SUMMARY_MAX,
        &hint,
    );
    let mut nodes: HashMap<String, NodeWords> = HashMap::new();
    let mut lines: HashMap<&str, usize> = HashMap::new();
    for spanned in &raw.nodes {
        let node = spanned.get_ref();
        let nid = node.id.get_ref().as_str();
        let line = f.src.at(&node.id.span()).line;
        if let Some(first) = lines.insert(nid, line) {
            f.at(
                node.id.span(),
                Rule::DuplicateNodeId,
                format!("node `{nid}` is already translated on line {first}"),
                "keep one of the two entries",
            );
            continue;
        }
        if let Some(words) = check_node(f, guide, node, &hint) {
            nodes.insert(nid.to_string(), words);
        }
    }
    // Missing entries are reported at `guide = …`: there is no line of their own to point at.
    let top = raw.guide.span();
    for node in guide.nodes() {
        if !lines.contains_key(node.id.as_str()) {
            f.at(
                top.clone(),
                Rule::TranslationMissing,
                format!(
                    "node `{}` of {} has no {lang} translation; members see it in the guide's own language",
                    node.id,
                    guide.source.display()
                ),
                format!("add a `[[node]]` with `id = \"{}\"` and its text, {hint}", node.id),
            );
        }
    }
    (f.errors_so_far() == before)
        .then(|| Translation::new(lang, f.src.path.clone(), title, summary, nodes))
}

/// The title or summary: present (else a warning), not empty or too long, current.
fn check_text(
    f: &mut Findings,
    what: &str,
    raw: Option<&Spanned<RawText>>,
    own: &str,
    max: usize,
    hint: &str,
) -> Option<String> {
    let Some(raw) = raw else {
        f.at(
            0..0,
            Rule::TranslationMissing,
            format!("the guide's {what} has no translation"),
            format!("add `{what} = {{ text = \"…\", source = \"\" }}` at the top, {hint}"),
        );
        return None;
    };
    let raw = raw.get_ref();
    let text = words(f, what, &raw.text, max)?;
    stale(f, what, &raw.source, own, hint);
    Some(text)
}

/// One node entry: the node exists, its text is fine and current, and each choice matches one
/// of the node's choices by `goto` (the n-th entry for a target is the n-th such choice).
fn check_node(
    f: &mut Findings,
    guide: &Guide,
    raw: &RawNodeWords,
    hint: &str,
) -> Option<NodeWords> {
    let nid = raw.id.get_ref();
    let Some(node) = guide.node(nid) else {
        let known: Vec<&str> = guide.nodes().iter().map(|n| n.id.as_str()).collect();
        let fix = match closest(nid, &known) {
            Some(near) => format!("did you mean `{near}`? Otherwise delete this entry"),
            None => "the guide no longer has this node: delete this entry".into(),
        };
        f.at(
            raw.id.span(),
            Rule::TranslationOrphan,
            format!("node `{nid}` is not in guide `{}`", guide.id),
            fix,
        );
        return None;
    };
    let what = format!("text of node `{nid}`");
    let text = words(f, &what, &raw.text, NODE_TEXT_MAX);
    stale(f, &what, &raw.source, &node.text, hint);
    let mut labels = HashMap::new();
    let mut taken: HashSet<usize> = HashSet::new();
    for spanned in &raw.choices {
        let choice = spanned.get_ref();
        let goto = choice.goto.get_ref();
        let found = node
            .choices
            .iter()
            .enumerate()
            .find(|(i, c)| &c.target == goto && !taken.contains(i));
        let Some((index, own)) = found else {
            f.at(
                choice.goto.span(),
                Rule::TranslationOrphan,
                format!("node `{nid}` has no (further) choice that goes to `{goto}`"),
                "delete this choice, or set `goto` to the target of the choice it translates",
            );
            continue;
        };
        taken.insert(index);
        let what = format!("label of choice `{goto}` in node `{nid}`");
        if let Some(label) = words(f, &what, &choice.label, LABEL_MAX) {
            labels.insert(index, label);
        }
        stale(f, &what, &choice.source, &own.label, hint);
    }
    for (index, own) in node.choices.iter().enumerate() {
        if !taken.contains(&index) {
            f.at(
                raw.id.span(),
                Rule::TranslationMissing,
                format!(
                    "choice \"{}\" (goto `{}`) of node `{nid}` has no translation",
                    preview(&own.label),
                    own.target
                ),
                format!(
                    "add `{{ goto = \"{}\", source = \"\", label = \"…\" }}` to this node's `choices`, {hint}",
                    own.target
                ),
            );
        }
    }
    Some(NodeWords { text, labels })
}

/// Translated words, trimmed like the guide's own: not empty, within the limit.
fn words(f: &mut Findings, what: &str, value: &Spanned<String>, max: usize) -> Option<String> {
    let text = value.get_ref().trim();
    let len = text.chars().count();
    if text.is_empty() {
        f.at(
            value.span(),
            Rule::EmptyField,
            format!("the translated {what} is empty"),
            "write the translation, or delete the entry (the guide's own words show meanwhile)",
        );
        None
    } else if len > max {
        f.at(
            value.span(),
            Rule::TextTooLong,
            format!("the translated {what} is {len} characters; at most {max} fit on Discord"),
            format!("shorten it to {max} characters or fewer"),
        );
        None
    } else {
        Some(text.to_string())
    }
}

/// A warning when the source text changed since the translation was stamped.
fn stale(f: &mut Findings, what: &str, source: &Spanned<String>, own: &str, hint: &str) {
    let now = SourceHash::of(own);
    if source.get_ref().trim() != now.0 {
        f.at(
            source.span(),
            Rule::TranslationStale,
            format!(
                "the {what} changed since it was translated (source `{}`, now `{now}`: \"{}\")",
                source.get_ref(),
                preview(own)
            ),
            format!("update the translation to the guide's words, {hint}"),
        );
    }
}

/// A translation file whose language tag pitcrew does not speak.
pub(super) fn unknown_language(path: &Path, tag: &str) -> Problem {
    let known: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
    Problem::at(
        path,
        Position { line: 1, column: 1 },
        Rule::TranslationUnknownLanguage,
        format!("`{tag}` in the file name is not a language pitcrew speaks"),
        format!(
            "name the file NAME.LANG.toml with LANG one of {}; a new language also needs its strings in locales/",
            known.join(", ")
        ),
    )
}
