//! `/forget-me` on the handoff side: the store forgets the member in one transaction, then
//! every posted card that still shows them is redrawn. The member's own requests get a card
//! that says the details were removed at their request; requests they held as a volunteer go
//! back to the queue on a card that no longer names them, and the reminder timer is woken so
//! the other volunteers hear of them.

use super::port::{CardView, Port};
use super::Handoffs;
use crate::domain::{Handoff, Member};
use crate::store::{Forgotten, StoreError};

impl<P: Port> Handoffs<P> {
    /// Forgets `member` now (see [`crate::store::Store::forget_member`]). Pass the result to
    /// [`Handoffs::after_forget`] once the member has their answer.
    pub async fn forget_member(&self, member: &Member) -> Result<Forgotten, StoreError> {
        let forgotten = self.store().forget_member(member, self.now()).await?;
        // Counts only: the member's words are gone, and the log must not bring them back.
        tracing::info!(
            sessions = forgotten.sessions,
            handoffs = forgotten.handoffs.len(),
            released = forgotten.released.len(),
            car = forgotten.car,
            "forgot a member at their request"
        );
        Ok(forgotten)
    }

    /// The platform side of a forgetting: each card redrawn, and a request that was still
    /// live (cancelled by the forgetting) has its thread closed, as a cancel would.
    pub async fn after_forget(&self, forgotten: &Forgotten) {
        for h in &forgotten.handoffs {
            let lang = self.card_lang(h.guild).await;
            let redrawn = self.forgotten_card(h, lang).await;
            self.note_port_problem(h.guild, redrawn).await;
            if forgotten.cancelled.contains(&h.id) {
                let closed = self.close_thread(h, true).await;
                self.note_port_problem(h.guild, closed).await;
            }
        }
        for h in &forgotten.released {
            let lang = self.card_lang(h.guild).await;
            let redrawn = self.refresh_card(h, lang).await;
            self.note_port_problem(h.guild, redrawn).await;
        }
        if !forgotten.released.is_empty() {
            self.wake.notify_one();
        }
    }

    /// Redraws the card of a forgotten member's request: the guide's title stays (it is the
    /// club's words), everything the member gave is left out.
    async fn forgotten_card(
        &self,
        h: &Handoff,
        lang: crate::guide::Lang,
    ) -> Result<(), super::Undelivered> {
        let (Some(channel), Some(message)) = (h.card_channel, h.card_message) else {
            return Ok(());
        };
        let session = self.store().session(h.session).await?;
        let view = CardView {
            handoff: h.clone(),
            guide_title: self.guide_title(session.as_ref(), lang),
            unguided: session.as_ref().is_some_and(|s| s.is_unguided()),
            steps: Vec::new(),
            skipped: 0,
            car: None,
            lang,
            forgotten: true,
        };
        self.port
            .update_card(channel, message, &view)
            .await
            .map_err(|e| super::Undelivered::from_port(e, None))
    }
}
