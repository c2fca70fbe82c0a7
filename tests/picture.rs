//! The pictures for moderators (issue 13): the funnel chart and the guide graph decode as PNG
//! at sensible sizes, say what they must (every node, kinds, traffic, drop-off), and survive
//! what moderators write (markup in titles, umlauts, long labels).

use std::path::{Path, PathBuf};

use pitcrew::guide::{load_library, Guide, Lang, Library};
use pitcrew::picture::{
    funnel_png, funnel_svg, graph_png, graph_svg, svg_to_png, Funnel, FunnelRow, Traffic, MAX_SIDE,
};
use resvg::tiny_skia::Pixmap;

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn decode(png: &[u8]) -> Pixmap {
    Pixmap::decode_png(png).expect("a PNG that decodes")
}

/// Whether any pixel of `pixmap` is clearly not white: something was drawn.
fn has_ink(pixmap: &Pixmap) -> bool {
    pixmap
        .pixels()
        .iter()
        .any(|p| p.red() < 128 && p.green() < 128 && p.blue() < 128)
}

fn rows(n: usize) -> Vec<FunnelRow> {
    (0..n)
        .map(|i| FunnelRow {
            label: format!("step-{i}"),
            reached: 100 - i as u64,
            left: 1,
        })
        .collect()
}

fn funnel(title: &str, rows: Vec<FunnelRow>) -> Funnel {
    Funnel {
        title: title.to_string(),
        rows,
    }
}

fn shipped() -> Library {
    load_library(&manifest("content")).expect("shipped content")
}

/// A library of one guide: the CLI fixture, its title replaced by `title`.
fn fixture_titled(dir: &Path, title: &str) -> Library {
    let source =
        std::fs::read_to_string(manifest("tests/fixtures/cli/stuck-fob.toml")).expect("fixture");
    let source = source.replacen(
        r#"title = "Fob does nothing""#,
        &format!("title = {}", toml_string(title)),
        1,
    );
    std::fs::write(dir.join("stuck-fob.toml"), source).expect("write guide");
    load_library(dir).expect("the fixture with its new title loads")
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn fob() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = fixture_titled(dir.path(), "Fob does nothing");
    (dir, library)
}

fn guide<'a>(library: &'a Library, id: &str) -> &'a Guide {
    library.get(id).expect("the guide")
}

/// The opening tag of the first element carrying `attr` (e.g. `data-node="fixed"`).
fn tag_with<'a>(svg: &'a str, attr: &str) -> &'a str {
    let at = svg
        .find(attr)
        .unwrap_or_else(|| panic!("no {attr} in the SVG"));
    let start = svg[..at].rfind('<').expect("a tag start");
    let end = at + svg[at..].find('>').expect("a tag end");
    &svg[start..=end]
}

/// The value of `name` in `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let at = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    &tag[at..at + tag[at..].find('"').expect("a closing quote")]
}

// --- the funnel -------------------------------------------------------------------------------

#[test]
fn funnel_png_decodes_at_a_sensible_size() {
    let png = funnel_png(&funnel("Flat tyre", rows(3)), Lang::En).expect("a picture");
    let pixmap = decode(&png);
    assert!(
        (400..=MAX_SIDE).contains(&pixmap.width()),
        "width {}",
        pixmap.width()
    );
    assert!(
        (100..=MAX_SIDE).contains(&pixmap.height()),
        "height {}",
        pixmap.height()
    );
    assert!(has_ink(&pixmap), "the chart is not blank");
}

#[test]
fn funnel_grows_with_its_rows_and_forty_still_fit() {
    let one = decode(&funnel_png(&funnel("t", rows(1)), Lang::En).expect("one row"));
    let forty = decode(&funnel_png(&funnel("t", rows(40)), Lang::En).expect("forty rows"));
    assert!(
        forty.height() > one.height(),
        "{} vs {}",
        forty.height(),
        one.height()
    );
    assert!(forty.height() <= MAX_SIDE && forty.width() <= MAX_SIDE);
    let svg = funnel_svg(&funnel("t", rows(40)), Lang::En);
    assert!(
        svg.contains(">step-0<") && svg.contains(">step-39<"),
        "every row drawn"
    );
}

