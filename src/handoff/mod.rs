//! The volunteer handoff, independent of Discord: the rules as a service ([`Handoffs`]: claim,
//! release, transfer, resolve, rate, cancel, reminders) over a platform [`port::Port`] and the
//! desk's clock; the card's content built from the answer log (`card`), when to re-notify
//! (`schedule`), and the words people read (`text`). Its data lives in
//! [`crate::domain::handoff`].
pub mod card;
mod deliver;
mod member;
pub mod port;
mod reminders;
pub mod schedule;
mod service;
pub mod text;

pub use deliver::Prepared;
pub use port::{CardView, Ping, Port, PortError};
pub use service::{CardOutcome, Handoffs, NoteOutcome, PressedBy, Rated, Undelivered};
