//! SVG to PNG with `resvg`, the one renderer for every picture, and the one font.
//!
//! The font (DejaVu Sans, licence in `assets/fonts/`) is compiled into the binary and is the
//! only font the renderer knows: no system fonts, no fontconfig, so a picture looks the same
//! on every server and umlauts always have glyphs.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::text::FONT_FAMILY;
use super::PictureError;

/// The longest side of a PNG in pixels. A bigger picture is scaled down to fit: Discord
/// shows it shrunk to a phone's width anyway, and the file stays far below its upload limit.
pub const MAX_SIDE: u32 = 2400;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The font database, built once: parsing the font's tables on every picture would be waste.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(FONT.to_vec());
            // Whatever family a picture asks for, the one font answers.
            db.set_sans_serif_family(FONT_FAMILY);
            db.set_serif_family(FONT_FAMILY);
            db.set_monospace_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// `svg` as a PNG on white, at its own size, or scaled down so no side exceeds [`MAX_SIDE`].
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, PictureError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PictureError::Svg(e.to_string()))?;
    let size = tree.size();
    let side = MAX_SIDE as f32;
    let scale = (side / size.width()).min(side / size.height()).min(1.0);
    let width = (size.width() * scale).ceil().clamp(1.0, side) as u32;
    let height = (size.height() * scale).ceil().clamp(1.0, side) as u32;
    let mut pixmap = Pixmap::new(width, height).ok_or(PictureError::Empty { width, height })?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PictureError::Png(e.to_string()))
}
