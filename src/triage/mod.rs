//! The triage engine: pure transitions over a checked guide. No Discord, no SQL, no clock.
pub mod engine;
mod fit;
pub mod localize;
pub mod state;
pub mod view;

pub use engine::{
    apply, apply_for, reconcile, start, start_for, view, view_for, Input, Reconciled, Refused,
    Transition,
};
pub use localize::localize;
pub use state::{State, Status};
pub use view::{ChoiceView, Flags, Nav, Notice, View};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_car;
