//! The checked guides the bot serves, loaded once at start.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::check::{self, Problem};
use super::index::Index;
use super::model::Guide;

/// Every guide, sorted by title (then id) so pickers and listings are stable; looked up by id.
#[derive(Debug, Clone)]
pub struct Library {
    guides: Vec<Guide>,
    by_id: HashMap<String, usize>,
    /// Normalised words and phrases per guide, built once so ranking on every autocomplete
    /// keystroke does no work on the guides themselves.
    index: Index,
    /// Translations lagging behind their guides, from `check`: logged at start, never fatal.
    warnings: Vec<Problem>,
}

impl Library {
    /// A library of guides that passed `check`. Ids are unique after `check`; should a caller
    /// pass two guides with one id anyway, the first by title wins.
    pub fn from_guides(mut guides: Vec<Guide>) -> Library {
        guides.sort_by(|a, b| {
            (a.title.to_lowercase(), &a.title, &a.id).cmp(&(
                b.title.to_lowercase(),
                &b.title,
                &b.id,
            ))
        });
        let mut by_id = HashMap::with_capacity(guides.len());
        guides.retain(|g| {
            let fresh = !by_id.contains_key(&g.id);
            if fresh {
                by_id.insert(g.id.clone(), by_id.len());
            }
            fresh
        });
        let index = Index::new(&guides);
        Library {
            guides,
            by_id,
            index,
            warnings: Vec::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Guide> {
        self.by_id.get(id).and_then(|&i| self.guides.get(i))
    }

    /// Guides sorted by title.
    pub fn iter(&self) -> std::slice::Iter<'_, Guide> {
        self.guides.iter()
    }

    pub fn len(&self) -> usize {
        self.guides.len()
    }

    pub fn is_empty(&self) -> bool {
        self.guides.is_empty()
    }

    /// Guide ids, in title order like [`Library::iter`].
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.guides.iter().map(|g| g.id.as_str())
    }

    /// What `check` warned about when the library was loaded (stale, missing or orphan
    /// translations); the front ends log them so an operator sees them without running check.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }
}

impl<'a> IntoIterator for &'a Library {
    type Item = &'a Guide;
    type IntoIter = std::slice::Iter<'a, Guide>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Why the bot cannot serve the guides in a folder.
#[derive(Debug)]
pub enum LoadError {
    /// The folder itself cannot be read (most often: it does not exist).
    Io { dir: PathBuf, source: io::Error },
    /// The folder was read but `check` found problems (including: no guides in it).
    Invalid(Vec<Problem>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { dir, source } => {
                let (message, fix) = check::folder_error_text(source);
                write!(f, "{}: {message} — {fix}", dir.display())
            }
            LoadError::Invalid(problems) => {
                let n = problems.len();
                let s = if n == 1 { "" } else { "s" };
                write!(
                    f,
                    "the guides have {n} problem{s}; fix them (`pitcrew check` lists them again):"
                )?;
                for p in problems {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            LoadError::Invalid(_) => None,
        }
    }
}

/// Loads and checks every guide in `dir`. Any problem in any file refuses the whole folder:
/// the bot must not start on content that fails `check`.
pub fn load_library(dir: &Path) -> Result<Library, LoadError> {
    let scan = check::scan(dir).map_err(|source| LoadError::Io {
        dir: dir.to_path_buf(),
        source,
    })?;
    if !scan.problems.is_empty() {
        return Err(LoadError::Invalid(scan.problems));
    }
    let mut library = Library::from_guides(scan.guides);
    library.warnings = scan.warnings;
    Ok(library)
}
