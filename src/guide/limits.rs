//! Content limits. They are stricter than Discord's own so the renderer always has room for
//! its navigation row and a short notice (see ../shared/DESIGN.md, "Discord limits").

/// Discord's button label limit.
pub const LABEL_MAX: usize = 80;
/// Message content is 2000 characters; 200 are kept for the title line and notices.
pub const NODE_TEXT_MAX: usize = 1800;
/// 5 action rows of 5 buttons, one row kept for Back / Start over / Talk to a volunteer.
pub const CHOICES_MAX: usize = 20;
/// A person in danger reaches emergency instructions in at most this many taps from the start.
pub const EMERGENCY_MAX_DEPTH: usize = 2;
/// Ids travel inside Discord custom_ids only as indices, but keep them short and readable.
pub const ID_MAX: usize = 64;
/// Title goes into embed titles (256) and autocomplete choice names (100).
pub const TITLE_MAX: usize = 100;
/// Summary goes into select-menu option descriptions (100).
pub const SUMMARY_MAX: usize = 100;
