//! A guide's decision graph: every node, marked by its kind, and every choice as an arrow,
//! laid out by `layout-rs` (top to bottom, crossings reduced). With traffic, an arrow is as
//! thick as the members who went that way and a node says how many left there; without, the
//! picture still shows authors the shape of their guide.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};

use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::canvas::Canvas;
use super::raster::svg_to_png;
use super::text::{escape, shorten, FONT_FAMILY};
use super::PictureError;
use crate::guide::{Guide, Lang, Node, Outcome};
use crate::i18n::{self, Arg, Msg};

/// Members' traffic through one guide, by node id: who reached each node, who left there,
/// and who went along each choice (from, to). Missing entries count as 0; ids the guide does
/// not have (an older version's nodes) are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Traffic {
    pub reached: BTreeMap<String, u64>,
    pub left: BTreeMap<String, u64>,
    pub edges: BTreeMap<(String, String), u64>,
}

/// What a node is, for its shape and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Step,
    Resolved,
    Escalate,
    Emergency,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Step, Kind::Resolved, Kind::Escalate, Kind::Emergency];

    fn of(node: &Node) -> Kind {
        match node.outcome {
            None => Kind::Step,
            Some(Outcome::Resolved) => Kind::Resolved,
            Some(Outcome::Escalate) => Kind::Escalate,
            Some(Outcome::Emergency) => Kind::Emergency,
        }
    }

    /// The class the SVG marks the node with (tests and stylesheets read it).
    fn class(self) -> &'static str {
        match self {
            Kind::Step => "kind-step",
            Kind::Resolved => "kind-resolved",
            Kind::Escalate => "kind-escalate",
            Kind::Emergency => "kind-emergency",
        }
    }

    /// (fill, line) colours: blue steps, green solved, amber to a volunteer, red emergency.
    fn colours(self) -> (&'static str, &'static str) {
        match self {
            Kind::Step => ("#dbeafe", "#1d4ed8"),
            Kind::Resolved => ("#dcfce7", "#15803d"),
            Kind::Escalate => ("#fef3c7", "#b45309"),
            Kind::Emergency => ("#fee2e2", "#b91c1c"),
        }
    }

    /// Shapes differ too, for readers who cannot tell the colours apart: square boxes for
    /// steps, rounded for solved, an ellipse for a volunteer, a double ellipse for emergency.
    fn shape(self, label: &str) -> ShapeKind {
        match self {
            Kind::Step | Kind::Resolved => ShapeKind::new_box(label),
            Kind::Escalate => ShapeKind::new_circle(label),
            Kind::Emergency => ShapeKind::new_double_circle(label),
        }
    }

    fn words(self, lang: Lang) -> String {
        let msg = match self {
            Kind::Step => Msg::GraphStep,
            Kind::Resolved => Msg::GraphResolved,
            Kind::Escalate => Msg::GraphEscalate,
            Kind::Emergency => Msg::GraphEmergency,
        };
        i18n::text(lang, msg).into_owned()
    }
}

const FONT: usize = 13;
/// Characters of a node id shown in its shape; ids are short by convention.
const ID_CHARS: usize = 28;
const TITLE_CHARS: usize = 70;
const MARGIN: f64 = 16.0;
const HEADER: f64 = 48.0;
const LEGEND: f64 = 64.0;
/// The thinnest (no traffic) and thickest (the busiest choice) arrow, in pixels.
const BASE_LINE: usize = 1;
const MAX_LINE: usize = 10;
/// The outline of a node where members left.
const LEAVE_LINE: &str = "#dc2626";

fn look(fill: &str, line: &str, width: usize, rounded: usize) -> StyleAttr {
    StyleAttr::new(
        Color::fast(line),
        width,
        Some(Color::fast(fill)),
        rounded,
        FONT,
    )
}

/// An arrow's width: the base line without traffic, else growing with its share of the
/// busiest choice, so the main path stands out whatever the totals.
fn line_width(traffic: u64, busiest: u64) -> usize {
    if traffic == 0 || busiest == 0 {
        return BASE_LINE;
    }
    let span = (MAX_LINE - BASE_LINE - 1) as f64;
    BASE_LINE + 1 + (traffic as f64 / busiest as f64 * span).round() as usize
}

