//! `pitcrew translate`: a skeleton for a new language, and re-stamping the source hashes of a
//! translation after a reviewer brought it up to date with its guide.
//!
//! Stamping edits only the `source = "…"` values, in place, so the translator's comments,
//! layout and words stay exactly as written.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::check;
use super::load::{self, SourceFile};
use super::model::Guide;
use super::translate::{self, SourceHash};
use crate::guide::Lang;

/// Why a translation could not be written or stamped; each names the file and the fix.
#[derive(Debug, Error)]
pub enum StampError {
    #[error("{}: cannot read or write: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: not a translation file: {message} — fix it first (`pitcrew check` says where)", path.display())]
    Unreadable { path: PathBuf, message: String },
    #[error("{}: `{guide}` is not a guide in {} (or it has problems) — fix `guide = …` or the guide first", path.display(), dir.display())]
    NoGuide {
        path: PathBuf,
        guide: String,
        dir: PathBuf,
    },
    #[error("no guide `{0}` in the content folder — `pitcrew check` lists the guides and their problems")]
    UnknownGuide(String),
    #[error("{} already exists — edit it, or stamp it with `pitcrew translate --stamp {}`", .0.display(), .0.display())]
    Exists(PathBuf),
}

/// The guides of `dir` that pass `check` on their own (translation errors aside).
fn guides(dir: &Path) -> Result<Vec<Guide>, StampError> {
    check::scan(dir)
        .map(|scan| scan.guides)
        .map_err(|source| StampError::Io {
            path: dir.to_path_buf(),
            source,
        })
}

/// Re-stamps the translation at `path` against its guide in the same folder; returns how many
/// hashes changed.
pub fn stamp_file(path: &Path) -> Result<usize, StampError> {
    let src = load::read_source(path).map_err(|e| match e {
        load::FileError::Io(source) => StampError::Io {
            path: path.to_path_buf(),
            source,
        },
        load::FileError::NotUtf8 { .. } => StampError::Unreadable {
            path: path.to_path_buf(),
            message: "not UTF-8".into(),
        },
    })?;
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let raw = src
        .parse_translation()
        .map_err(|e| StampError::Unreadable {
            path: path.to_path_buf(),
            message: e.message().to_string(),
        })?;
    let guides = guides(&dir)?;
    let guide = guides
        .iter()
        .find(|g| &g.id == raw.guide.get_ref())
        .ok_or_else(|| StampError::NoGuide {
            path: path.to_path_buf(),
            guide: raw.guide.get_ref().clone(),
            dir: dir.clone(),
        })?;
    let (text, changed) = stamp(&src, guide).map_err(|e| StampError::Unreadable {
        path: path.to_path_buf(),
        message: e.message().to_string(),
    })?;
    if changed > 0 {
        fs::write(path, text).map_err(|source| StampError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(changed)
}

/// The translation's text with every `source` set to the hash of the guide's current text it
/// translates, and how many changed. Entries that match nothing (orphans) are left alone.
pub fn stamp(src: &SourceFile, guide: &Guide) -> Result<(String, usize), toml::de::Error> {
    let raw = src.parse_translation()?;
    let mut edits: Vec<(std::ops::Range<usize>, SourceHash)> = Vec::new();
    let mut want = |source: &toml::Spanned<String>, own: &str| {
        let hash = SourceHash::of(own);
        if source.get_ref() != &hash.0 {
            edits.push((source.span(), hash));
        }
    };
    if let Some(t) = &raw.title {
        want(&t.get_ref().source, &guide.title);
    }
    if let Some(s) = &raw.summary {
        want(&s.get_ref().source, &guide.summary);
    }
    for node in &raw.nodes {
        let node = node.get_ref();
        let Some(own) = guide.node(node.id.get_ref()) else {
            continue;
        };
        want(&node.source, &own.text);
        let mut taken = Vec::new();
        for choice in &node.choices {
            let choice = choice.get_ref();
            let found = own
                .choices
                .iter()
                .enumerate()
                .find(|(i, c)| &c.target == choice.goto.get_ref() && !taken.contains(i));
            if let Some((i, c)) = found {
                taken.push(i);
                want(&choice.source, &c.label);
            }
        }
    }
    let changed = edits.len();
    // From the end, so earlier spans stay valid.
    edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let mut text = src.text.clone();
    for (span, hash) in edits {
        if text.get(span.clone()).is_some() {
            text.replace_range(span, &format!("\"{hash}\""));
        }
    }
    Ok((text, changed))
}

/// Writes a skeleton translation of guide `id` into `lang` beside the guide; returns its path.
pub fn write_skeleton(dir: &Path, id: &str, lang: Lang) -> Result<PathBuf, StampError> {
    let guides = guides(dir)?;
    let guide = guides
        .iter()
        .find(|g| g.id == id)
        .ok_or_else(|| StampError::UnknownGuide(id.to_string()))?;
    let stem = guide
        .source
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(id);
    let path = dir.join(translate::file_name(stem, lang));
    if path.exists() {
        return Err(StampError::Exists(path));
    }
    fs::write(&path, skeleton(guide, lang)).map_err(|source| StampError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// A translation with every entry stamped and every text empty, the guide's words above each
/// as comments. Empty texts fail `check` on purpose: a half-done skeleton is not shipped.
pub fn skeleton(guide: &Guide, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {lang} translation of {}. Written by: …; reviewed by a native speaker: not yet.\n# Re-stamp after a review: pitcrew translate --stamp FILE (see content/README.md).\n",
        guide.id
    );
    let _ = writeln!(out, "guide = {}", quoted(&guide.id));
    let _ = writeln!(out, "# {}", guide.title);
    let _ = writeln!(
        out,
        "title = {{ text = \"\", source = \"{}\" }}",
        SourceHash::of(&guide.title)
    );
    let _ = writeln!(out, "# {}", guide.summary);
    let _ = writeln!(
        out,
        "summary = {{ text = \"\", source = \"{}\" }}",
        SourceHash::of(&guide.summary)
    );
    for node in guide.nodes() {
        let _ = writeln!(out, "\n[[node]]\nid = {}", quoted(&node.id));
        for line in node.text.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(
            out,
            "source = \"{}\"\ntext = \"\"\"\n\"\"\"",
            SourceHash::of(&node.text)
        );
        if !node.choices.is_empty() {
            let _ = writeln!(out, "choices = [");
            for c in &node.choices {
                let _ = writeln!(
                    out,
                    "  # {}\n  {{ goto = {}, source = \"{}\", label = \"\" }},",
                    c.label,
                    quoted(&c.target),
                    SourceHash::of(&c.label)
                );
            }
            let _ = writeln!(out, "]");
        }
    }
    out
}

/// A TOML basic string for an id (ids are `a-z0-9-`, but never trust that in a writer).
fn quoted(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}
