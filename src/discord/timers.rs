//! Re-notification of unclaimed handoffs. Due times live in the database, so a restart loses
//! nothing; each notice is taken atomically (`Store::take_notice`) before it is sent, so a
//! notice overdue at startup goes out once, never twice.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ChannelId, CreateMessage, GuildId, Http, UserId};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::handoff::{self as discord_handoff, Undelivered};
use crate::desk::Desk;
use crate::domain::{Handoff, RENOTIFY_MAX};
use crate::handoff::{schedule, text};
use crate::store::StoreError;

/// The longest the timer sleeps without looking, in case a wake-up was missed.
const IDLE_MAX: Duration = Duration::from_secs(30);
const BATCH: u32 = 50;

/// Runs until `stop` is cancelled, finishing the notice it is sending first. `wake` fires when
/// a handoff opens, so a short interval is honoured without polling.
pub async fn run(http: Arc<Http>, desk: Arc<Desk>, wake: Arc<Notify>, stop: CancellationToken) {
    while !stop.is_cancelled() {
        let woken = wake.notified();
        if let Err(e) = tick(&http, &desk, &stop).await {
            tracing::error!(error = %e, "re-notification pass failed");
        }
        let sleep = match desk.store().earliest_notice().await {
            Ok(Some(at)) => desk.now().until(at).min(IDLE_MAX),
            Ok(None) => IDLE_MAX,
            Err(_) => IDLE_MAX,
        };
        tokio::select! {
            _ = tokio::time::sleep(sleep) => {}
            _ = woken => {}
            _ = stop.cancelled() => {}
        }
    }
}

/// Sends every notice that is due now, or until `stop`.
pub async fn tick(http: &Http, desk: &Desk, stop: &CancellationToken) -> Result<(), StoreError> {
    let now = desk.now();
    for h in desk.store().due_notices(now, BATCH).await? {
        // A notice not yet taken stays due in the database for the next start; one taken is
        // always sent, so a stop waits for it rather than cutting it off.
        if stop.is_cancelled() {
            break;
        }
        remind(http, desk, &h, now).await?;
    }
    Ok(())
}

async fn remind(
    http: &Http,
    desk: &Desk,
    h: &Handoff,
    now: crate::domain::Timestamp,
) -> Result<(), StoreError> {
    let store = desk.store();
    let ready = store.guild_setup(h.guild).await?.and_then(|s| s.ready());
    let number = h.notify_count + 1;
    let next = ready.and_then(|r| schedule::next_notice(now, r.renotify, number));
    // Taken before sending: whoever takes it sends it, and nobody else.
    let Some(h) = store.take_notice(h.id, h.notify_count, next, now).await? else {
        return Ok(());
    };
    let Some(ready) = ready else {
        return Ok(());
    };
    // A handoff whose thread or card could not be made at first (a permission since fixed, a
    // Discord hiccup) gets another try before volunteers are reminded of it.
    let h = if h.thread.is_none() || h.card_message.is_none() {
        // The thread is named for the member, as when it is made at once.
        let name = match GuildId::from(h.guild)
            .member(http, UserId::from(h.member))
            .await
        {
            Ok(m) => m.display_name().to_string(),
            Err(_) => "member".to_string(),
        };
        match discord_handoff::deliver(http, desk, &h, &ready, &name).await {
            Ok(h) => {
                let setup = store.guild_setup(h.guild).await?;
                discord_handoff::clear_problem(desk, setup.as_ref()).await;
                h
            }
            Err(e) => {
                discord_handoff::note_problem(desk, h.guild, &e).await;
                h
            }
        }
    } else {
        h
    };
    let on_duty = if h.urgent {
        store.on_duty(h.guild).await?
    } else {
        Vec::new()
    };
    let (ping, mentions) = discord_handoff::ping(&h, &ready, &on_duty);
    let link = super::card::card_url(&h)
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let mut to_member = text::still_waiting(h.urgent, number);
    if next.is_none() {
        to_member.push_str("\n\n");
        to_member.push_str(text::LAST_REMINDER);
    }
    let sent: Result<(), Undelivered> = async {
        ChannelId::from(ready.cards_channel)
            .send_message(
                http,
                CreateMessage::new()
                    .content(format!(
                        "{ping} Still waiting (reminder {number} of {RENOTIFY_MAX}):{link}"
                    ))
                    .allowed_mentions(mentions),
            )
            .await?;
        discord_handoff::tell_thread(http, &h, &to_member).await
    }
    .await;
    if let Err(e) = sent {
        discord_handoff::note_problem(desk, h.guild, &e).await;
    }
    if !h.member_left && !discord_handoff::member_present(http, &h).await {
        if let Some(h) = store.mark_member_left(h.id, desk.now()).await? {
            if let Err(e) = discord_handoff::refresh_card(http, desk, &h).await {
                discord_handoff::note_problem(desk, h.guild, &e).await;
            }
        }
    }
    Ok(())
}