/// The graph of `guide` with `traffic`, as SVG, in `lang` for the legend and counts.
pub fn graph_svg(guide: &Guide, traffic: &Traffic, lang: Lang) -> String {
    let canvas = catch_unwind(AssertUnwindSafe(|| laid_out(guide, traffic, lang, false)))
        .or_else(|_| catch_unwind(AssertUnwindSafe(|| laid_out(guide, traffic, lang, true))))
        // layout-rs asserts its own invariants; a guide it cannot lay out still gets a picture
        // naming every node, one under another, rather than none.
        .unwrap_or_else(|_| listed(guide, traffic, lang));
    framed(guide, canvas, lang)
}

/// The graph as PNG, for Discord.
pub fn graph_png(guide: &Guide, traffic: &Traffic, lang: Lang) -> Result<Vec<u8>, PictureError> {
    svg_to_png(&graph_svg(guide, traffic, lang))
}

/// The words inside a node's shape: its id, and how many left there when any did.
fn node_label(node: &Node, traffic: &Traffic, lang: Lang) -> String {
    let mut label = shorten(&node.id, ID_CHARS);
    if let Some(&left) = traffic.left.get(&node.id).filter(|&&n| n > 0) {
        let n = i18n::text_with(lang, Msg::ChartLeft, &[(Arg::Number, &left.to_string())]);
        let _ = write!(label, "\n↘ {n}");
    }
    label
}

fn node_element(node: &Node, traffic: &Traffic, lang: Lang) -> Element {
    let kind = Kind::of(node);
    let (fill, line) = kind.colours();
    let left = traffic.left.get(&node.id).copied().unwrap_or(0);
    // A node where members leave gets a thick red outline besides the count in its label.
    let (line, width) = if left > 0 { (LEAVE_LINE, 4) } else { (line, 2) };
    let rounded = if kind == Kind::Resolved { 14 } else { 0 };
    let shape = kind.shape(&node_label(node, traffic, lang));
    let size = get_shape_size(Orientation::TopToBottom, &shape, FONT, false);
    let props = format!(
        r#"class="node {}{}" data-node="{}" data-left="{left}""#,
        kind.class(),
        if left > 0 { " leaves" } else { "" },
        escape(&node.id)
    );
    Element::create_with_properties(
        shape,
        look(fill, line, width, rounded),
        Orientation::TopToBottom,
        size,
        props,
    )
}

/// The choices of the guide as (from, to) pairs, once each: two choices to the same node are
/// one arrow, as the traffic counts them.
fn edges(guide: &Guide) -> BTreeSet<(String, String)> {
    guide
        .nodes()
        .iter()
        .flat_map(|n| n.choices.iter().map(|c| (n.id.clone(), c.target.clone())))
        .collect()
}

fn laid_out(guide: &Guide, traffic: &Traffic, lang: Lang, plain: bool) -> Canvas {
    let mut graph = VisualGraph::new(Orientation::TopToBottom);
    let handles: BTreeMap<&str, _> = guide
        .nodes()
        .iter()
        .map(|n| {
            (
                n.id.as_str(),
                graph.add_node(node_element(n, traffic, lang)),
            )
        })
        .collect();
    let edges = edges(guide);
    let busiest = edges
        .iter()
        .filter_map(|e| traffic.edges.get(e))
        .copied()
        .max()
        .unwrap_or(0);
    for (from, to) in &edges {
        // A choice that stays on its node (try again) is not drawn: layout-rs loops are
        // fragile, and the node itself is on the picture.
        if from == to {
            continue;
        }
        let (Some(&a), Some(&b)) = (handles.get(from.as_str()), handles.get(to.as_str())) else {
            continue;
        };
        let count = traffic
            .edges
            .get(&(from.clone(), to.clone()))
            .copied()
            .unwrap_or(0);
        let colour = if count > 0 { "#374151" } else { "#9ca3af" };
        let style = look("#ffffff", colour, line_width(count, busiest), 0);
        let props = format!(
            r#"class="edge" data-from="{}" data-to="{}" data-traffic="{count}""#,
            escape(from),
            escape(to)
        );
        let arrow = Arrow::with_properties(
            LineEndKind::None,
            LineEndKind::Arrow,
            LineStyleKind::Normal,
            "",
            &style,
            props,
            &None,
            &None,
        );
        graph.add_edge(arrow, a, b);
    }
    let mut canvas = Canvas::new();
    graph.do_it(false, plain, false, &mut canvas);
    canvas
}

