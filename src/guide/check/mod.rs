//! `pitcrew check`: every problem in every guide file, each with where it is and how to fix it.
//!
//! The checker reports all problems at once so a moderator fixes a batch in one go. Only a
//! file that toml cannot read into a guide at all (bad syntax, unknown or missing field, wrong
//! value type) stops early, and then just that file: the others are still checked.

mod conditions;
mod graph;
mod hints;
mod placeholders;
mod report;
mod rule;
mod rules;
mod sources;
mod toml_error;
mod translations;

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub use rule::Rule;

use super::load::{self, FileError, Position, SourceFile};
use super::model::Guide;
use super::translate;
use crate::guide::Lang;

/// One problem, displayed as `FILE:LINE:COL: what is wrong — how to fix it`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based. 0 when the problem is about the whole folder or file and has no position; then
    /// Display leaves out `LINE:COL:`.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub rule: Rule,
    pub message: String,
    pub fix: String,
}

impl Problem {
    pub(crate) fn at(
        file: &Path,
        position: Position,
        rule: Rule,
        message: String,
        fix: String,
    ) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line: position.line,
            column: position.column,
            rule,
            message,
            fix,
        }
    }

    fn whole(file: &Path, rule: Rule, message: String, fix: String) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            rule,
            message,
            fix,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.file.display())?;
        if self.line > 0 {
            write!(f, "{}:{}:", self.line, self.column)?;
        }
        if self.rule.is_warning() {
            write!(f, " warning:")?;
        }
        write!(f, " {} — {}", self.message, self.fix)
    }
}

/// The result of checking a folder.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Errors, sorted by file, then line and column. Any one refuses the content.
    pub problems: Vec<Problem>,
    /// Translations lagging behind their guide ([`Rule::is_warning`]), sorted the same way;
    /// listed, never refusing the content.
    pub warnings: Vec<Problem>,
    /// Guide files found.
    pub guides: usize,
    /// Nodes in the files that could be read as guides.
    pub nodes: usize,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Every problem on its own line, then one summary line; a clean folder is just the summary,
