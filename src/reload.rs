//! Live content: the guides reloaded while the bot runs, on a change in the content folder or
//! on a moderator's request. A reload loads and checks every guide with the same code as
//! `pitcrew check`; only content that passes replaces the running set, whole and at once
//! ([`Desk::replace_library`]). Content that fails leaves the running set as it was, and its
//! problems are said once per change ([`Reports`]).
//!
//! No Discord here: the front end decides where problems are posted and whether its commands
//! need registering again.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use tokio::sync::Notify;

use crate::desk::Desk;
use crate::guide::{self, LoadError};

/// How long the folder must stay quiet before a change is taken: an editor's save (a temp
/// file written, then renamed over the guide) arrives as a burst of events.
pub const SETTLE: Duration = Duration::from_millis(300);

/// Where the guides live and whether to watch them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveContent {
    /// The content folder (`CONTENT_DIR`).
    pub dir: PathBuf,
    /// `CONTENT_WATCH`: reload on every change in the folder. Off, only a moderator's
    /// `/pitcrew reload` reloads (deployments whose content is read-only).
    pub watch: bool,
}

/// What a reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reloaded {
    /// Every guide passed `check`; these many now run.
    Loaded { guides: usize },
    /// The content fails `check`: the running set stays. Each problem as `check` prints it
    /// (`FILE:LINE:COL: what — fix`), or why the folder could not be read.
    Refused { problems: Vec<String> },
}

/// Loads and checks every guide in `dir` and, if all pass, makes them the desk's running set.
/// Problems and the outcome go to the log here; telling moderators is the caller's.
pub async fn reload(desk: &Desk, dir: &Path) -> Reloaded {
    let owned = dir.to_path_buf();
    // Reading files blocks: off the runtime's workers, which answer interactions meanwhile.
    let loaded = tokio::task::spawn_blocking(move || guide::load_library(&owned)).await;
    let problems = match loaded {
        Ok(Ok(library)) => {
            for w in library.warnings() {
                tracing::warn!("{w}");
            }
            let guides = library.len();
            desk.replace_library(library);
            tracing::info!(guides, dir = %dir.display(), "content reloaded");
            return Reloaded::Loaded { guides };
        }
        Ok(Err(LoadError::Invalid(problems))) => problems.iter().map(|p| p.to_string()).collect(),
        Ok(Err(e @ LoadError::Io { .. })) => vec![e.to_string()],
        Err(e) => vec![format!("{}: the reload stopped: {e}", dir.display())],
    };
    tracing::warn!(
        dir = %dir.display(),
        "the new content fails check; the running guides stay:\n{}",
        problems.join("\n")
    );
    Reloaded::Refused { problems }
}

/// Remembers the last refusal said, so that one change is reported once: the watcher and a
/// moderator's `/pitcrew reload` may both meet the same broken content, and an editor's save
/// can wake the watcher twice.
#[derive(Debug, Default)]
pub struct Reports {
    last: Option<Vec<String>>,
}

impl Reports {
    /// Whether `outcome` is a refusal not yet reported; a successful load forgets the last
    /// one, so the same mistake made again later is reported again.
    pub fn is_new(&mut self, outcome: &Reloaded) -> bool {
        match outcome {
            Reloaded::Loaded { .. } => {
                self.last = None;
                false
            }
            Reloaded::Refused { problems } if self.last.as_ref() == Some(problems) => false,
            Reloaded::Refused { problems } => {
                self.last = Some(problems.clone());
                true
            }
        }
    }
}

/// A watch on the content folder. The folder, not the files: editors save by writing a new
/// file and renaming it over the old one, which a watch on the old file would not see.
pub struct Watcher {
    /// Dropping it ends the watch (its thread and the OS handle).
    _debouncer: Debouncer<RecommendedWatcher>,
    changed: Arc<Notify>,
}

impl Watcher {
    /// Starts watching `dir`; the watch is in place when this returns.
    pub fn start(dir: &Path) -> Result<Watcher, String> {
        let changed = Arc::new(Notify::new());
        let wake = Arc::clone(&changed);
        let mut debouncer = new_debouncer(SETTLE, move |events: DebounceEventResult| {
            match events {
                // One wake for a burst; Notify keeps it if the task is busy reloading.
                Ok(events) if events.iter().any(|e| is_content(&e.path)) => wake.notify_one(),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "the content watcher missed a change"),
            }
        })
        .map_err(|e| watch_error(dir, &e))?;
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(dir, &e))?;
        Ok(Watcher {
            _debouncer: debouncer,
            changed,
        })
    }

    /// Resolves when the folder changed since the last call.
    pub async fn changed(&self) {
        self.changed.notified().await;
    }
}

/// Guide and translation files; an editor's swap and backup files are not content.
fn is_content(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

fn watch_error(dir: &Path, e: &notify::Error) -> String {
    format!(
        "{}: cannot watch the content folder ({e}); check it exists, or set CONTENT_WATCH=false \
         and reload with /pitcrew reload",
        dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_reported_once_until_the_content_loads_again() {
        let mut reports = Reports::default();
        let broken = Reloaded::Refused {
            problems: vec!["content/a.toml:3:1: unknown target".into()],
        };
        let other = Reloaded::Refused {
            problems: vec!["content/a.toml:9:1: dead end".into()],
        };
        assert!(reports.is_new(&broken));
        assert!(!reports.is_new(&broken), "the same change, seen twice");
        assert!(reports.is_new(&other), "a different mistake is news");
        assert!(!reports.is_new(&Reloaded::Loaded { guides: 3 }));
        assert!(reports.is_new(&broken), "broken again after a fix");
    }

    #[test]
    fn only_toml_files_are_content() {
        assert!(is_content(Path::new("content/flat-tyre.toml")));
        assert!(is_content(Path::new("content/flat-tyre.de.toml")));
        assert!(!is_content(Path::new("content/.flat-tyre.toml.swp")));
        assert!(!is_content(Path::new("content/flat-tyre.toml~")));
    }
}