/// Every node in a column, without arrows: the picture when layout-rs gives up.
fn listed(guide: &Guide, traffic: &Traffic, lang: Lang) -> Canvas {
    use layout::core::format::{RenderBackend, Renderable};
    let mut canvas = Canvas::new();
    let mut y = 0.0;
    for node in guide.nodes() {
        let mut element = node_element(node, traffic, lang);
        let size = element.pos.size(false);
        element.move_to(layout::core::geometry::Point::new(200.0, y + size.y / 2.0));
        element.render(false, &mut canvas as &mut dyn RenderBackend);
        y += size.y + 20.0;
    }
    canvas
}

/// The laid-out graph under the guide's title, above the legend, with a margin round it.
fn framed(guide: &Guide, canvas: Canvas, lang: Lang) -> String {
    let (min, max) = canvas.extent().unwrap_or((
        layout::core::geometry::Point::zero(),
        layout::core::geometry::Point::zero(),
    ));
    let title = shorten(guide.title_in(lang), TITLE_CHARS);
    // Wide enough for the legend and the title (about 0.6 em a letter at 20 px), however
    // narrow the guide.
    let least = (title.chars().count() as f64 * 12.0 + 2.0 * MARGIN).max(720.0);
    let width = (max.x - min.x + 2.0 * MARGIN).max(least).ceil();
    let height = (max.y - min.y + HEADER + LEGEND + 2.0 * MARGIN).ceil();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}"><defs><marker id="head" markerUnits="userSpaceOnUse" markerWidth="16" markerHeight="12" refX="14" refY="6" orient="auto"><polygon points="0 0, 16 6, 0 12" fill="#374151"/></marker><marker id="head-start" markerUnits="userSpaceOnUse" markerWidth="16" markerHeight="12" refX="2" refY="6" orient="auto"><polygon points="16 0, 16 12, 0 6" fill="#374151"/></marker></defs><rect width="100%" height="100%" fill="#ffffff"/><text x="{MARGIN}" y="32" font-size="20" fill="#111827" class="title">{}</text>"##,
        escape(&title)
    );
    let _ = write!(
        svg,
        r#"<g transform="translate({:.1} {:.1})">{}</g>"#,
        MARGIN - min.x,
        HEADER + MARGIN - min.y,
        canvas.body
    );
    legend(&mut svg, height - LEGEND + 8.0, lang);
    svg.push_str("</svg>");
    svg
}

/// Room for `words` at 13 px in the one font (its widest letters are about 0.65 em).
fn text_width(words: &str) -> f64 {
    words.chars().count() as f64 * 8.5
}

fn legend(svg: &mut String, y: f64, lang: Lang) {
    let mut x = MARGIN;
    for kind in Kind::ALL {
        let (fill, line) = kind.colours();
        let shape = match kind {
            Kind::Step | Kind::Resolved => format!(
                r#"<rect x="{x}" y="{y}" width="22" height="14" rx="{}" fill="{fill}" stroke="{line}" stroke-width="2"/>"#,
                if kind == Kind::Resolved { 5 } else { 0 }
            ),
            Kind::Escalate | Kind::Emergency => format!(
                r#"<ellipse cx="{}" cy="{}" rx="11" ry="7" fill="{fill}" stroke="{line}" stroke-width="2"/>"#,
                x + 11.0,
                y + 7.0
            ),
        };
        let words = kind.words(lang);
        let _ = write!(
            svg,
            r##"<g class="legend {}">{shape}<text x="{}" y="{}" font-size="13" fill="#374151">{}</text></g>"##,
            kind.class(),
            x + 28.0,
            y + 12.0,
            escape(&words)
        );
        x += 28.0 + text_width(&words) + 24.0;
    }
    let below = y + 28.0;
    let edges = i18n::text(lang, Msg::GraphEdges);
    let _ = write!(
        svg,
        r##"<line x1="{MARGIN}" y1="{}" x2="{}" y2="{}" stroke="#374151" stroke-width="6"/><text x="{}" y="{}" font-size="13" fill="#374151">{}</text>"##,
        below + 6.0,
        MARGIN + 22.0,
        below + 6.0,
        MARGIN + 28.0,
        below + 11.0,
        escape(&edges)
    );
    let x = MARGIN + 28.0 + text_width(&edges) + 24.0;
    let _ = write!(
        svg,
        r##"<g class="legend leaves"><rect x="{x}" y="{below}" width="22" height="14" fill="#ffffff" stroke="{LEAVE_LINE}" stroke-width="3"/><text x="{}" y="{}" font-size="13" fill="#374151">{}</text></g>"##,
        x + 28.0,
        below + 12.0,
        escape(&i18n::text(lang, Msg::ChartLeftHere))
    );
}
