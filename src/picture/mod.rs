//! Pictures for moderators: the funnel of a guide (how many members reached each node and how
//! many left there) and the guide's decision graph, as SVG and as PNG for Discord, which does
//! not display SVG.
//!
//! Pure: no Discord, no SQL, no clock. The callers hand in plain figures ([`Funnel`],
//! [`Traffic`]) computed elsewhere, so the pictures can be drawn (and tested) without a store.
//! Every picture is SVG written here and rasterised by one renderer ([`raster`]) with one font
//! embedded in the binary, so a server needs no system fonts and no C library.
//!
//! - [`funnel`]: the horizontal bar chart of a guide's funnel;
//! - [`graph`]: the guide's graph laid out by `layout-rs`, drawn by `canvas`;
//! - [`figures`]: the figures of `insight` as a funnel and as a graph's traffic;
//! - `text`: escaping and shortening what moderators and members wrote, for XML.

mod canvas;
pub mod figures;
pub mod funnel;
pub mod graph;
pub mod raster;
mod text;

pub use funnel::{funnel_png, funnel_svg, Funnel, FunnelRow};
pub use graph::{graph_png, graph_svg, Traffic};
pub use raster::{svg_to_png, MAX_SIDE};

/// Why a picture could not be made. Only our own SVG goes in, so each of these is a bug in
/// this module rather than something a caller can fix; callers log it and send the figures
/// without the picture.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("the picture's SVG could not be read: {0}")]
    Svg(String),
    #[error("the picture has no area to draw on ({width}×{height} px)")]
    Empty { width: u32, height: u32 },
    #[error("the picture could not be encoded as PNG: {0}")]
    Png(String),
}
