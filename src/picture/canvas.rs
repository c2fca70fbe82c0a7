//! The drawing surface `layout-rs` renders the guide graph onto: our own SVG, so the text
//! uses the embedded font, every string is escaped, and the extent of what was drawn is known
//! (the graph is then framed with a title and a legend by [`super::graph`]).

use std::fmt::Write;

use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;

use super::text::escape;

/// SVG elements as drawn, and the box around them.
#[derive(Debug)]
pub(crate) struct Canvas {
    pub body: String,
    min: Point,
    max: Point,
}

impl Canvas {
    pub fn new() -> Canvas {
        Canvas {
            body: String::new(),
            min: Point::splat(f64::MAX),
            max: Point::splat(f64::MIN),
        }
    }

    fn grow(&mut self, a: Point, b: Point) {
        self.min = Point::new(self.min.x.min(a.x.min(b.x)), self.min.y.min(a.y.min(b.y)));
        self.max = Point::new(self.max.x.max(a.x.max(b.x)), self.max.y.max(a.y.max(b.y)));
    }

    /// The top left and bottom right of everything drawn; `None` when nothing was.
    pub fn extent(&self) -> Option<(Point, Point)> {
        (self.min.x <= self.max.x && self.min.y <= self.max.y).then_some((self.min, self.max))
    }
}

/// `fill="#rrggbb"` (or `stroke=…`) and its opacity, from layout's `#rrggbbaa`, which not
/// every SVG reader takes; `none` for no colour.
fn paint(attr: &str, c: Option<Color>) -> String {
    let Some(c) = c else {
        return format!(r#"{attr}="none""#);
    };
    let web = c.to_web_color();
    let rgb = web.get(..7).unwrap_or("#000000");
    let alpha = web
        .get(7..9)
        .and_then(|a| u8::from_str_radix(a, 16).ok())
        .unwrap_or(255);
    if alpha == 255 {
        format!(r#"{attr}="{rgb}""#)
    } else {
        format!(
            r#"{attr}="{rgb}" {attr}-opacity="{:.2}""#,
            f64::from(alpha) / 255.0
        )
    }
}

/// Attributes that [`super::graph`] put on an element; ours, already escaped.
fn props(p: Option<String>) -> String {
    p.unwrap_or_default()
}

impl RenderBackend for Canvas {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(xy, xy.add(size));
        let _ = write!(
            self.body,
            r#"<rect {} x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{}" {} {} stroke-width="{}"/>"#,
            props(properties),
            xy.x,
            xy.y,
            size.x,
            size.y,
            look.rounded,
            paint("fill", look.fill_color),
            paint("stroke", Some(look.line_color)),
            look.line_width
        );
    }

    fn draw_line(
        &mut self,
        start: Point,
        stop: Point,
        look: &StyleAttr,
        properties: Option<String>,
    ) {
        self.grow(start, stop);
        let _ = write!(
            self.body,
            r#"<line {} x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" {} stroke-width="{}"/>"#,
            props(properties),
            start.x,
            start.y,
            stop.x,
            stop.y,
            paint("stroke", Some(look.line_color)),
            look.line_width
        );
    }

    fn draw_circle(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
    ) {
        let half = size.scale(0.5);
        self.grow(xy.sub(half), xy.add(half));
        let _ = write!(
            self.body,
            r#"<ellipse {} cx="{:.1}" cy="{:.1}" rx="{:.1}" ry="{:.1}" {} {} stroke-width="{}"/>"#,
            props(properties),
            xy.x,
            xy.y,
            half.x,
            half.y,
            paint("fill", look.fill_color),
            paint("stroke", Some(look.line_color)),
            look.line_width
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        let size = look.font_size as f64;
        let lines: Vec<&str> = text.lines().collect();
        // Lines centred on the shape's middle; 0.35em puts a line's middle on its y.
        let first = xy.y - (lines.len().saturating_sub(1) as f64) * size * 0.6 + size * 0.35;
        let _ = write!(
            self.body,
            r##"<text text-anchor="middle" font-size="{}" fill="#111827">"##,
            look.font_size
        );
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                self.body,
                r#"<tspan x="{:.1}" y="{:.1}">{}</tspan>"#,
                xy.x,
                first + i as f64 * size * 1.2,
                escape(line)
            );
        }
        self.body.push_str("</text>");
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        properties: Option<String>,
        _text: &str,
    ) {
        // layout-rs gives (point, control) pairs: M p0 C c0, c1 p1, then S c p for the rest.
        let (Some(first), Some(second)) = (path.first(), path.get(1)) else {
            return;
        };
        for (p, c) in path {
            self.grow(*p, *c);
        }
        let mut d = format!(
            "M {:.1} {:.1} C {:.1} {:.1}, {:.1} {:.1}, {:.1} {:.1}",
            first.0.x,
            first.0.y,
            first.1.x,
            first.1.y,
            second.0.x,
            second.0.y,
            second.1.x,
            second.1.y
        );
        for (c, p) in path.iter().skip(2) {
            let _ = write!(d, " S {:.1} {:.1}, {:.1} {:.1}", c.x, c.y, p.x, p.y);
        }
        let _ = write!(
            self.body,
            r#"<path {} d="{d}" fill="none" {} stroke-width="{}"{}{}{}/>"#,
            props(properties),
            paint("stroke", Some(look.line_color)),
            look.line_width,
            if dashed {
                r#" stroke-dasharray="5,5""#
            } else {
                ""
            },
            if head.0 {
                r#" marker-start="url(#head-start)""#
            } else {
                ""
            },
            if head.1 {
                r#" marker-end="url(#head)""#
            } else {
                ""
            },
        );
    }

    fn create_clip(&mut self, _xy: Point, _size: Point, _rounded_px: usize) -> ClipHandle {
        // Only records clip, and the graph draws none.
        0
    }
}
