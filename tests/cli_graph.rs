//! `pitcrew graph` as a guide's author runs it: SVG to stdout, SVG or PNG to a file, and an
//! operator error naming what to fix.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use resvg::tiny_skia::Pixmap;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn pitcrew(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pitcrew"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("CONTENT_DIR", content())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("pitcrew.db").display()),
        )
        .output()
        .expect("pitcrew runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn graph_prints_svg_naming_every_node() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = pitcrew(dir.path(), &["graph", "flat-tyre"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(svg.starts_with("<svg"), "{svg}");
    let library = pitcrew::guide::load_library(&content()).expect("shipped content");
    let guide = library.get("flat-tyre").expect("flat-tyre ships");
    for node in guide.nodes() {
        assert!(
            svg.contains(&format!(r#"data-node="{}""#, node.id)),
            "{}",
            node.id
        );
    }
}

#[test]
fn graph_writes_png_and_svg_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("flat.png");
    let out = pitcrew(
        dir.path(),
        &["graph", "flat-tyre", "--out", &png.to_string_lossy()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&png).expect("the PNG was written");
    let pixmap = Pixmap::decode_png(&bytes).expect("a PNG");
    assert!(pixmap.width() >= 200 && pixmap.height() >= 200);

    let svg = dir.path().join("flat.SVG");
    let out = pitcrew(
        dir.path(),
        &[
            "graph",
            "flat-tyre",
            "--out",
            &svg.to_string_lossy(),
            "--lang",
            "de",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).expect("the SVG was written");
    assert!(
        text.starts_with("<svg") && text.contains("Schritt"),
        "German legend"
    );
}

#[test]
fn graph_names_an_unknown_guide_or_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = pitcrew(dir.path(), &["graph", "no-such-guide"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no-such-guide") && err.contains("flat-tyre"),
        "{err}"
    );

    let jpg = dir.path().join("flat.jpg");
    let out = pitcrew(
        dir.path(),
        &["graph", "flat-tyre", "--out", &jpg.to_string_lossy()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("flat.jpg"), "{}", stderr(&out));
    assert!(!jpg.exists());
}
