//! Reminders for unclaimed handoffs. Due times live in the database, so a restart loses
//! nothing; each reminder is taken atomically (`Store::take_notice`) before it is sent, so one
//! overdue at startup goes out once, never twice. The loop sleeps on tokio's clock until the
//! earliest due time, so under paused test time it runs without waiting.
//!
//! Several processes on one database (shard ranges) each run this loop, but only the one
//! holding the reminders lease sends: it renews the lease on every pass, and when it dies
//! another takes the lease over once it runs out (`crate::domain::lease`).

use tokio_util::sync::CancellationToken;

use super::port::Port;
use super::Handoffs;
use super::{schedule, text};
use crate::domain::{Handoff, LeaseHolder, LeaseName, Region, Timestamp};
use crate::store::StoreError;

/// Reminders sent per pass; the rest follow on the next pass at once.
const BATCH: u32 = 50;

impl<P: Port> Handoffs<P> {
    /// Sends reminders as they fall due until `stop` is cancelled, finishing the reminder it
    /// is sending first; only while `holder` (this process) holds the reminders lease, which
    /// it gives up on the way out so another process takes over at once.
    pub async fn run_reminders(self, holder: LeaseHolder, stop: CancellationToken) {
        while !stop.is_cancelled() {
            let woken = self.wake.notified();
            // The next look at the latest is counted from before this pass, so time spent in it
            // does not push the lease's renewal back.
            // The longest it sleeps without looking: a due time written by another process (one
            // database, several bots) wakes nobody here, and the lease must be renewed in time.
            let latest = tokio::time::Instant::now() + holder.renew_every();
            let wake_at = if self.holds_lease(&holder).await {
                if let Err(e) = self.remind_until(&stop).await {
                    tracing::error!(error = %e, "re-notification pass failed");
                }
                match self.store().earliest_notice().await {
                    Ok(Some(at)) => latest.min(tokio::time::Instant::now() + self.now().until(at)),
                    Ok(None) | Err(_) => latest,
                }
            } else {
                latest
            };
            tokio::select! {
                _ = tokio::time::sleep_until(wake_at) => {}
                _ = woken => {}
                _ = stop.cancelled() => {}
            }
        }
        if let Err(e) = self
            .store()
            .release_lease(LeaseName::Reminders, &holder)
            .await
        {
            tracing::warn!(error = %e, "could not give up the reminders lease; it runs out by itself");
        }
    }

    /// Takes or renews the reminders lease; a store error counts as not holding it (another
    /// process may, and sending without it could double up with that one).
    async fn holds_lease(&self, holder: &LeaseHolder) -> bool {
        let taken = self
            .store()
            .take_lease(LeaseName::Reminders, holder, self.now(), holder.term())
            .await;
        taken.unwrap_or_else(|e| {
            tracing::error!(error = %e, "could not take the reminders lease");
            false
        })
    }

    /// Sends every reminder that is due now; how many went out.
    pub async fn remind_due(&self) -> Result<usize, StoreError> {
        self.remind_until(&CancellationToken::new()).await
    }

    /// [`Handoffs::remind_due`], stopping early once `stop` is cancelled.
    async fn remind_until(&self, stop: &CancellationToken) -> Result<usize, StoreError> {
        let now = self.now();
        let mut sent = 0;
        for h in self.store().due_notices(now, BATCH).await? {
            // A reminder not yet taken stays due in the database for the next start; one taken
            // is always sent, so a stop waits for it rather than cutting it off.
            if stop.is_cancelled() {
                break;
            }
            if self.remind(&h, now).await? {
                sent += 1;
            }
        }
        Ok(sent)
    }

    async fn remind(&self, h: &Handoff, now: Timestamp) -> Result<bool, StoreError> {
        let store = self.store();
        let ready = store.guild_setup(h.guild).await?.and_then(|s| s.ready());
        let number = h.notify_count + 1;
        let next = ready.and_then(|r| schedule::next_notice(now, r.renotify, number));
        // Taken before sending: whoever takes it sends it, and nobody else.
        let Some(h) = store.take_notice(h.id, h.notify_count, next, now).await? else {
            return Ok(false);
        };
        let Some(ready) = ready else {
            return Ok(false);
        };
        // A handoff whose thread or card could not be made at first (a permission since fixed, a
        // hiccup) gets another try before volunteers are reminded of it.
        let h = if h.thread.is_none() || h.card_message.is_none() {
            // The thread is named for the member, as when it is made at once.
            let name = self.member_name(h.guild, h.member).await;
            self.deliver_recorded(&h, &ready, &name).await.unwrap_or(h)
        } else {
            h
        };
        let (line, ping) = self.ping(&h, &ready).await?;
        let server = super::card::server_lang(ready.lang);
        let link = self.port.card_link(&h);
        let region = ready.region.unwrap_or(Region::Other);
        let lang = super::card::member_lang(h.member_lang);
        let mut to_member = text::still_waiting(h.urgent, number, region, lang);
        if next.is_none() {
            to_member.push_str("\n\n");
            to_member.push_str(&text::last_reminder(lang));
        }
        let sent = async {
            self.port
                .say(
                    ready.cards_channel,
                    &text::reminder(&line, number, link.as_deref(), server),
                    &ping,
                )
                .await
                .map_err(|e| super::Undelivered::from_port(e, None))?;
            self.tell_thread(&h, &to_member).await
        }
        .await;
        self.note_port_problem(h.guild, sent).await;
        if !h.member_left {
            let noticed = self.notice_member_left(h).await;
            if noticed.member_left {
                let redrawn = self.refresh_card(&noticed, server).await;
                self.note_port_problem(noticed.guild, redrawn).await;
            }
        }
        Ok(true)
    }
}
