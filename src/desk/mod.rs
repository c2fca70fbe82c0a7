//! The application service both front ends call. It joins the pure engine to the store:
//! every change is committed before the view that shows it is returned, and a press is judged
//! (whose session, which step, which guide version) here, once, for Discord and terminal alike.

use arc_swap::ArcSwap;
use thiserror::Error;

use std::sync::Arc;

use crate::domain::{
    Car, Clock, Member, NewAnswer, Scope, SessionId, SessionRecord, SystemClock, Timestamp,
};
use crate::guide::{Guide, Library};
use crate::store::{Advance, Store, StoreError};
use crate::triage::{self, Input, Notice, Reconciled, State, Status, View};

mod cars;
mod fixed;
mod stats;
pub use fixed::Answered;

#[derive(Debug, Error)]
pub enum DeskError {
    #[error("there is no guide `{0}`")]
    UnknownGuide(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What became of a press.
#[derive(Debug)]
pub enum Pressed {
    /// The session moved on; the new state is stored.
    Moved { session: SessionRecord, view: View },
    /// Nothing changed (an old screen, a lost race, a guide edited meanwhile): here is the
    /// current screen, with a notice saying why.
    Unchanged { session: SessionRecord, view: View },
    /// The session belongs to another member. Nothing about it is revealed.
    NotYours,
    /// No such session (a forged or very old button).
    Unknown,
}

/// What `/triage guide` found: a new session, or the member's open one, left as it was.
#[derive(Debug)]
pub enum Opened {
    Started {
        session: SessionRecord,
        view: View,
    },
    /// The member has a session open here; drawn as for a resume offer.
    AlreadyOpen {
        session: SessionRecord,
        view: View,
    },
}

/// The answer log's entry when a member's session is moved onto an edited guide.
const GUIDE_UPDATED: &str = "[guide updated]";
/// The answer log's entry for `/triage cancel` and for a session replaced by a new one.
const CANCELLED: &str = "[cancelled]";

/// The desk. A reload swaps its guides whole ([`Desk::replace_library`]); each call reads one
/// snapshot, and an interaction takes a [`Desk::pinned`] copy so it sees one set throughout.
pub struct Desk {
    /// The running set, shared with every pinned copy.
    shelf: Arc<ArcSwap<Library>>,
    /// The set a pinned copy keeps to; `None` reads the shelf afresh.
    pinned: Option<Arc<Library>>,
    store: Store,
    clock: Arc<dyn Clock>,
    /// Days after which finished sessions are anonymised (see `retention`).
    retention_days: u32,
}

impl Desk {
    /// A desk on the wall clock.
    pub fn new(library: Library, store: Store) -> Desk {
        Desk::with_clock(library, store, Arc::new(SystemClock))
    }

    /// A desk whose "now" comes from `clock` (tests).
    pub fn with_clock(library: Library, store: Store, clock: Arc<dyn Clock>) -> Desk {
        Desk {
            shelf: Arc::new(ArcSwap::from_pointee(library)),
            pinned: None,
            store,
            clock,
            retention_days: crate::config::DEFAULT_RETENTION_DAYS,
        }
    }

    /// This desk kept to the guides as they are now, whatever is swapped in meanwhile.
    pub fn pinned(&self) -> Desk {
        Desk {
            shelf: Arc::clone(&self.shelf),
            pinned: Some(self.library()),
            retention_days: self.retention_days,
            store: self.store.clone(),
            clock: Arc::clone(&self.clock),
        }
    }

    /// Swaps in `library` as the running set, whole; pinned copies finish on their own.
    pub fn replace_library(&self, library: Library) {
        self.shelf.store(Arc::new(library));
    }

    /// This desk with `days` as the retention period (`RETENTION_DAYS`).
    pub fn with_retention(mut self, days: u32) -> Desk {
        self.retention_days = days;
        self
    }

    /// Days after which finished sessions and closed handoffs are anonymised.
    pub fn retention_days(&self) -> u32 {
        self.retention_days
    }

    /// The time as this desk's clock reads it.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The clock itself, for services that share it.
    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.clock)
    }

