//! The volunteer handoff, independent of Discord: who may act, the queue order, when to
//! re-notify, and the words members and volunteers read.
pub mod model;

pub use model::{
    Claim, GuildSetup, Handoff, HandoffId, HandoffStatus, NewHandoff, Rating, Ready,
    DEFAULT_RENOTIFY, RENOTIFY_MAX,
};
