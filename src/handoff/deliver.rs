//! Opening a handoff and keeping its card true: the handoff stored first (a fast write, so the
//! member's screen is not held up), then the thread and the card made on the platform, and the
//! permission problems met on the way recorded for the setup status.

use super::outcome::Undelivered;
use super::port::{CardView, Ping, Port};
use super::Handoffs;
use super::{card, schedule, text};
use crate::domain::{
    ChannelId, GuildId, Handoff, Member, NewHandoff, Ready, Region, Scope, SessionRecord, UserId,
};
use crate::guide::Lang;
use crate::i18n::{self, Msg};
use crate::region::redact::redact;
use crate::store::StoreError;

/// What the member is told next to the escalate or emergency screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prepared {
    /// Outside a server (a DM): volunteers live in servers.
    NoServer,
    /// The server has not set volunteers up yet.
    NotSetUp,
    /// This session's handoff was already resolved or cancelled; a new one needs a new walk.
    Closed,
    /// The member already has a request open with the volunteers (from an earlier walk):
    /// they continue in that thread rather than getting a second card.
    AlreadyOpen { thread: Option<ChannelId> },
    /// A handoff exists (new or from an earlier press) and will be delivered.
    Opened { handoff: Box<Handoff>, ready: Ready },
}

impl<P: Port> Handoffs<P> {
    /// Opens (or finds) the handoff for a session that just escalated (`urgent`: an
    /// emergency), recording `lang`, the language the member read it in, for the card. Only a
    /// database write happens here.
    pub async fn prepare(
        &self,
        session: &SessionRecord,
        urgent: bool,
        lang: Lang,
    ) -> Result<Prepared, StoreError> {
        let (Scope::Guild { guild, .. }, Member::Discord(member)) =
            (session.scope, &session.member)
        else {
            return Ok(Prepared::NoServer);
        };
        let store = self.store();
        let Some(ready) = store.guild_setup(guild).await?.and_then(|s| s.ready()) else {
            return Ok(Prepared::NotSetUp);
        };
        // One live request per member: a second, ordinary one would only split the volunteers'
        // attention across two cards. An emergency always gets its own urgent card.
        if !urgent {
            if let Some(live) = store.live_handoff_of_member(guild, *member).await? {
                if live.session != session.id {
                    return Ok(Prepared::AlreadyOpen {
                        thread: live.thread,
                    });
                }
            }
        }
        let now = self.now();
        let new = NewHandoff {
            session: session.id,
            guild,
            member: *member,
            urgent,
            member_lang: card::lang_code(lang),
            next_notify_at: schedule::first_notice(now, ready.renotify),
        };
        let (handoff, _) = store.open_handoff(&new, now).await?;
        if !handoff.status.is_live() {
            return Ok(Prepared::Closed);
        }
        Ok(Prepared::Opened {
            handoff: Box::new(handoff),
            ready,
        })
    }

    /// Delivers a prepared handoff once the member has their screen: `false` when it could not
    /// be (the member is then told to carry on with the guide's advice). Either way the
    /// reminder timer is woken: it has a first reminder to keep, or a retry.
    pub async fn deliver_prepared(&self, h: &Handoff, ready: &Ready, member_name: &str) -> bool {
        let done = self.deliver_recorded(h, ready, member_name).await.is_some();
        self.wake.notify_one();
        done
    }

    /// [`Self::deliver`], with the permission problem recorded or cleared.
    pub(super) async fn deliver_recorded(
        &self,
        h: &Handoff,
        ready: &Ready,
        member_name: &str,
    ) -> Option<Handoff> {
        match self.deliver(h, ready, member_name).await {
            Ok(h) => {
                self.clear_problem(h.guild).await;
                Some(h)
            }
            Err(e) => {
                self.note_problem(h.guild, &e).await;
                None
            }
        }
    }

