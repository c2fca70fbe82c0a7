//! The Discord front end over serenity: the only module with serenity types. It turns
//! interactions into desk calls and views into messages; it holds no triage logic of its own.
mod car;
mod card;
mod card_actions;
mod commands;
mod convert;
pub mod doctor;
mod fixed;
mod forget;
mod forum;
mod forum_press;
mod forum_reply;
mod handler;
pub mod ids;
mod insight;
mod interaction;
mod lifecycle;
mod live;
mod modals;
mod permission_check;
pub mod permissions;
mod port;
mod region;
pub mod render;
mod respond;
mod screens;
mod seen;
mod setup;
mod slash;
mod unguided;

use std::future::Future;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use serenity::all::{ClientBuilder, CreateAllowedMentions, GatewayIntents, GuildId, HttpBuilder};
use thiserror::Error;

pub use commands::definitions as command_definitions;
pub use commands::CANCEL;

use crate::config::{DailyBackups, DiscordConfig, Intents, ShardRange};
use crate::desk::Desk;
use crate::reload::LiveContent;
use crate::store;

/// How long a stop waits for interactions and the reminder in flight before closing anyway.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Error)]
pub enum RunError {
    #[error("Discord rejected DISCORD_TOKEN (HTTP {status}); copy the token again from the Developer Portal → your application → Bot")]
    TokenRejected { status: u16 },
    #[error("could not reach Discord at {url}: {reason}; check DISCORD_API_URL and the network")]
    Unreachable { url: String, reason: String },
    #[error("the Discord connection failed: {0}")]
    Gateway(String),
}

/// Runs the bot until `shutdown` resolves (SIGINT/SIGTERM in the binary) or the gateway ends.
/// Then new interactions are turned away politely, the ones in flight finish, the reminder
/// timer finishes the notice it is sending and takes no other, and only then do the gateway
/// and the store close. `content` is where the guides live, reloaded on a change there
/// (unless watching is off) and on `/pitcrew reload`.
pub async fn run(
    config: &DiscordConfig,
    desk: Arc<Desk>,
    content: LiveContent,
    shutdown: impl Future<Output = ()>,
) -> Result<(), RunError> {
    run_with(config, desk, content, None, shutdown).await
}

/// [`run`], with the bot's own daily backups when `backups` is set (`BACKUP_DIR`). The backup
/// task is tracked like the reminder timer: a stop lets a backup under way finish before the
/// store closes.
pub async fn run_with(
    config: &DiscordConfig,
    desk: Arc<Desk>,
    content: LiveContent,
    backups: Option<&DailyBackups>,
    shutdown: impl Future<Output = ()>,
) -> Result<(), RunError> {
    // Poll the stop signal once before anything connects. A signal listener installs itself on
    // its first poll, and the select below first polls it only after serenity's shard queuer,
    // on another thread, may already be connected and taking interactions: in that gap a
    // SIGINT would kill the process outright instead of stopping it gracefully.
    let mut shutdown = std::pin::pin!(shutdown);
    if std::future::poll_fn(|cx| Poll::Ready(shutdown.as_mut().poll(cx)))
        .await
        .is_ready()
    {
        desk.store().close().await;
        return Ok(());
    }
    let http = http(config);
    // One cheap call first, so a bad token is one clear line instead of a gateway loop.
    if let Err(e) = http.get_current_user().await {
        return Err(classify(&e, config));
    }
    let life = lifecycle::Lifecycle::default();
    if let Some(plan) = backups {
        life.spawn(store::run_daily_backups(
            desk.store().clone(),
            plan.dir.clone(),
            plan.keep,
            desk.clock(),
            life.stop_signal(),
        ));
    }
    let guild = config.guild_id.map(GuildId::new);
    let live = Arc::new(live::Live::new(content, guild));
    // The process's slot for the leases of once-only work is its shard range: a restart in
    // the same range takes its crashed predecessor's leases at once.
    let slot = config.shards.map_or_else(
        || "one-process".to_string(),
        |r| format!("shards {}-{}/{}", r.first, r.last, r.total),
    );
    let holder = crate::domain::LeaseHolder::random(slot).with_term(config.lease);
    let handler = handler::Handler::new(desk.clone(), life.clone(), live, holder);
    let mut client = ClientBuilder::new_with_http(http, gateway_intents(config.intents))
        .event_handler(handler)
        .await
        .map_err(|e| RunError::Gateway(e.to_string()))?;
    let shards = client.shard_manager.clone();
    let started = async {
        match config.shards {
            Some(range) => {
                client
                    .start_shard_range(serenity_range(range), range.total)
                    .await
            }
            None => client.start().await,
        }
    };
    let result = tokio::select! {
        r = started => r.map_err(|e| RunError::Gateway(e.to_string())),
        () = &mut shutdown => Ok(()),
    };
    // Marked stopping in the same poll that saw the signal, so no interaction arriving after
    // it is taken on. The gateway stays open meanwhile: latecomers hear pitcrew is restarting.
    tracing::info!("stopping: finishing what is in flight");
    if !life.stop(DRAIN_TIMEOUT).await {
        tracing::warn!(left = life.left(), "stopped with work still in flight");
    }
    shards.shutdown_all().await;
    desk.store().close().await;
    tracing::info!("stopped");
    result
}

/// What serenity 0.12's `start_shard_range` takes for `range`. Its `Range` end is *inclusive*
/// (`start_connection(range.start, range.end, …)` boots `end - start + 1` shards), so shards
/// 0 to 1 are `0..1`, not the `0..2` a Rust range would mean.
fn serenity_range(range: ShardRange) -> std::ops::Range<u32> {
    range.first..range.last
}

/// The gateway intents `DISCORD_INTENTS` names. Interactions need none.
fn gateway_intents(i: Intents) -> GatewayIntents {
    let mut intents = GatewayIntents::empty();
    for (wanted, intent) in [
        (i.guilds, GatewayIntents::GUILDS),
        (i.guild_messages, GatewayIntents::GUILD_MESSAGES),
        (i.message_content, GatewayIntents::MESSAGE_CONTENT),
    ] {
        if wanted {
            intents |= intent;
        }
    }
    intents
}

/// The REST client for `config`: its token, and its API base when set.
fn http(config: &DiscordConfig) -> serenity::http::Http {
    let mut http = HttpBuilder::new(config.token.expose())
        .default_allowed_mentions(CreateAllowedMentions::new());
    if let Some(url) = &config.api_url {
        // serenity only honours the proxy with its own rate limiter off; the proxy (or the
        // test server) is trusted with rate limits instead.
        http = http.proxy(url.as_str()).ratelimiter_disabled(true);
    }
    http.build()
}

/// `pitcrew invite`: the link that adds this bot to a server, with the application id read
/// with the token (`GET /oauth2/applications/@me`), so it is always this token's application.
pub async fn invite_link(config: &DiscordConfig) -> Result<String, RunError> {
    let app = http(config)
        .get_current_application_info()
        .await
        .map_err(|e| classify(&e, config))?;
    Ok(permissions::invite_url(app.id.get()))
}

fn classify(e: &serenity::Error, config: &DiscordConfig) -> RunError {
    use serenity::http::HttpError;
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if r.status_code.as_u16() == 401 || r.status_code.as_u16() == 403 =>
        {
            RunError::TokenRejected {
                status: r.status_code.as_u16(),
            }
        }
        other => RunError::Unreachable {
            url: config
                .api_url
                .clone()
                .unwrap_or_else(|| "https://discord.com".into()),
            reason: other.to_string(),
        },
    }
}
