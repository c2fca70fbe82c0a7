//! The volunteer's actions on a card: claim, release, transfer, resolve. Each decides with the
//! store (which settles races), takes "now" from the desk's clock, and asks the platform for
//! the rest through a [`Port`]. Every outcome is a value for the front end to word.

use super::outcome::{CardOutcome, PressedBy, Refusal, Undelivered};
use super::port::Port;
use super::{card, schedule, text, Handoffs};
use crate::domain::{Claim, GuildSetup, Handoff, HandoffId, UserId, DEFAULT_RENOTIFY};
use crate::guide::Lang;
use crate::i18n::Msg;
use crate::store::StoreError;

impl<P: Port> Handoffs<P> {
    /// Claim, release or transfer (`to`: the volunteer picked for a transfer).
    pub async fn claim(&self, by: &PressedBy, id: HandoffId) -> Result<CardOutcome, StoreError> {
        let (h, setup) = match self.as_volunteer(by, id).await? {
            Ok(found) => found,
            Err(refused) => return Ok(refused),
        };
        let server = server_of(setup.as_ref());
        let changed = match self.store().claim(h.id, by.user, self.now()).await? {
            Claim::Claimed(h) => self.joined(h, by.user, Msg::VolunteerJoined).await,
            Claim::Taken(h) => return Ok(refused(Refusal::Taken { by: h.claimed_by }, server)),
            Claim::Closed(h) => h,
        };
        self.changed(&changed, server).await
    }

    /// Back to the queue: due for a reminder again, the volunteers re-pinged, the member told.
    pub async fn release(&self, by: &PressedBy, id: HandoffId) -> Result<CardOutcome, StoreError> {
        let (h, setup) = match self.as_volunteer(by, id).await? {
            Ok(found) => found,
            Err(refused) => return Ok(refused),
        };
        let server = server_of(setup.as_ref());
        let interval = setup.as_ref().map_or(DEFAULT_RENOTIFY, |s| s.renotify);
        let now = self.now();
        let next = schedule::first_notice(now, interval);
        let Some(h) = self.store().release(h.id, next, now).await? else {
            return Ok(refused(Refusal::Closed, server));
        };
        if let Some(ready) = setup.as_ref().and_then(GuildSetup::ready) {
            let (line, ping) = self.ping(&h, &ready).await?;
            let link = self.port.card_link(&h);
            let sent = async {
                self.port
                    .say(
                        ready.cards_channel,
                        &text::back_in_queue(&line, link.as_deref(), server),
                        &ping,
                    )
                    .await?;
                self.tell_thread(&h, &text::stepped_away(card::member_lang(h.member_lang)))
                    .await
            }
            .await;
            self.note_port_problem(h.guild, sent).await;
        }
        // The next reminder is due one interval from now, perhaps before the timer looks.
        self.wake.notify_one();
        self.changed(&h, server).await
    }

    pub async fn transfer(
        &self,
        by: &PressedBy,
        id: HandoffId,
        to: Option<UserId>,
    ) -> Result<CardOutcome, StoreError> {
        let (h, setup) = match self.as_volunteer(by, id).await? {
            Ok(found) => found,
            Err(refused) => return Ok(refused),
        };
        let server = server_of(setup.as_ref());
        let Some(to) = to else {
            return Ok(refused(Refusal::NobodyPicked, server));
        };
        let role = setup.and_then(|s| s.volunteer_role);
        let volunteer = match role {
            Some(role) => self.port.has_role(h.guild, to, role).await,
            None => false,
        };
        if !volunteer {
            return Ok(refused(Refusal::NotAVolunteer { picked: to }, server));
        }
        match self.store().transfer(h.id, to, self.now()).await? {
            Some(h) => {
                let h = self.joined(h, to, Msg::VolunteerTakingOver).await;
                self.changed(&h, server).await
            }
            None => Ok(refused(Refusal::Closed, server)),
        }
    }

    /// Why a volunteer may not open the resolve form now, if so. Only a hint: the submission
    /// is judged again, since the handoff may close while the form is open.
    pub async fn may_resolve(
        &self,
        by: &PressedBy,
        id: HandoffId,
    ) -> Result<Option<CardOutcome>, StoreError> {
        Ok(match self.as_volunteer(by, id).await? {
            Err(refused) => Some(refused),
            Ok((h, setup)) if !h.status.is_live() => {
                Some(refused(Refusal::Closed, server_of(setup.as_ref())))
            }
            Ok(_) => None,
        })
    }

