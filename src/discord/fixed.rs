//! "Did this fix it?" pressed on a resolved screen: a yes redraws the screen with thanks; a no
//! is recorded and then goes on exactly as "Talk to a volunteer" on that screen would.

use super::interaction::note;
use super::region::Reader;
use super::render;
use super::respond::Reply;
use crate::desk::{Answered, Desk, DeskError};
use crate::domain::{Member, SessionId};
use crate::i18n::Msg;

/// What the press leads to.
pub(super) enum Next {
    /// The answer to send.
    Reply(Box<Reply>),
    /// A "no": escalate the session from its current `step`, as its volunteer button would.
    Escalate { step: u32 },
}

pub(super) async fn answer(
    desk: &Desk,
    member: &Member,
    session: SessionId,
    fixed: bool,
    reader: &Reader<'_>,
) -> Result<Next, DeskError> {
    Ok(match desk.answer_fixed(member, session, fixed).await? {
        Answered::Done { session, .. } if !fixed => Next::Escalate {
            step: session.state.step,
        },
        Answered::Done { session, view, .. } => {
            let region = reader.region_for(&view).await;
            let library = desk.library();
            Next::Reply(Box::new(Reply::Update(render::answered(
                &library,
                session.id,
                &view,
                reader.lang(),
                region,
            ))))
        }
        Answered::NotYours => Next::Reply(Box::new(note(reader, Msg::NotYours))),
        Answered::Unknown => Next::Reply(Box::new(note(reader, Msg::Gone))),
    })
}
