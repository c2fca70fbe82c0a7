//! The volunteer handoff, independent of Discord: the rules as a service ([`Handoffs`]: claim,
//! release, transfer, resolve, rate, cancel, reminders) over a platform [`port::Port`] and the
//! desk's clock; the card's content built from the answer log (`card`), when to re-notify
//! (`schedule`), and the words people read (`text`); `unguided` hands over a member whose
//! problem no guide covers, with their own words. Its data lives in [`crate::domain::handoff`].
pub mod card;
mod deliver;
mod forget;
mod member;
mod outcome;
pub mod port;
mod reminders;
pub mod schedule;
mod service;
pub mod text;
mod unguided;

pub use deliver::Prepared;
pub use outcome::{CardOutcome, NoteOutcome, PressedBy, Rated, Refusal, Undelivered};
pub use port::{CardView, Ping, Port, PortError};

use std::sync::Arc;

use tokio::sync::Notify;

use crate::desk::Desk;
use crate::domain::Timestamp;
use crate::store::Store;

// The service's type lives here, above its parts: `service` (a volunteer's actions), `member`
// (the member's), `deliver` (opening and drawing) and `reminders` each add their methods to
// it, and none of them reaches into another.
/// The handoff rules over one platform. Cheap to build: it borrows nothing, and every
/// instance built with one `wake` shares one reminder timer.
pub struct Handoffs<P> {
    pub(super) desk: Arc<Desk>,
    pub(super) port: P,
    /// Tells the reminder loop that a due time may have moved earlier.
    pub(super) wake: Arc<Notify>,
}

impl<P: Port> Handoffs<P> {
    pub fn new(desk: Arc<Desk>, port: P, wake: Arc<Notify>) -> Handoffs<P> {
        Handoffs { desk, port, wake }
    }

    pub fn port(&self) -> &P {
        &self.port
    }

    /// The desk the service decides over (the adapter reads a server's region from it).
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    pub(super) fn store(&self) -> &Store {
        self.desk.store()
    }

    pub(super) fn now(&self) -> Timestamp {
        self.desk.now()
    }
}
