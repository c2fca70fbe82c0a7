//! Guides: what moderators write in `content/`, checked before anyone sees it.
pub mod limits;
pub mod model;
pub mod raw;

pub use model::{AppliesTo, Choice, Guide, GuideVersion, Node, Outcome};
