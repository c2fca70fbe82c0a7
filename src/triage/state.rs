//! Session state as the engine sees it: plain data, no I/O. The store persists exactly this.
//! It lives in `domain` (see `domain::walk`), below the engine, so the engine can take the
//! member's car from there without a cycle.

pub use crate::domain::walk::{State, Status};
