//! The volunteer handoff, independent of Discord: the card's content built from the answer log
//! (`card`), when to re-notify (`schedule`), and the words people read (`text`). Its data lives
//! in [`crate::domain::handoff`].
pub mod card;
pub mod schedule;
pub mod text;
