//! Opening a handoff in Discord: the private thread with the member, the card for volunteers,
//! and keeping the card true afterwards. The store decides (idempotently, atomically); this
//! module performs the Discord side effects and reports what could not be done.

use serenity::all::{
    ChannelId, ChannelType, CreateAllowedMentions, CreateMessage, CreateThread, EditMessage,
    EditThread, GuildId, Http, MessageId, RoleId, UserId,
};

use super::card::{self, Card, CardContext};
use super::render::fit;
use crate::desk::Desk;
use crate::domain::Scope;
use crate::domain::SessionRecord;
use crate::domain::{GuildSetup, Handoff, NewHandoff, Ready};
use crate::handoff;
use crate::store::StoreError;
use crate::triage::View;

/// Discord's code for a permission the bot lacks.
const MISSING_PERMISSIONS: isize = 50013;
/// Discord's code for a member who is not (or no longer) in the server.
const UNKNOWN_MEMBER: isize = 10007;
const THREAD_NAME_MAX: usize = 100;

/// What the member is told next to the escalate or emergency screen.
pub enum Prepared {
    /// Outside a server (a DM): volunteers live in servers.
    NoServer,
    /// The server has not set volunteers up yet.
    NotSetUp,
    /// This session's handoff was already resolved or cancelled; a new one needs a new walk.
    Closed,
    /// The member already has a request open with the volunteers (from an earlier walk):
    /// they continue in that thread rather than getting a second card.
    AlreadyOpen {
        thread: Option<crate::domain::ChannelId>,
    },
    /// A handoff exists (new or from an earlier press) and will be delivered.
    Opened { handoff: Box<Handoff>, ready: Ready },
}

