//! The binary's content commands for guide authors: `check` and `translate` (`graph` has a
//! file of its own, `main_graph.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pitcrew::guide::{self, Lang};

/// `pitcrew check`: every problem as FILE:LINE:COL, then one summary line; exit 1 on any.
pub(crate) fn check(dir: &Path) -> ExitCode {
    // The report prints every problem as FILE:LINE:COL, then one summary line.
    let report = guide::check_dir(dir);
    println!("{report}");
    if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `pitcrew translate`: a skeleton, or stamps. Exit 2 for arguments to fix, 1 for files.
pub(crate) fn translate(
    dir: &Path,
    guide: Option<String>,
    lang: Option<Lang>,
    stamp: &[PathBuf],
) -> ExitCode {
    if !stamp.is_empty() {
        let mut code = ExitCode::SUCCESS;
        for file in stamp {
            match guide::stamp::stamp_file(file) {
                Ok(n) => println!("{}: {n} source hash(es) updated", file.display()),
                Err(e) => {
                    eprintln!("error: {e}");
                    code = ExitCode::FAILURE;
                }
            }
        }
        return code;
    }
    let (Some(id), Some(lang)) = (guide, lang) else {
        eprintln!("error: say which guide and language (`pitcrew translate GUIDE_ID --lang de`), or --stamp FILE");
        return ExitCode::from(2);
    };
    match guide::stamp::write_skeleton(dir, &id, lang) {
        Ok(path) => {
            println!(
                "{}: written; fill in every text, then run `pitcrew check`",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
