//! `pitcrew graph GUIDE [--out FILE.svg|FILE.png]`: a guide's decision graph for its
//! authors, from the content folder as `pitcrew check` reads it. Without `--out` the SVG goes
//! to stdout (to pipe into a viewer); the file's extension picks SVG or PNG. With `--since`,
//! the arrows thicken with the traffic of that window, from the same figures as `pitcrew
//! stats` (the database of DATABASE_URL); without it, no database is opened.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::time::Duration;

use pitcrew::config::Config;
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
pub(crate) async fn graph(
    config: Config,
    id: String,
    out: Option<PathBuf>,
    lang: Option<Lang>,
    since: Option<Duration>,
) -> ExitCode {
    let (dir, id) = (config.content_dir.as_path(), id.as_str());
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
    let traffic = match since {
        None => Traffic::default(),
        Some(window) => match traffic(&config, id, window).await {
            Ok(t) => t,
            Err(code) => return code,
        },
    };
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

/// The traffic of `id` over the last `window`, from the database.
async fn traffic(config: &Config, id: &str, window: Duration) -> Result<Traffic, ExitCode> {
    let desk = super::open_desk(config).await?;
    let figures = desk.figures(Some(id), window).await;
    desk.store().close().await;
    match figures {
        Ok(f) => Ok(f
            .traffic(id)
            .map(|t| picture::figures::traffic(&t))
            .unwrap_or_default()),
        Err(e) => {
            eprintln!("error: the figures of `{id}`: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}