    /// Creates what is still missing for `h`: the thread (with the member in it and a summary),
    /// then the card. Safe to call again after a partial failure.
    pub async fn deliver(
        &self,
        h: &Handoff,
        ready: &Ready,
        member_name: &str,
    ) -> Result<Handoff, Undelivered> {
        if h.thread.is_some() && h.card_message.is_some() {
            // Nothing left to create (a repeated escalation of a delivered handoff).
            return Ok(h.clone());
        }
        let store = self.store();
        let mut view = self.card(h, card::server_lang(ready.lang)).await?;
        let mut h = h.clone();
        let help = ready.help_channel;
        let grant = |what: &str| Some(format!("{what} in <#{help}>"));
        if h.thread.is_none() {
            let name = text::thread_name(&view.guide_title, member_name, view.lang);
            let thread = self
                .port
                .open_thread(help, &name)
                .await
                .map_err(|e| Undelivered::from_port(e, grant("Create Private Threads")))?;
            store.attach_thread(h.id, thread, self.now()).await?;
            h.thread = Some(thread);
            self.port
                .add_to_thread(thread, h.member)
                .await
                .map_err(|e| Undelivered::from_port(e, grant("Manage Threads")))?;
            // The thread is the server's: its region's numbers, or all of them side by side.
            let region = ready.region.unwrap_or(Region::Other);
            let lang = card::member_lang(h.member_lang);
            // The opening speaks to the member: the guide's title in their language too.
            let title = if lang == view.lang {
                view.guide_title.clone()
            } else {
                let session = store.session(h.session).await?;
                self.guide_title(session.as_ref(), lang)
            };
            let mut opening = text::opening(h.member, &title, h.urgent, region, lang);
            // Volunteers read the thread before they write in it: the card's language line
            // belongs here too, in the server's language like the card.
            if let Some(reads) = card::reads(h.member_lang, view.lang) {
                opening.push_str("\n\n");
                opening.push_str(&text::for_volunteers(&reads, view.lang));
            }
            self.port
                .say(thread, &opening, &Ping::Users(vec![h.member]))
                .await
                .map_err(|e| Undelivered::from_port(e, grant("Send Messages in Threads")))?;
        }
        if h.card_message.is_none() {
            let cards = ready.cards_channel;
            let (line, ping) = self.ping(&h, ready).await?;
            view.handoff = h.clone();
            let message = self
                .port
                .post_card(cards, &line, &ping, &view)
                .await
                .map_err(|e| {
                    Undelivered::from_port(e, Some(format!("Send Messages in <#{cards}>")))
                })?;
            store.attach_card(h.id, cards, message, self.now()).await?;
            h.card_channel = Some(cards);
            h.card_message = Some(message);
        }
        Ok(h)
    }

    /// Who a card or a reminder pings, and the line that says so: on-duty volunteers by name on
    /// urgent cards (the role if nobody is on duty), the role on the rest. Nothing else can be
    /// pinged, whatever the text says.
    pub(super) async fn ping(
        &self,
        h: &Handoff,
        ready: &Ready,
    ) -> Result<(String, Ping), StoreError> {
        let server = card::server_lang(ready.lang);
        let on_duty = if h.urgent {
            self.store().on_duty(h.guild).await?
        } else {
            Vec::new()
        };
        Ok(if on_duty.is_empty() {
            let role = ready.volunteer_role;
            (
                text::ping_line(h.urgent, &format!("<@&{role}>"), server),
                Ping::Role(role),
            )
        } else {
            let names: Vec<String> = on_duty.iter().map(|u| format!("<@{u}>")).collect();
            (
                text::ping_line(true, &names.join(" "), server),
                Ping::Users(on_duty),
            )
        })
    }

    /// The card of `h` as it should look now: the handoff and the member's walk, in the
    /// server's language (`server`, from its setup where the caller has it at hand).
    pub async fn card(&self, h: &Handoff, server: Lang) -> Result<CardView, StoreError> {
        let store = self.store();
        let session = store.session(h.session).await?;
        let library = self.desk.library();
        let guide = session.as_ref().and_then(|s| library.get(&s.guide_id));
        let answers = store.answers(h.session).await?;
        let car = store.car(&Member::Discord(h.member)).await?;
        let (steps, skipped) = card::walk(guide, &answers);
        let unguided = session.as_ref().is_some_and(SessionRecord::is_unguided);
        let guide_title = self.guide_title(session.as_ref(), server);
        // Volunteers see the member's words with phone numbers, plates and VINs masked, in the
        // formats of the server's region; the member keeps their own text in the thread.
        let region = match store.guild_setup(h.guild).await {
            Ok(setup) => setup.and_then(|s| s.region),
            Err(e) => {
                tracing::warn!(error = %e, "could not read the server's region for a card");
                None
            }
        };
        let mut handoff = h.clone();
        handoff.member_note = h
            .member_note
            .as_deref()
            .map(|n| redact(n, region.unwrap_or(Region::Other)).into_owned());
        Ok(CardView {
            handoff,
            guide_title,
            unguided,
            steps,
            skipped,
            car,
            lang: server,
            forgotten: false,
        })
    }