#[test]
fn funnel_without_rows_says_there_is_no_data_yet() {
    let empty = funnel("Flat tyre", vec![]);
    assert!(funnel_svg(&empty, Lang::En).contains("No data yet"));
    assert!(funnel_svg(&empty, Lang::De).contains("Noch keine Daten"));
    let pixmap = decode(&funnel_png(&empty, Lang::En).expect("a picture"));
    assert!(pixmap.height() >= 100);
}

#[test]
fn funnel_marks_the_part_that_left_with_count_and_share() {
    let svg = funnel_svg(
        &funnel(
            "t",
            vec![
                FunnelRow {
                    label: "start".into(),
                    reached: 12,
                    left: 3,
                },
                FunnelRow {
                    label: "fixed".into(),
                    reached: 9,
                    left: 0,
                },
            ],
        ),
        Lang::En,
    );
    assert!(svg.contains("12 · 3 left (25%)"), "{svg}");
    assert_eq!(
        svg.matches(r#"class="left""#).count(),
        1,
        "only the row where members left"
    );
    let went_on: f64 = attr(tag_with(&svg, r#"class="went-on""#), "width")
        .parse()
        .expect("a width");
    let left: f64 = attr(tag_with(&svg, r#"class="left""#), "width")
        .parse()
        .expect("a width");
    assert!(
        (went_on / left - 3.0).abs() < 0.01,
        "9 went on, 3 left: {went_on} vs {left}"
    );
}

#[test]
fn funnel_cuts_long_labels_and_keeps_umlauts() {
    let long = "a".repeat(200);
    let svg = funnel_svg(
        &funnel(
            "Schlüssel",
            vec![
                FunnelRow {
                    label: long.clone(),
                    reached: 5,
                    left: 0,
                },
                FunnelRow {
                    label: "Zündschlüssel klemmt".into(),
                    reached: 4,
                    left: 4,
                },
            ],
        ),
        Lang::De,
    );
    assert!(!svg.contains(&long), "the long label is cut");
    assert!(svg.contains("…"));
    assert!(svg.contains("Zündschlüssel klemmt"));
    assert!(
        svg.contains("4 aufgehört (100%)"),
        "the German words: {svg}"
    );
}

#[test]
fn the_embedded_font_draws_text_with_umlauts() {
    // Nothing but text: without a font the renderer draws nothing at all.
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="30" font-size="24">Zündschlüssel</text></svg>"#;
    assert!(has_ink(&decode(&svg_to_png(svg).expect("a picture"))));
}

#[test]
fn funnel_escapes_a_hostile_title_and_label() {
    let hostile = r#"<script>alert("x")</script> & Co"#;
    let svg = funnel_svg(
        &funnel(
            hostile,
            vec![FunnelRow {
                label: hostile.into(),
                reached: 1,
                left: 0,
            }],
        ),
        Lang::En,
    );
    assert!(!svg.contains("<script>"), "{svg}");
    assert!(svg.contains("&lt;script&gt;"));
    assert!(svg.contains("&amp; Co"));
    // Well-formed XML: the renderer reads it.
    decode(&funnel_png(&funnel(hostile, vec![]), Lang::En).expect("a picture"));
}

#[test]
fn funnel_survives_more_left_than_reached() {
    let odd = funnel(
        "t",
        vec![FunnelRow {
            label: "x".into(),
            reached: 2,
            left: 5,
        }],
    );
    decode(&funnel_png(&odd, Lang::En).expect("a picture"));
}

// --- the graph --------------------------------------------------------------------------------

#[test]
fn graph_names_every_node_of_every_shipped_guide_and_decodes() {
    let library = shipped();
    assert!(library.len() > 5);
    for guide in library.iter() {
        let svg = graph_svg(guide, &Traffic::default(), Lang::En);
        for node in guide.nodes() {
            assert!(
                svg.contains(&format!(r#"data-node="{}""#, node.id)),
                "{}: node {} missing",
                guide.id,
                node.id
            );
        }
        let pixmap = decode(&graph_png(guide, &Traffic::default(), Lang::En).expect("a picture"));
        assert!(
            pixmap.width() >= 200 && pixmap.width() <= MAX_SIDE,
            "{}: width",
            guide.id
        );
        assert!(
            pixmap.height() >= 200 && pixmap.height() <= MAX_SIDE,
            "{}: height",
            guide.id
        );
        assert!(has_ink(&pixmap), "{}: not blank", guide.id);
    }
}

#[test]
fn graph_marks_each_kind_with_its_own_shape_and_colour_and_a_legend() {
    let (_dir, library) = fob();
    let svg = graph_svg(guide(&library, "stuck-fob"), &Traffic::default(), Lang::En);
    let kinds = [
        ("battery", "kind-step", "rect"),
        ("fixed", "kind-resolved", "rect"),
        ("ask-human", "kind-escalate", "ellipse"),
        ("danger", "kind-emergency", "ellipse"),
    ];
    let mut fills = Vec::new();
    for (node, class, element) in kinds {
        let tag = tag_with(&svg, &format!(r#"data-node="{node}""#));
        assert!(attr(tag, "class").contains(class), "{node}: {tag}");
        assert!(tag.starts_with(&format!("<{element} ")), "{node}: {tag}");
        fills.push(attr(tag, "fill").to_string());
        assert!(
            svg.contains(&format!(r#"class="legend {class}""#)),
            "legend for {class}"
        );
    }
    fills.sort();
    fills.dedup();
    assert_eq!(fills.len(), 4, "four colours: {fills:?}");
    // Steps are square, solved outcomes rounded.
    let step = tag_with(&svg, r#"data-node="battery""#);
    let resolved = tag_with(&svg, r#"data-node="fixed""#);
    assert_ne!(attr(step, "rx"), attr(resolved, "rx"));
}

#[test]
fn graph_draws_a_busier_choice_thicker_and_every_choice_without_traffic() {
    let (_dir, library) = fob();
    let fob = guide(&library, "stuck-fob");
    let width = |svg: &str, from: &str, to: &str| -> f64 {
        let tag = tag_with(svg, &format!(r#"data-from="{from}" data-to="{to}""#));
        attr(tag, "stroke-width").parse().expect("a width")
    };
    let quiet = graph_svg(fob, &Traffic::default(), Lang::En);
    assert_eq!(
        quiet.matches(r#"class="edge""#).count(),
        6,
        "every choice an arrow"
    );
    assert_eq!(
        width(&quiet, "safe", "battery"),
        width(&quiet, "safe", "danger")
    );

    let mut traffic = Traffic::default();
    traffic.edges.insert(("safe".into(), "battery".into()), 10);
    traffic.edges.insert(("battery".into(), "blade".into()), 2);
    let busy = graph_svg(fob, &traffic, Lang::En);
    let most = width(&busy, "safe", "battery");
    let some = width(&busy, "battery", "blade");
    let none = width(&busy, "safe", "danger");
    assert!(most > some && some > none, "{most} > {some} > {none}");
}

#[test]
fn graph_shows_where_members_leave() {
    let (_dir, library) = fob();
    let mut traffic = Traffic::default();
    traffic.left.insert("battery".into(), 4);
    let svg = graph_svg(guide(&library, "stuck-fob"), &traffic, Lang::En);
    assert!(svg.contains("4 left"), "{svg}");
    assert!(attr(tag_with(&svg, r#"data-node="battery""#), "class").contains("leaves"));
    assert!(!attr(tag_with(&svg, r#"data-node="blade""#), "class").contains("leaves"));
    let de = graph_svg(guide(&library, "stuck-fob"), &traffic, Lang::De);
    assert!(de.contains("4 aufgehört"));
}

#[test]
fn graph_escapes_a_hostile_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = fixture_titled(dir.path(), r#"<svg onload="x"> & </svg> Tür"#);
    let fob = guide(&library, "stuck-fob");
    let svg = graph_svg(fob, &Traffic::default(), Lang::En);
    assert!(!svg.contains("<svg onload"), "{svg}");
    assert!(svg.contains("&lt;svg onload=&quot;x&quot;&gt; &amp; &lt;/svg&gt; Tür"));
    decode(&graph_png(fob, &Traffic::default(), Lang::En).expect("a picture"));
}

#[test]
fn a_picture_larger_than_the_cap_is_scaled_down_to_fit() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="1200"><rect width="6000" height="1200" fill="black"/></svg>"#;
    let pixmap = decode(&svg_to_png(svg).expect("a picture"));
    assert_eq!(pixmap.width(), MAX_SIDE);
    assert_eq!(pixmap.height(), MAX_SIDE / 5, "the same shape");
}
