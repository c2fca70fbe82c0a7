//! What the member does around a handoff: a note for the volunteers, the answer to "Did this
//! solve it?", and `/triage cancel`. Each is judged against the stored handoff: only its member
//! may act, and only while it is in a state the action applies to.

use super::card;
use super::outcome::{NoteOutcome, Rated};
use super::port::Port;
use super::text;
use super::Handoffs;
use crate::domain::{GuildId, Handoff, HandoffId, Rating, UserId};
use crate::guide::Lang;
use crate::store::StoreError;

impl<P: Port> Handoffs<P> {
    /// The language of a card the member's own presses redraw, and of what they tell the
    /// volunteers in the thread: the server's, read from its setup. A note, a rating or a cancel is rare, so one store read is cheap; without it a
    /// German server's card would turn English whenever the member added a note. A store that
    /// cannot answer leaves the card in English rather than not redrawing it.
    pub(super) async fn card_lang(&self, guild: GuildId) -> Lang {
        match self.store().guild_setup(guild).await {
            Ok(setup) => card::server_lang(setup.and_then(|s| s.lang)),
            Err(e) => {
                tracing::warn!(error = %e, "could not read the server's language for a card");
                card::server_lang(None)
            }
        }
    }

    /// Why `member` may not open the note form for `id`, if so (judged again on submission).
    pub async fn may_add_note(
        &self,
        member: UserId,
        id: HandoffId,
    ) -> Result<Option<NoteOutcome>, StoreError> {
        Ok(match self.store().handoff(id).await? {
            None => Some(NoteOutcome::NotFound),
            Some(h) if h.member != member => Some(NoteOutcome::NotTheMember),
            Some(_) => None,
        })
    }

    /// The member's note for the volunteers (already cut to the platform's size).
    pub async fn member_note(
        &self,
        member: UserId,
        id: HandoffId,
        note: &str,
    ) -> Result<NoteOutcome, StoreError> {
        match self.store().handoff(id).await? {
            Some(h) if h.member == member => {}
            Some(_) => return Ok(NoteOutcome::NotTheMember),
            None => return Ok(NoteOutcome::NotFound),
        }
        let note = note.trim();
        if note.is_empty() {
            return Ok(NoteOutcome::Empty);
        }
        let Some(h) = self.store().set_member_note(id, note, self.now()).await? else {
            return Ok(NoteOutcome::Closed);
        };
        let lang = self.card_lang(h.guild).await;
        let told = self
            .tell_thread(&h, &text::member_note(&text::quote(note), lang))
            .await;
        self.note_port_problem(h.guild, told).await;
        let redrawn = self.refresh_card(&h, lang).await;
        self.note_port_problem(h.guild, redrawn).await;
        Ok(NoteOutcome::Sent)
    }

    /// The member's "Did this solve it?"; only the first answer is kept.
    pub async fn rate(
        &self,
        member: UserId,
        id: HandoffId,
        rating: Rating,
    ) -> Result<Rated, StoreError> {
        let Some(h) = self.store().handoff(id).await? else {
            return Ok(Rated::NotFound);
        };
        if h.member != member {
            return Ok(Rated::NotTheMember);
        }
        Ok(match self.store().rate(h.id, rating, self.now()).await? {
            Some(h) => Rated::Recorded {
                handoff: Box::new(h),
                rating,
            },
            None => Rated::AlreadyAnswered,
        })
    }

    /// After the member has seen their answer taken: the card shows it too, and the thread,
    /// with nothing left in it to press, is locked. (Locking first would refuse the answer.)
    pub async fn after_rating(&self, h: &Handoff) {
        let lang = self.card_lang(h.guild).await;
        let redrawn = self.refresh_card(h, lang).await;
        self.note_port_problem(h.guild, redrawn).await;
        let closed = self.close_thread(h, true).await;
        self.note_port_problem(h.guild, closed).await;
    }

    /// The member's `/triage cancel` in `guild`: their live handoff there, if any, cancelled.
    pub async fn cancel(
        &self,
        guild: GuildId,
        member: UserId,
    ) -> Result<Option<Handoff>, StoreError> {
        match self.store().live_handoff_of_member(guild, member).await? {
            Some(h) => self.store().cancel_handoff(h.id, self.now()).await,
            None => Ok(None),
        }
    }

    /// After the member has their answer to a cancel: the card and the thread say so, and
    /// the thread closes.
    pub async fn after_cancel(&self, h: &Handoff) {
        let lang = self.card_lang(h.guild).await;
        let result = async {
            self.refresh_card(h, lang).await?;
            self.tell_thread(h, &text::member_cancelled(lang)).await?;
            self.close_thread(h, true).await
        }
        .await;
        self.note_port_problem(h.guild, result).await;
    }
}
