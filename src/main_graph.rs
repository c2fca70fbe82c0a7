//! `pitcrew graph GUIDE [--out FILE.svg|FILE.png]`: a guide's decision graph for its
//! authors, from the content folder as `pitcrew check` reads it. Without `--out` the SVG goes
//! to stdout (to pipe into a viewer); the file's extension picks SVG or PNG.
//!
//! No traffic yet: the figures that thicken the arrows come with `pitcrew stats`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pitcrew::guide::{self, Lang, LoadError};
use pitcrew::picture::{self, Traffic};

/// The picture formats `--out` may name, by its extension.
enum Format {
    Svg,
    Png,
}

impl Format {
    fn of(file: &Path) -> Option<Format> {
        let ext = file.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// Exit 2 for an argument to fix (unknown guide, extension), 1 for content or a file.
pub(crate) fn graph(dir: &Path, id: &str, out: Option<PathBuf>, lang: Option<Lang>) -> ExitCode {
    let format = match &out {
        None => Format::Svg,
        Some(file) => match Format::of(file) {
            Some(f) => f,
            None => {
                eprintln!(
                    "error: --out {}: say FILE.svg or FILE.png (Discord shows only PNG)",
                    file.display()
                );
                return ExitCode::from(2);
            }
        },
    };
    let library = match guide::load_library(dir) {
        Ok(l) => l,
        Err(LoadError::Invalid(problems)) => {
            eprintln!("error: the guides in {} have problems:", dir.display());
            for p in &problems {
                eprintln!("{p}");
            }
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(guide) = library.get(id) else {
        let known: Vec<&str> = library.ids().collect();
        eprintln!(
            "error: no guide `{id}` in {}; the guides are: {}",
            dir.display(),
            known.join(", ")
        );
        return ExitCode::from(2);
    };
    let lang = lang.unwrap_or_default();
    let traffic = Traffic::default();
    let bytes = match format {
        Format::Svg => picture::graph_svg(guide, &traffic, lang).into_bytes(),
        Format::Png => match picture::graph_png(guide, &traffic, lang) {
            Ok(png) => png,
            Err(e) => {
                eprintln!("error: the picture of `{id}` could not be drawn: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let Some(file) = out else {
        use std::io::Write;
        return match std::io::stdout().write_all(&bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: writing to stdout: {e}");
                ExitCode::FAILURE
            }
        };
    };
    match std::fs::write(&file, &bytes) {
        Ok(()) => {
            println!("{}: the graph of `{id}`", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            ExitCode::FAILURE
        }
    }
}