/// Opens (or finds) the handoff for a session that just escalated. Only a fast database write
/// happens here, so the member's screen is not held up by Discord round trips.
pub async fn prepare(
    desk: &Desk,
    session: &SessionRecord,
    view: &View,
) -> Result<Prepared, StoreError> {
    let (Scope::Guild { guild, .. }, crate::domain::Member::Discord(member)) =
        (session.scope, &session.member)
    else {
        return Ok(Prepared::NoServer);
    };
    let store = desk.store();
    let Some(ready) = store.guild_setup(guild).await?.and_then(|s| s.ready()) else {
        return Ok(Prepared::NotSetUp);
    };
    // One live request per member: a second, ordinary one would only split the volunteers'
    // attention across two cards. An emergency always gets its own urgent card.
    if !view.flags.urgent {
        if let Some(live) = store.live_handoff_of_member(guild, *member).await? {
            if live.session != session.id {
                return Ok(Prepared::AlreadyOpen {
                    thread: live.thread,
                });
            }
        }
    }
    let now = desk.now();
    let new = NewHandoff {
        session: session.id,
        guild,
        member: *member,
        urgent: view.flags.urgent,
        next_notify_at: handoff::schedule::first_notice(now, ready.renotify),
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

/// Why a handoff could not be fully delivered; logged, and the member is told to carry on.
#[derive(Debug, thiserror::Error)]
pub enum Undelivered {
    #[error("missing Discord permission: {0}")]
    Permission(String),
    #[error("Discord refused: {0}")]
    Discord(#[from] serenity::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates what is still missing for `h`: the thread (with the member in it and a summary),
/// then the card. Safe to call again after a partial failure.
pub async fn deliver(
    http: &Http,
    desk: &Desk,
    h: &Handoff,
    ready: &Ready,
    member_name: &str,
) -> Result<Handoff, Undelivered> {
    if h.thread.is_some() && h.card_message.is_some() {
        // Nothing left to create (a repeated escalation of a delivered handoff).
        return Ok(h.clone());
    }
    let store = desk.store();
    let (ctx_title, steps, skipped) = walk(desk, h).await?;
    let mut h = h.clone();
    if h.thread.is_none() {
        let help = ChannelId::from(ready.help_channel);
        let name = fit(
            &format!("Help: {ctx_title} · {member_name}"),
            THREAD_NAME_MAX,
        );
        let thread = help
            .create_thread(
                http,
                CreateThread::new(name)
                    .kind(ChannelType::PrivateThread)
                    .invitable(false),
            )
            .await
            .map_err(|e| permission(e, &format!("Create Private Threads in <#{}>", help)))?;
        store
            .attach_thread(h.id, thread.id.into(), desk.now())
            .await?;
        h.thread = Some(thread.id.into());
        thread
            .id
            .add_thread_member(http, UserId::from(h.member))
            .await
            .map_err(|e| permission(e, &format!("Manage Threads in <#{}>", help)))?;
        let opening = format!(
            "Hi <@{}>, this is your private thread with the club's volunteers about **{}**.\n\n{}",
            h.member,
            ctx_title,
            handoff::text::member_next(h.urgent)
        );
        thread
            .id
            .send_message(
                http,
                CreateMessage::new()
                    .content(fit(&opening, 2000))
                    .allowed_mentions(CreateAllowedMentions::new().users([UserId::from(h.member)])),
            )
            .await
            .map_err(|e| permission(e, &format!("Send Messages in Threads in <#{}>", help)))?;
    }
    if h.card_message.is_none() {
        let cards = ChannelId::from(ready.cards_channel);
        let on_duty = if h.urgent {
            store.on_duty(h.guild).await?
        } else {
            Vec::new()
        };
        let (content, mentions) = ping(&h, ready, &on_duty);
        let Card { embed, rows } = card::draw(
            &h,
            &CardContext {
                guide_title: &ctx_title,
                steps: &steps,
                skipped,
            },
        );
        let msg = cards
            .send_message(
                http,
                CreateMessage::new()
                    .content(content)
                    .embed(embed)
                    .components(rows)
                    .allowed_mentions(mentions),
            )
            .await
            .map_err(|e| permission(e, &format!("Send Messages in <#{}>", cards)))?;
        store
            .attach_card(h.id, cards.into(), msg.id.into(), desk.now())
            .await?;
        h.card_channel = Some(cards.into());
        h.card_message = Some(msg.id.into());
    }
    Ok(h)
}

/// Who a card pings: on-duty volunteers by name on urgent cards (the role if nobody is on
/// duty), the role on the rest. Nothing else can be pinged, whatever the text says.
pub fn ping(
    h: &Handoff,
    ready: &Ready,
    on_duty: &[crate::domain::UserId],
) -> (String, CreateAllowedMentions) {
    let role = RoleId::from(ready.volunteer_role);
    if h.urgent && !on_duty.is_empty() {
        let names: Vec<String> = on_duty.iter().map(|u| format!("<@{u}>")).collect();
        (
            format!("🚨 {}: urgent, a member may be in danger.", names.join(" ")),
            CreateAllowedMentions::new().users(on_duty.iter().map(|&u| UserId::from(u))),
        )
    } else if h.urgent {
        (
            format!("🚨 <@&{role}>: urgent, a member may be in danger."),
            CreateAllowedMentions::new().roles([role]),
        )
    } else {
        (
            format!("<@&{role}>: a member needs a volunteer."),
            CreateAllowedMentions::new().roles([role]),
        )
    }
}

/// The card as it should look now, drawn from the stored handoff.
pub async fn current_card(desk: &Desk, h: &Handoff) -> Result<Card, StoreError> {
    let (title, steps, skipped) = walk(desk, h).await?;
    Ok(card::draw(
        h,
        &CardContext {
            guide_title: &title,
            steps: &steps,
            skipped,
        },
    ))
}

/// Redraws the posted card of `h` (after a change not made by pressing the card itself).
pub async fn refresh_card(http: &Http, desk: &Desk, h: &Handoff) -> Result<(), Undelivered> {
    let (Some(channel), Some(message)) = (h.card_channel, h.card_message) else {
        return Ok(());
    };
    let Card { embed, rows } = current_card(desk, h).await?;
    ChannelId::from(channel)
        .edit_message(
            http,
            MessageId::from(message),
            EditMessage::new().embed(embed).components(rows),
        )
        .await?;
    Ok(())
}

/// Posts `text` in the member's thread; pings nobody.
pub async fn tell_thread(http: &Http, h: &Handoff, text: &str) -> Result<(), Undelivered> {
    if let Some(thread) = h.thread {
        ChannelId::from(thread)
            .send_message(
                http,
                CreateMessage::new()
                    .content(fit(text, 2000))
                    .allowed_mentions(CreateAllowedMentions::new()),
            )
            .await?;
    }
    Ok(())
}

/// Archives the member's thread once the handoff is over, and locks it with `lock`. A thread
/// that still asks the member something must stay unlocked: Discord does not let a member
/// press anything in a locked thread, nor reopen it.
pub async fn close_thread(http: &Http, h: &Handoff, lock: bool) -> Result<(), Undelivered> {
    if let Some(thread) = h.thread {
        ChannelId::from(thread)
            .edit_thread(http, EditThread::new().archived(true).locked(lock))
            .await
            .map_err(|e| permission(e, "Manage Threads"))?;
    }
    Ok(())
}

/// Whether the member is still in the server; a Discord error other than "unknown member"
/// counts as still there (we do not mark people gone on a hiccup).
pub async fn member_present(http: &Http, h: &Handoff) -> bool {
    match GuildId::from(h.guild)
        .member(http, UserId::from(h.member))
        .await
    {
        Ok(_) => true,
        Err(e) => discord_code(&e) != Some(UNKNOWN_MEMBER),
    }
}

/// Records a permission problem for the setup status, logging it only when it is new.
pub async fn note_problem(desk: &Desk, guild: crate::domain::GuildId, err: &Undelivered) {
    let problem = match err {
        Undelivered::Permission(p) => p.clone(),
        other => {
            tracing::warn!(%guild, error = %other, "could not deliver a handoff");
            return;
        }
    };
    match desk
        .store()
        .set_permission_problem(guild, Some(&problem), desk.now())
        .await
    {
        Ok(true) => tracing::warn!(%guild, %problem, "missing Discord permission"),
        Ok(false) => {}
        Err(e) => tracing::error!(error = %e, "could not record a permission problem"),
    }
}

/// Clears a recorded permission problem after a delivery that worked.
pub async fn clear_problem(desk: &Desk, setup: Option<&GuildSetup>) {
    if let Some(s) = setup.filter(|s| s.permission_problem.is_some()) {
        if let Err(e) = desk
            .store()
            .set_permission_problem(s.guild, None, desk.now())
            .await
        {
            tracing::error!(error = %e, "could not clear a permission problem");
        }
    }
}

pub fn discord_code(e: &serenity::Error) -> Option<isize> {
    match e {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => {
            Some(r.error.code)
        }
        _ => None,
    }
}

fn permission(e: serenity::Error, what: &str) -> Undelivered {
    if discord_code(&e) == Some(MISSING_PERMISSIONS) {
        Undelivered::Permission(what.to_string())
    } else {
        Undelivered::Discord(e)
    }
}

/// The guide title and the member's walk, for cards and thread names.
async fn walk(
    desk: &Desk,
    h: &Handoff,
) -> Result<(String, Vec<handoff::card::Step>, usize), StoreError> {
    let store = desk.store();
    let session = store.session(h.session).await?;
    let guide = session
        .as_ref()
        .and_then(|s| desk.library().get(&s.guide_id));
    let answers = store.answers(h.session).await?;
    let (steps, skipped) = handoff::card::walk(guide, &answers);
    let title = guide
        .map(|g| g.title.clone())
        .or_else(|| session.map(|s| s.guide_id))
        .unwrap_or_else(|| "a guide".into());
    Ok((title, steps, skipped))
}
