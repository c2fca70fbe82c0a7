//! "Did this fix it?": the member's answer on a resolved outcome, recorded once per session.
//! A "no" goes on to a volunteer through the ordinary escalation (`Input::Escalate`), which the
//! front end sends next; this records the answer and says what the member now sees.

use super::{Desk, DeskError};
use crate::domain::{Member, SessionId, SessionRecord, Status};
use crate::store::FixedAnswer;
use crate::triage::{self, View};

/// What became of a member's answer.
#[derive(Debug)]
pub enum Answered {
    /// Recorded (or answered before: the member sees the same thanks); the resolved screen
    /// as it stands, for the front end to redraw without the question.
    Done {
        session: Box<SessionRecord>,
        view: Box<View>,
        first: bool,
    },
    /// Not this member's session.
    NotYours,
    /// No such session, its guide is gone, or it is not resolved (a forged or stale button).
    Unknown,
}

impl Desk {
    /// Records `fixed` for `member`'s resolved session `id`, once.
    pub async fn answer_fixed(
        &self,
        member: &Member,
        id: SessionId,
        fixed: bool,
    ) -> Result<Answered, DeskError> {
        let Some(session) = self.store.session(id).await? else {
            return Ok(Answered::Unknown);
        };
        if session.member != *member {
            return Ok(Answered::NotYours);
        }
        let library = self.library();
        let Some(guide) = library.get(&session.guide_id) else {
            return Ok(Answered::Unknown);
        };
        if session.state.status != Status::Resolved {
            return Ok(Answered::Unknown);
        }
        let first = self.store.record_fixed(id, fixed).await? == FixedAnswer::Recorded;
        let car = self.car_for(guide, member).await?;
        let view = triage::view_for(guide, &session.state, car.as_ref());
        Ok(Answered::Done {
            session: Box::new(session),
            view: Box::new(view),
            first,
        })
    }
}
