//! The triage engine: pure transitions over a checked guide.
pub mod state;

pub use state::{State, Status};
