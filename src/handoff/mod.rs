//! The volunteer handoff, independent of Discord: the data (`model`), the card's content built
//! from the answer log (`card`), when to re-notify (`schedule`), and the words people read
//! (`text`). The Discord adapter performs the side effects; the store keeps the state.
pub mod card;
pub mod model;
pub mod schedule;
pub mod text;

pub use model::{
    Claim, GuildSetup, Handoff, HandoffId, HandoffStatus, NewHandoff, Rating, Ready,
    DEFAULT_RENOTIFY, RENOTIFY_MAX,
};
