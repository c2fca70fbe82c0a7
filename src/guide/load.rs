//! Reading guide files: which files are guides, their bytes, their version and positions.
//! Nothing here judges content; `check` does that.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::model::GuideVersion;
use super::raw::RawGuide;
use super::translate;
use super::translate::raw::RawTranslation;

/// Hex digits of the SHA-256 kept as the version: 64 bits is plenty to tell edits apart and
/// keeps the value short in logs and in the sessions table.
const VERSION_HEX_LEN: usize = 16;

/// One guide file read into memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub version: GuideVersion,
    /// Byte offset where each line starts, for turning spans into line:column.
    line_starts: Vec<usize>,
}

/// A 1-based line and column; the column counts characters, not bytes, so it matches what an
/// editor shows for text with accents or emoji.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Why a single file could not be read. Either way only that file is skipped.
#[derive(Debug)]
pub enum FileError {
    Io(io::Error),
    /// The bytes are not UTF-8; `position` is where the first bad byte sits.
    NotUtf8 {
        position: Position,
    },
}

/// The guide files in `dir`: every regular file whose name ends in `.toml` (any case) and is
/// not a translation (`NAME.LANG.toml`, see [`translation_paths`]), sorted by file name so
/// output is stable across machines. Hidden files are skipped because editors leave lock and
/// swap files such as `.#guide.toml` next to the real ones.
pub fn guide_paths(dir: &Path) -> io::Result<Vec<PathBuf>> {
    toml_paths(dir, |name| translate::tag_of_file_name(name).is_none())
}

/// The translation files in `dir`: `NAME.LANG.toml`, where `LANG` is two or three letters,
/// sorted by file name. Never taken for a guide: a translation has no structure of its own.
pub fn translation_paths(dir: &Path) -> io::Result<Vec<PathBuf>> {
    toml_paths(dir, |name| translate::tag_of_file_name(name).is_some())
}

fn toml_paths(dir: &Path, wanted: impl Fn(&str) -> bool) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            // A name that is not UTF-8 cannot be a guide anyone wrote on purpose.
            continue;
        };
        let is_toml = name.len() > 5 && name.to_ascii_lowercase().ends_with(".toml");
        if !is_toml || name.starts_with('.') || !wanted(name) {
            continue;
        }
        let path = entry.path();
        // `metadata` follows symlinks, so a linked guide counts and a folder named x.toml not.
        if fs::metadata(&path).map(|m| m.is_file()).unwrap_or(false) {
            paths.push(path);
        }
    }
    paths.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(paths)
}

/// Reads one guide file and computes its version from the exact bytes on disk.
pub fn read_source(path: &Path) -> Result<SourceFile, FileError> {
    let bytes = fs::read(path).map_err(FileError::Io)?;
    let version = version_of(&bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path.to_path_buf(), text, version)),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            // The prefix before the bad byte is valid UTF-8 by definition.
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            let src = SourceFile::new(path.to_path_buf(), prefix, version);
            Err(FileError::NotUtf8 {
                position: src.position(good),
            })
        }
    }
}

/// The version of a guide: the first hex digits of the SHA-256 of its file. Stable across Rust
/// releases and machines, unlike std's hashers.
pub fn version_of(bytes: &[u8]) -> GuideVersion {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(VERSION_HEX_LEN);
    for byte in digest.iter().take(VERSION_HEX_LEN / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    GuideVersion(hex)
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String, version: GuideVersion) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path,
            text,
            version,
            line_starts,
        }
    }

    /// A source built from text in memory (tests, `check_source`), versioned like a file.
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let version = version_of(text.as_bytes());
        SourceFile::new(path.into(), text, version)
    }

    /// The guide as written, or toml's error (syntax, unknown or missing field, bad value).
    pub fn parse(&self) -> Result<RawGuide, toml::de::Error> {
        toml::from_str(&self.text)
    }

    /// The file read as a translation (`NAME.LANG.toml`).
    pub fn parse_translation(&self) -> Result<RawTranslation, toml::de::Error> {
        toml::from_str(&self.text)
    }

    /// Whether the text is valid TOML at all; tells syntax errors apart from errors in the
    /// guide's shape, which toml reports through the same error type.
    pub fn syntax_error(&self) -> Option<toml::de::Error> {
        self.text.parse::<toml::Table>().err()
    }

    /// Line and column of a byte offset. Offsets past the end clamp to the end, and offsets
    /// inside a character move back to its start, so a bad span can never panic.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let before = &self.text[start..offset];
        // A byte-order mark is invisible in editors, so it must not shift line 1's columns.
        let before = before.strip_prefix('\u{feff}').unwrap_or(before);
        Position {
            line: line.max(1),
            column: before.chars().count() + 1,
        }
    }

    /// Position of the start of a span.
    pub fn at(&self, span: &Range<usize>) -> Position {
        self.position(span.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile::from_text("g.toml", text)
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let s = src("a = 1\nbé = \"ü\"\n");
        assert_eq!(s.position(0), Position { line: 1, column: 1 });
        assert_eq!(s.position(4), Position { line: 1, column: 5 });
        assert_eq!(s.position(6), Position { line: 2, column: 1 });
        // "bé = " is 5 characters but 6 bytes: the quote is column 6.
        let quote = s.text.find('"').unwrap_or(0);
        assert_eq!(s.position(quote), Position { line: 2, column: 6 });
    }

    #[test]
    fn positions_never_panic_on_odd_offsets() {
        let s = src("é\n");
        assert_eq!(s.position(1), Position { line: 1, column: 1 });
        assert_eq!(s.position(999), Position { line: 2, column: 1 });
        assert_eq!(src("").position(5), Position { line: 1, column: 1 });
    }

    #[test]
    fn byte_order_mark_does_not_shift_columns() {
        let s = src("\u{feff}id = \"x\"");
        assert_eq!(s.position(8), Position { line: 1, column: 6 });
    }

    #[test]
    fn version_is_short_stable_hex() {
        let v = version_of(b"abc");
        // SHA-256("abc") starts with ba7816bf8f01cfea.
        assert_eq!(v.0, "ba7816bf8f01cfea");
        assert_ne!(version_of(b"abd"), v);
    }
}