/// e.g. `3 guides, 41 nodes: all good`.
impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        for p in &self.warnings {
            writeln!(f, "{p}")?;
        }
        write!(
            f,
            "{}, {}: ",
            plural(self.guides, "guide", "guides"),
            plural(self.nodes, "node", "nodes")
        )?;
        match self.problems.len() {
            0 => write!(f, "all good")?,
            n => write!(f, "{}", plural(n, "problem", "problems"))?,
        }
        match self.warnings.len() {
            0 => Ok(()),
            n => write!(f, " ({})", plural(n, "warning", "warnings")),
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Checks every guide file in `dir`. Never fails: an unreadable folder is itself a problem.
pub fn check_dir(dir: &Path) -> CheckReport {
    match scan(dir) {
        Ok(scan) => CheckReport {
            problems: scan.problems,
            warnings: scan.warnings,
            guides: scan.files,
            nodes: scan.nodes,
        },
        Err(e) => CheckReport {
            problems: vec![folder_problem(dir, &e)],
            warnings: Vec::new(),
            guides: 0,
            nodes: 0,
        },
    }
}

/// Checks one guide given as text, as if it were the file `path`; the checked guide when it
/// has no problem. Useful for tests and tools that hold a guide in memory.
pub fn check_source(path: &Path, text: &str) -> Result<Guide, Vec<Problem>> {
    let src = SourceFile::from_text(path, text);
    let mut problems = Vec::new();
    match check_file(&src, &mut problems) {
        Some(checked) if problems.is_empty() => checked.guide.ok_or(problems),
        _ => Err(problems),
    }
}

/// What scanning a folder found: guides that passed, and every problem.
pub(crate) struct Scan {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub guides: Vec<Guide>,
    pub files: usize,
    pub nodes: usize,
}

/// Reads and checks every guide file in `dir`. Only a folder that cannot be listed is an
/// error; everything about the files inside is a problem in the result.
pub(crate) fn scan(dir: &Path) -> io::Result<Scan> {
    let paths = load::guide_paths(dir)?;
    let mut scan = Scan {
        problems: Vec::new(),
        warnings: Vec::new(),
        guides: Vec::new(),
        files: paths.len(),
        nodes: 0,
    };
    if paths.is_empty() {
        scan.problems.push(Problem::whole(
            dir,
            Rule::NoGuides,
            "no guide files (*.toml) in this folder".into(),
            "add guides here, or set CONTENT_DIR to the folder that holds them".into(),
        ));
    }
    // First file and position of each guide id, to name it when a later file reuses the id.
    let mut seen: HashMap<String, (PathBuf, Position)> = HashMap::new();
    for path in &paths {
        let src = match load::read_source(path) {
            Ok(src) => src,
            Err(e) => {
                scan.problems.push(file_problem(path, e));
                continue;
            }
        };
        let Some(checked) = check_file(&src, &mut scan.problems) else {
            continue;
        };
        scan.nodes += checked.nodes;
        let (id, at) = &checked.id;
        if !id.is_empty() {
            if let Some((first, first_at)) = seen.get(id) {
                scan.problems.push(Problem::at(
                    path,
                    *at,
                    Rule::DuplicateGuideId,
                    format!(
                        "guide id `{id}` is already used by {}:{}",
                        first.display(),
                        first_at.line
                    ),
                    "give one of the two guides a different id".into(),
                ));
            } else {
                seen.insert(id.clone(), (path.clone(), *at));
            }
        }
        scan.guides.extend(checked.guide);
    }
    let known: Vec<String> = seen.into_keys().collect();
    scan_translations(dir, &known, &mut scan)?;
    // Stable sort: problems at the same place keep the order the rules found them in.
    for list in [&mut scan.problems, &mut scan.warnings] {
        list.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }
    Ok(scan)
}

/// Checks every translation file in `dir` against the guides scanned so far (`known`: every
/// guide id that could be read, including guides with problems) and attaches the good ones.
fn scan_translations(dir: &Path, known: &[String], scan: &mut Scan) -> io::Result<()> {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    for path in load::translation_paths(dir)? {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let tag = translate::tag_of_file_name(name).unwrap_or_default();
        let Ok(lang) = tag.parse::<Lang>() else {
            scan.problems
                .push(translations::unknown_language(&path, tag));
            continue;
        };
        let src = match load::read_source(&path) {
            Ok(src) => src,
            Err(e) => {
                scan.problems.push(file_problem(&path, e));
                continue;
            }
        };
        let raw = match src.parse_translation() {
            Ok(raw) => raw,
            Err(e) => {
                let (err, syntax) = match src.syntax_error() {
                    Some(syntax) => (syntax, true),
                    None => (e, false),
                };
                scan.problems.push(toml_error::problem(&src, &err, syntax));
                continue;
            }
        };
        let guide = scan
            .guides
            .iter_mut()
            .find(|g| &g.id == raw.guide.get_ref());
        let mut findings = translations::Findings {
            src: &src,
            errors: &mut scan.problems,
            warnings: &mut scan.warnings,
        };
        let checked =
            translations::check_translation(&mut findings, lang, &raw, guide.as_deref(), &known);
        if let (Some(guide), Some(translation)) = (guide, checked) {
            guide.add_translation(translation);
        }
    }
    Ok(())
}

/// What checking one readable file gave.
struct Checked {
    /// The guide id as written and where, for the cross-file duplicate rule.
    id: (String, Position),
    nodes: usize,
    /// The guide, if this file had no problem.
    guide: Option<Guide>,
}

/// Checks one file's content, appending its problems. `None` when toml could not read it as
/// a guide at all (then exactly one problem was added).
fn check_file(src: &SourceFile, problems: &mut Vec<Problem>) -> Option<Checked> {
    let raw = match src.parse() {
        Ok(raw) => raw,
        Err(e) => {
            // Parse again as a plain table to tell broken TOML from a guide of the wrong shape.
            let (err, syntax) = match src.syntax_error() {
                Some(syntax) => (syntax, true),
                None => (e, false),
            };
            problems.push(toml_error::problem(src, &err, syntax));
            return None;
        }
    };
    let id = (raw.id.get_ref().clone(), src.at(&raw.id.span()));
    let nodes = raw.nodes.len();
    let before = problems.len();
    let guide = rules::check_guide(src, raw, problems);
    Some(Checked {
        id,
        nodes,
        guide: guide.filter(|_| problems.len() == before),
    })
}

fn folder_problem(dir: &Path, e: &io::Error) -> Problem {
    let (message, fix) = folder_error_text(e);
    Problem::whole(dir, Rule::Folder, message, fix)
}

/// Message and fix for a guide folder that cannot be read; shared with `LoadError`.
pub(crate) fn folder_error_text(e: &io::Error) -> (String, String) {
    let fix = "create it, or set CONTENT_DIR to the folder that holds the guide files";
    match e.kind() {
        io::ErrorKind::NotFound => ("the guide folder does not exist".into(), fix.into()),
        io::ErrorKind::PermissionDenied => (
            "the guide folder cannot be read: permission denied".into(),
            "let the bot's user read it, or set CONTENT_DIR to another folder".into(),
        ),
        _ => (format!("the guide folder cannot be read: {e}"), fix.into()),
    }
}

fn file_problem(path: &Path, e: FileError) -> Problem {
    match e {
        FileError::Io(e) => Problem::whole(
            path,
            Rule::FileUnreadable,
            format!("cannot read this file: {e}"),
            "check that it exists and the bot's user may read it".into(),
        ),
        FileError::NotUtf8 { position } => Problem::at(
            path,
            position,
            Rule::NotUtf8,
            "this file is not UTF-8 text".into(),
            "save it as UTF-8 in your editor".into(),
        ),
    }
}

#[cfg(test)]
mod tests;