    /// The title of the guide `session` walked, in `lang` (its own where it has no
    /// translation); the words for "no guide" when none led here; the guide's id when it is
    /// gone from the library.
    pub(super) fn guide_title(&self, session: Option<&SessionRecord>, lang: Lang) -> String {
        match session {
            Some(s) if s.is_unguided() => text::unguided_title(lang),
            Some(s) => match self.desk.library().get(&s.guide_id) {
                Some(g) => g.title_in(lang).to_string(),
                None => s.guide_id.clone(),
            },
            None => i18n::text(lang, Msg::GuideGone).into_owned(),
        }
    }

    /// Redraws the posted card of `h` (after a change not made by pressing the card itself).
    /// `server`: the card's language, English where the caller has no setup at hand.
    pub(super) async fn refresh_card(&self, h: &Handoff, server: Lang) -> Result<(), Undelivered> {
        let (Some(channel), Some(message)) = (h.card_channel, h.card_message) else {
            return Ok(());
        };
        let view = self.card(h, server).await?;
        self.port
            .update_card(channel, message, &view)
            .await
            .map_err(|e| Undelivered::from_port(e, None))
    }

    /// Posts `said` in the member's thread; pings nobody.
    pub(super) async fn tell_thread(&self, h: &Handoff, said: &str) -> Result<(), Undelivered> {
        match h.thread {
            Some(thread) => self
                .port
                .say(thread, said, &Ping::Nobody)
                .await
                .map_err(|e| Undelivered::from_port(e, None)),
            None => Ok(()),
        }
    }

    /// Archives the member's thread once the handoff is over, and locks it with `lock`. A thread
    /// that still asks the member something must stay unlocked: a member can press nothing in a
    /// locked thread, nor reopen it.
    pub(super) async fn close_thread(&self, h: &Handoff, lock: bool) -> Result<(), Undelivered> {
        match h.thread {
            Some(thread) => self
                .port
                .close_thread(thread, lock)
                .await
                .map_err(|e| Undelivered::from_port(e, Some("Manage Threads".into()))),
            None => Ok(()),
        }
    }

    pub(super) async fn note_port_problem(&self, guild: GuildId, result: Result<(), Undelivered>) {
        if let Err(e) = result {
            self.note_problem(guild, &e).await;
        }
    }

    /// Records a permission problem for the setup status, logging it only when it is new.
    pub(super) async fn note_problem(&self, guild: GuildId, err: &Undelivered) {
        let Undelivered::Permission(problem) = err else {
            tracing::warn!(%guild, error = %err, "could not deliver a handoff");
            return;
        };
        match self
            .store()
            .set_permission_problem(guild, Some(problem), self.now())
            .await
        {
            Ok(true) => tracing::warn!(%guild, %problem, "missing Discord permission"),
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "could not record a permission problem"),
        }
    }

    /// Clears a recorded permission problem after a delivery that worked.
    async fn clear_problem(&self, guild: GuildId) {
        let setup = match self.store().guild_setup(guild).await {
            Ok(setup) => setup,
            Err(e) => {
                tracing::error!(error = %e, "could not read a server's setup");
                return;
            }
        };
        if setup.is_some_and(|s| s.permission_problem.is_some()) {
            if let Err(e) = self
                .store()
                .set_permission_problem(guild, None, self.now())
                .await
            {
                tracing::error!(error = %e, "could not clear a permission problem");
            }
        }
    }

    /// The member's name as the server shows it, for naming their thread.
    pub(super) async fn member_name(&self, guild: GuildId, member: UserId) -> String {
        self.port
            .display_name(guild, member)
            .await
            .unwrap_or_else(|| "member".to_string())
    }
}