    /// The resolve form's submission: resolved, the member asked whether it helped, the thread
    /// closed. The role and whether it is still live are judged now, not when the form opened.
    pub async fn resolve(
        &self,
        by: &PressedBy,
        id: HandoffId,
        note: Option<&str>,
    ) -> Result<CardOutcome, StoreError> {
        let server = match self.as_volunteer(by, id).await? {
            Ok((_, setup)) => server_of(setup.as_ref()),
            Err(refused) => return Ok(refused),
        };
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let Some(h) = self.store().resolve_handoff(id, note, self.now()).await? else {
            return Ok(refused(Refusal::Closed, server));
        };
        let asked = match h.thread {
            Some(thread) => {
                let quoted = note.map(text::quote);
                let lang = card::member_lang(h.member_lang);
                let said = text::resolved(by.user, h.member, quoted.as_deref(), lang);
                self.port
                    .ask_rating(thread, &said, &h)
                    .await
                    .map_err(|e| Undelivered::from_port(e, None))
            }
            None => Ok(()),
        };
        let unasked = asked.is_err();
        self.note_port_problem(h.guild, asked).await;
        // Archived, not yet locked: in a locked thread the member could not press Yes or No (the
        // client greys components out and cannot reopen it), so it is locked once they answered.
        let closed = self.close_thread(&h, unasked).await;
        self.note_port_problem(h.guild, closed).await;
        self.changed(&h, server).await
    }

    /// The handoff and its server's setup when `by` is one of its volunteers, else why not.
    async fn as_volunteer(
        &self,
        by: &PressedBy,
        id: HandoffId,
    ) -> Result<Result<(Handoff, Option<GuildSetup>), CardOutcome>, StoreError> {
        let Some(h) = self.store().handoff(id).await? else {
            return Ok(Err(CardOutcome::Refused {
                why: Refusal::NotFound,
                lang: None,
            }));
        };
        // Read once for the whole press: the role check, the interval, the re-ping.
        let setup = self.store().guild_setup(h.guild).await?;
        let role = setup.as_ref().and_then(|s| s.volunteer_role);
        if !role.is_some_and(|r| by.roles.contains(&r)) {
            return Ok(Err(refused(
                Refusal::NotVolunteer,
                server_of(setup.as_ref()),
            )));
        }
        Ok(Ok((h, setup)))
    }

    async fn changed(&self, h: &Handoff, server: Lang) -> Result<CardOutcome, StoreError> {
        Ok(CardOutcome::Changed(Box::new(self.card(h, server).await?)))
    }

    /// Adds a volunteer to the member's thread and says so; notes whether the member left, and
    /// returns the handoff as it now stands so the card drawn next says so too.
    async fn joined(&self, h: Handoff, volunteer: UserId, what: Msg) -> Handoff {
        let result = async {
            if let Some(thread) = h.thread {
                self.port
                    .add_to_thread(thread, volunteer)
                    .await
                    .map_err(|e| Undelivered::from_port(e, None))?;
            }
            let lang = card::member_lang(h.member_lang);
            self.tell_thread(&h, &text::volunteer_joined(volunteer, what, lang))
                .await
        }
        .await;
        self.note_port_problem(h.guild, result).await;
        self.notice_member_left(h).await
    }

    /// `h`, marked as left when the member is no longer in the server.
    pub(super) async fn notice_member_left(&self, h: Handoff) -> Handoff {
        if h.member_left || self.port.member_present(h.guild, h.member).await {
            return h;
        }
        match self.store().mark_member_left(h.id, self.now()).await {
            Ok(Some(marked)) => marked,
            Ok(None) => h,
            Err(e) => {
                tracing::error!(error = %e, "could not mark a member as gone");
                h
            }
        }
    }
}

/// The server's language from the setup a press has already read (`None`: no setup, English).
fn server_of(setup: Option<&GuildSetup>) -> Lang {
    card::server_lang(setup.and_then(|s| s.lang))
}

/// A refusal worded in the card's language (`server`), which the press has already read.
fn refused(why: Refusal, server: Lang) -> CardOutcome {
    CardOutcome::Refused {
        why,
        lang: Some(server),
    }
}
