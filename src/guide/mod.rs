//! Guides: what moderators write in `content/`, checked before anyone sees it.
//!
//! - [`load`] finds and reads guide files (versions, positions);
//! - [`alarm`] tells whether a member's own words read as an emergency (a forum post);
//! - [`check`] applies every rule and reports problems as `FILE:LINE:COL: what — fix`;
//! - [`fit`] car conditions (`when`, `applies_to`) and whether a member's car fits them;
//! - [`library`] holds the checked guides the bot serves ([`load_library`]);
//! - [`lang`] names the languages a member can read ([`Lang`]);
//! - [`translate`] holds a guide's translations (`NAME.LANG.toml` beside it) and their
//!   source hashes; the checker builds them, [`Guide::text_in`] reads them with fallback;
//! - [`stamp`] writes a skeleton for a new language and re-stamps hashes after a review;
//! - [`search`] ranks guides for a member's own words, over each guide's words as the
//!   library prepared them when it was built (`index.rs`, below both).
pub mod alarm;
pub mod check;
pub mod fit;
mod index;
pub mod lang;
pub mod library;
pub mod limits;
pub mod load;
pub mod model;
pub mod raw;
pub mod search;
pub mod stamp;
pub mod translate;
pub mod words;

pub use check::{check_dir, check_source, CheckReport, Problem, Rule};
pub use fit::{When, Years};
pub use lang::{Lang, UnknownLang};
pub use library::{load_library, Library, LoadError};
pub use model::{AppliesTo, Choice, Guide, GuideVersion, Node, Outcome};
pub use search::{rank, Match, Mode};
