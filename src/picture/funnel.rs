//! The funnel of a guide as a horizontal bar chart: one bar per node in the order members
//! reach them, as long as the number who reached it; the part that left there is drawn apart
//! (red) and said in words ("3 left (25%)"), so a moderator sees at a glance where members
//! give up.

use std::fmt::Write;

use super::raster::svg_to_png;
use super::text::{escape, shorten, FONT_FAMILY};
use super::PictureError;
use crate::guide::Lang;
use crate::i18n::{self, Arg, Msg};

/// The figures of one funnel, in the order the bars are drawn (the caller's order: usually
/// the order members reach the nodes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Funnel {
    pub title: String,
    pub rows: Vec<FunnelRow>,
}

/// One bar: how many members reached `label`, and how many of them left there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunnelRow {
    pub label: String,
    pub reached: u64,
    pub left: u64,
}

const WIDTH: u32 = 960;
const TOP: u32 = 64;
const ROW: u32 = 30;
const BAR: u32 = 22;
const LEGEND: u32 = 48;
const LABEL_END: u32 = 300;
const BAR_START: u32 = 310;
const BAR_MAX: f64 = 420.0;
/// Characters of a label before it is cut with "…"; fits [`LABEL_END`] at 13 px.
const LABEL_CHARS: usize = 36;
const TITLE_CHARS: usize = 70;

const WENT_ON: &str = "#3b82f6";
const LEFT: &str = "#ef4444";

/// The funnel as SVG, in `lang` for the chart's own words.
pub fn funnel_svg(funnel: &Funnel, lang: Lang) -> String {
    let rows = funnel.rows.len().max(1) as u32;
    let height = TOP + rows * ROW + LEGEND;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT_FAMILY}">"#
    );
    let _ = write!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/><text x="16" y="36" font-size="22" fill="#111827" class="title">{}</text>"##,
        escape(&shorten(&funnel.title, TITLE_CHARS))
    );
    if funnel.rows.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="16" fill="#6b7280" text-anchor="middle" class="no-data">{}</text>"##,
            WIDTH / 2,
            TOP + ROW / 2 + 5,
            escape(&i18n::text(lang, Msg::ChartNoData))
        );
    }
    // The longest bar is the most members any node saw; at least 1 so nothing divides by 0.
    let most = funnel
        .rows
        .iter()
        .map(|r| r.reached)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    for (i, row) in funnel.rows.iter().enumerate() {
        bar(&mut svg, TOP + i as u32 * ROW, row, most, lang);
    }
    legend(&mut svg, TOP + rows * ROW + 16, lang);
    svg.push_str("</svg>");
    svg
}

/// The funnel as PNG, for Discord.
pub fn funnel_png(funnel: &Funnel, lang: Lang) -> Result<Vec<u8>, PictureError> {
    svg_to_png(&funnel_svg(funnel, lang))
}

fn bar(svg: &mut String, y: u32, row: &FunnelRow, most: f64, lang: Lang) {
    // Figures from elsewhere may disagree (more left than reached); draw what is possible.
    let left = row.left.min(row.reached);
    let went_on = row.reached - left;
    let went_on_w = went_on as f64 / most * BAR_MAX;
    let left_w = left as f64 / most * BAR_MAX;
    let mid = y + ROW / 2 + 5;
    let _ = write!(
        svg,
        r##"<text x="{LABEL_END}" y="{mid}" font-size="13" fill="#111827" text-anchor="end" class="label">{}</text>"##,
        escape(&shorten(&row.label, LABEL_CHARS))
    );
    let top = y + (ROW - BAR) / 2;
    let _ = write!(
        svg,
        r#"<rect class="went-on" x="{BAR_START}" y="{top}" width="{went_on_w:.1}" height="{BAR}" fill="{WENT_ON}"/>"#
    );
    if left > 0 {
        let _ = write!(
            svg,
            r#"<rect class="left" x="{:.1}" y="{top}" width="{left_w:.1}" height="{BAR}" fill="{LEFT}"/>"#,
            BAR_START as f64 + went_on_w
        );
    }
    let mut figure = row.reached.to_string();
    if left > 0 {
        let share = (left as f64 * 100.0 / row.reached as f64).round();
        let n = i18n::text_with(lang, Msg::ChartLeft, &[(Arg::Number, &left.to_string())]);
        let _ = write!(figure, " · {n} ({share}%)");
    }
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{mid}" font-size="13" fill="#374151" class="figure">{}</text>"##,
        BAR_START as f64 + went_on_w + left_w + 8.0,
        escape(&figure)
    );
}

fn legend(svg: &mut String, y: u32, lang: Lang) {
    let items = [
        (WENT_ON, i18n::text(lang, Msg::ChartWentOn)),
        (LEFT, i18n::text(lang, Msg::ChartLeftHere)),
    ];
    let mut x = BAR_START;
    for (colour, words) in items {
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/><text x="{}" y="{}" font-size="13" fill="#374151">{}</text>"##,
            x + 20,
            y + 12,
            escape(&words)
        );
        x += 220;
    }
}
