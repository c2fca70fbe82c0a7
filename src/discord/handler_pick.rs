//! A member's presses around a guide that are not a step of it: picking one, resuming the open
//! one, starting fresh. Part of the handler's `Turn`, split off to keep each file to one job.

use super::Turn;
use crate::desk::DeskError;
use crate::discord::ids::Action;
use crate::discord::interaction::note;
use crate::discord::region::Reader;
use crate::discord::render;
use crate::discord::respond::Reply;
use crate::discord::screens;
use crate::domain::{Member, Scope};
use crate::i18n::Msg;

impl Turn<'_> {
    /// Everything around a guide that is not a step: picking, resuming, starting fresh.
    pub(super) async fn pick(
        &self,
        member: &Member,
        scope: &Scope,
        action: Action,
        picked: Option<String>,
        reader: &Reader<'_>,
    ) -> Result<Reply, DeskError> {
        let lang = reader.lang();
        let library = self.desk.library();
        match action {
            Action::Pick => match picked.filter(|id| library.get(id).is_some()) {
                Some(id) => self.start(member, scope, &id, reader).await,
                None => Ok(note(reader, Msg::Broken)),
            },
            Action::Start { guide } if library.get(&guide).is_some() => {
                self.start(member, scope, &guide, reader).await
            }
            Action::Resume { session } => match self.desk.open_session(member, scope).await? {
                Some((open, view)) if open.id == session => {
                    let region = reader.region_for(&view).await;
                    Ok(Reply::Update(render::step(
                        &library, open.id, &view, lang, region,
                    )))
                }
                _ => Ok(note(reader, Msg::Gone)),
            },
            Action::Fresh { session, guide } => {
                // Only the session the offer was drawn for is closed, never a newer one.
                if let Some((open, _)) = self.desk.open_session(member, scope).await? {
                    if open.id != session {
                        return Ok(note(reader, Msg::Gone));
                    }
                    self.desk.cancel(member, scope).await?;
                }
                match guide.filter(|g| library.get(g).is_some()) {
                    Some(g) => self.start(member, scope, &g, reader).await,
                    None => {
                        let car = self.desk.car(member).await?;
                        Ok(Reply::Update(screens::picker_for(
                            &library,
                            None,
                            reader.region().await,
                            car.as_ref(),
                            lang,
                        )))
                    }
                }
            }
            Action::Step { .. }
            | Action::Start { .. }
            | Action::Describe
            | Action::AskVolunteer
            | Action::ForumStart { .. }
            | Action::ForumAsk
            | Action::Fixed { .. }
            | Action::ForgetMe { .. }
            | Action::Handoff { .. } => Ok(note(reader, Msg::Broken)),
        }
    }

    async fn start(
        &self,
        member: &Member,
        scope: &Scope,
        guide: &str,
        reader: &Reader<'_>,
    ) -> Result<Reply, DeskError> {
        let lang = reader.lang();
        let (session, view) = self.desk.start(member, scope, guide).await?;
        let region = reader.region_for(&view).await;
        Ok(Reply::Update(render::step(
            &self.desk.library(),
            session.id,
            &view,
            lang,
            region,
        )))
    }
}