    /// The pinned set, else a snapshot of the running one (keep it for one answer).
    pub fn library(&self) -> Arc<Library> {
        match &self.pinned {
            Some(library) => Arc::clone(library),
            None => self.shelf.load_full(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The member's open session in this place, drawn as it stands now (for a resume offer).
    /// A session whose guide was deleted is closed and not offered.
    pub async fn open_session(
        &self,
        member: &Member,
        scope: &Scope,
    ) -> Result<Option<(SessionRecord, View)>, DeskError> {
        let Some(session) = self.store.active_session(member, scope).await? else {
            return Ok(None);
        };
        let library = self.library();
        let Some(guide) = library.get(&session.guide_id) else {
            self.close(&session, Status::Abandoned).await?;
            return Ok(None);
        };
        let car = self.car_for(guide, member).await?;
        let car = car.as_ref();
        let view = match triage::reconcile(guide, &session.guide_version, &session.state) {
            Reconciled::Unchanged(state) | Reconciled::Continued(state) => {
                triage::view_for(guide, &state, car).with_notice(Notice::Resumed)
            }
            Reconciled::StepRemoved(state) => triage::view_for(guide, &state, car),
        };
        Ok(Some((session, view)))
    }

    /// Starts `guide_id` for the member here, replacing any open session in this place.
    pub async fn start(
        &self,
        member: &Member,
        scope: &Scope,
        guide_id: &str,
    ) -> Result<(SessionRecord, View), DeskError> {
        let library = self.library();
        let guide = library
            .get(guide_id)
            .ok_or_else(|| DeskError::UnknownGuide(guide_id.to_string()))?;
        let car = self.car_for(guide, member).await?;
        let (state, view) = triage::start_for(guide, car.as_ref());
        let session = self
            .store
            .start_session(member, scope, &guide.id, &guide.version, &state, self.now())
            .await?;
        Ok((session, view))
    }

    /// Starts `guide_id` for the member here, unless they have a session open here: that one is
    /// returned instead, untouched, to be offered for resuming. Checked and started in one
    /// write, so the usual case costs the store one round trip.
    pub async fn start_unless_open(
        &self,
        member: &Member,
        scope: &Scope,
        guide_id: &str,
    ) -> Result<Opened, DeskError> {
        let library = self.library();
        let guide = library
            .get(guide_id)
            .ok_or_else(|| DeskError::UnknownGuide(guide_id.to_string()))?;
        let car = self.car_for(guide, member).await?;
        let (state, view) = triage::start_for(guide, car.as_ref());
        if let Some(session) = self
            .store
            .start_session_unless_active(
                member,
                scope,
                &guide.id,
                &guide.version,
                &state,
                self.now(),
            )
            .await?
        {
            return Ok(Opened::Started { session, view });
        }
        if let Some((session, view)) = self.open_session(member, scope).await? {
            return Ok(Opened::AlreadyOpen { session, view });
        }
        // Closed meanwhile, or its guide is gone (`open_session` closed it): start afresh.
        let session = self
            .store
            .start_session(member, scope, &guide.id, &guide.version, &state, self.now())
            .await?;
        Ok(Opened::Started { session, view })
    }

    /// Ends the member's open session here, if any (`/triage cancel`, or `n` at a resume offer).
    pub async fn cancel(
        &self,
        member: &Member,
        scope: &Scope,
    ) -> Result<Option<SessionRecord>, DeskError> {
        // A press may land between our read and our write; retry on the fresh row a few times.
        for _ in 0..3 {
            let Some(session) = self.store.active_session(member, scope).await? else {
                return Ok(None);
            };
            if let Some(closed) = self.close(&session, Status::Abandoned).await? {
                return Ok(Some(closed));
            }
        }
        Ok(None)
    }

    /// Applies a press made on the screen drawn for `step` of session `id`.
    pub async fn press(
        &self,
        member: &Member,
        id: SessionId,
        step: u32,
        input: Input,
    ) -> Result<Pressed, DeskError> {
        let Some(session) = self.store.session_for_press(id, step).await? else {
            return Ok(Pressed::Unknown);
        };
        if session.member != *member {
            return Ok(Pressed::NotYours);
        }
        let library = self.library();
        let Some(guide) = library.get(&session.guide_id) else {
            return Ok(Pressed::Unknown);
        };
        let car = self.car_for(guide, member).await?;
        let car = car.as_ref();
        if session.state.step != step {
            return Ok(unchanged(guide, session, Notice::OldStep, car));
        }
        if input == Input::Restart && session.state.status != Status::Active {
            // A finished walk is never reopened: starting over is a new session, so every walk
            // keeps its own outcome in the log.
            let (session, view) = self.start(member, &session.scope, &guide.id).await?;
            return Ok(Pressed::Moved { session, view });
        }
        let state = match triage::reconcile(guide, &session.guide_version, &session.state) {
            Reconciled::Unchanged(state) => state,
            // A choice's position may mean something else in the new version, so a choice is
            // not applied blind: the member sees the new screen first. Navigation keeps its
            // meaning and goes through.
            Reconciled::Continued(state) if matches!(input, Input::Choose(_)) => {
                return self.rebase(guide, session, state, car).await;
            }
            Reconciled::Continued(state) | Reconciled::StepRemoved(state) => state,
        };
        let transition = match triage::apply_for(guide, &state, input, car) {
            Ok(t) => t,
            Err(_) => return Ok(unchanged(guide, session, Notice::Unavailable, car)),
        };
        let answer = NewAnswer {
            node: state.node.clone(),
            choice: transition.pressed,
        };
        match self
            .store
            .advance(
                id,
                step,
                &transition.state,
                &guide.version,
                &answer,
                self.now(),
            )
            .await?
        {
            Advance::Applied(session) => Ok(Pressed::Moved {
                session,
                view: transition.view,
            }),
            Advance::Stale(current) => Ok(unchanged(guide, current, Notice::OldStep, car)),
        }
    }

    /// Moves a session onto the current version of its guide without applying anything, so
    /// the member's next press is judged against what they now see.
    async fn rebase(
        &self,
        guide: &Guide,
        session: SessionRecord,
        state: State,
        car: Option<&Car>,
    ) -> Result<Pressed, DeskError> {
        let next = State {
            step: state.step.wrapping_add(1),
            ..state
        };
        let answer = NewAnswer {
            node: next.node.clone(),
            choice: GUIDE_UPDATED.into(),
        };
        let stored = self
            .store
            .advance(
                session.id,
                session.state.step,
                &next,
                &guide.version,
                &answer,
                self.now(),
            )
            .await?;
        let current = match stored {
            Advance::Applied(s) => s,
            Advance::Stale(s) => s,
        };
        Ok(unchanged(guide, current, Notice::GuideUpdated, car))
    }

    /// Closes `session` with `status`; `None` when another change got there first.
    async fn close(
        &self,
        session: &SessionRecord,
        status: Status,
    ) -> Result<Option<SessionRecord>, DeskError> {
        let next = State {
            step: session.state.step.wrapping_add(1),
            status,
            ..session.state.clone()
        };
        let answer = NewAnswer {
            node: session.state.node.clone(),
            choice: CANCELLED.into(),
        };
        match self
            .store
            .advance(
                session.id,
                session.state.step,
                &next,
                &session.guide_version,
                &answer,
                self.now(),
            )
            .await?
        {
            Advance::Applied(s) => Ok(Some(s)),
            Advance::Stale(_) => Ok(None),
        }
    }
}

/// The current screen of `session` for `car`, with `notice` (a closed session says so instead).
fn unchanged(guide: &Guide, session: SessionRecord, notice: Notice, car: Option<&Car>) -> Pressed {
    let notice = if session.state.status == Status::Abandoned {
        Notice::Closed
    } else {
        notice
    };
    let view = match triage::reconcile(guide, &session.guide_version, &session.state) {
        Reconciled::StepRemoved(state) => triage::view_for(guide, &state, car),
        Reconciled::Unchanged(state) | Reconciled::Continued(state) => {
            triage::view_for(guide, &state, car).with_notice(notice)
        }
    };
    Pressed::Unchanged { session, view }
}
