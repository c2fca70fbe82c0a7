//! A local Discord-compatible server the real serenity client talks to: REST under
//! `/api/v10` and the gateway WebSocket on one 127.0.0.1 port, a small model of guilds,
//! channels, members and messages, and Discord's rules enforced as Discord answers them.
//!
//! It is plain library code (no `#[test]` assumptions), so a benchmark can include it with
//! `#[path = "../tests/discord/fake/mod.rs"] mod fake;`. Rule breaks are answered like
//! Discord does *and* recorded as [`Violation`]s; tests call [`FakeDiscord::assert_no_violations`].
//!
//! Point a bot at it with
//! `HttpBuilder::new(server.token()).proxy(server.api_url()).ratelimiter_disabled(true)`:
//! serenity 0.12 only applies the proxy when the ratelimiter is disabled (the ratelimiter
//! builds its requests without it, and would talk to the real discord.com).
//!
//! A test, in short:
//!
//! ```text
//! let server = FakeDiscord::start().await;
//! let scene = server.simple_guild("stranded_driver");      // guild, channel, member, actor
//! /* start the bot with the HttpBuilder above and ClientBuilder::new_with_http */
//! server.wait_ready(T).await?;
//! let h = server.dispatch(builders::command("triage").by(&scene.actor)).await;
//! let first = server.wait_response(&h, T).await?;          // kind 4, data, latency
//! let msg = server.original_message(&h).unwrap();           // ephemeral flag kept
//! let press = server.dispatch(builders::button(&msg, "safe:yes").by(&scene.actor)).await;
//! assert_eq!(server.wait_response(&press, T).await?.kind, 7);
//! server.assert_no_violations();
//! ```
//!
//! Shards: `Config::shards` is what `GET /gateway/bot` recommends; each IDENTIFY's `shard`
//! opens a session of that shard, and a guild's events go to shard `(guild_id >> 22) % total`,
//! DMs to shard 0 (`gateway_shards.rs`); `add_guild_on_shard` picks where a guild lands.
//!
//! Serenity notes: `GET /gateway` is unauthenticated and if it fails serenity silently falls
//! back to `wss://gateway.discord.gg`; serenity re-IDENTIFYing (not resuming) may wait up to
//! 5 s in its shard queuer, so tests should close sockets with 4000 (resume) rather than
//! session-ending codes; aborting the `client.start()` task does not stop its shard runner,
//! only `shard_manager.shutdown_all()` or dropping the runtime does.

// Each test binary or example that includes this module uses a different subset of the
// helpers and re-exports, so unused ones are expected rather than a sign of rot.
#![allow(dead_code, unused_imports)]

pub mod builders;
mod channels;
pub mod forum;
mod gateway;
mod holds;
mod inspect;
mod interaction_checks;
mod interactions;
pub mod limits;
mod model;
mod multipart;
mod records;
mod rest;
mod state;
mod waiting;
mod webhooks;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::watch;

pub use builders::Actor;
pub use forum::ForumPost;
pub use gateway::{GatewayFrame, PRIVILEGED_INTENTS};
pub use holds::Hold;
pub use interactions::InteractionHandle;
pub use model::{FakeUser, GuildScene};
pub use state::{snowflake, Callback, InteractionRecord, RequestRecord, StoredMessage, Violation};
use state::{State, UserRec};

/// Permissions of `@everyone` in a guild the fake creates: view, send, embed, read history,
/// use application commands, create private threads, send in threads.
pub const DEFAULT_PERMISSIONS: u64 =
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31) | (1 << 36) | (1 << 38);

#[derive(Clone, Debug)]
pub struct Config {
    pub token: String,
    pub application_id: u64,
    /// The bot user; Discord gives bots the application's id.
    pub bot_user_id: u64,
    pub bot_name: String,
    /// Sent in HELLO. Discord uses ~41 250 ms; tests of heartbeating can make it short.
    pub heartbeat_interval_ms: u64,
    /// The first callback must arrive within this (Discord: 3 s).
    pub ack_deadline: Duration,
    /// Interaction tokens (edits, follow-ups) work this long after dispatch (Discord: 15 min).
    pub token_lifetime: Duration,
    /// Privileged intents enabled for the application (see [`PRIVILEGED_INTENTS`]).
    pub privileged_intents: u64,
    /// How long `dispatch` waits for the interaction to become possible (a session, the
    /// command registered, the message there) before it fails the test.
    pub dispatch_wait: Duration,
    /// The shard count `GET /gateway/bot` recommends (Discord: one per 1 000 guilds or so).
    pub shards: u32,
}

impl Default for Config {
    fn default() -> Self {
        let app = snowflake();
        Self {
            token: format!("fake-token.{app}.pitcrew"),
            application_id: app,
            bot_user_id: app,
            bot_name: "pitcrew".into(),
            heartbeat_interval_ms: 45_000,
            ack_deadline: Duration::from_secs(3),
            token_lifetime: Duration::from_secs(15 * 60),
            privileged_intents: 0,
            dispatch_wait: Duration::from_secs(5),
            shards: 1,
        }
    }
}

/// Shared by the HTTP handlers, the gateway connections and the test-facing handle.
pub struct Inner {
    pub cfg: Config,
    pub port: u16,
    state: Mutex<State>,
    changed: watch::Sender<u64>,
}

impl Inner {
    /// Runs `f` under the state lock, then wakes every waiter so it re-checks its condition.
    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let r = {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut st)
        };
        self.changed.send_modify(|v| *v += 1);
        r
    }

    /// Runs `f` under the state lock without waking waiters: a waiter's own check must not
    /// count as a change, or `wait_until` would spin instead of sleeping.
    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&st)
    }

    pub fn gateway_url(&self) -> String {
        format!("ws://127.0.0.1:{}/gateway", self.port)
    }
}

/// A waited-for condition did not happen in time; the message says what the fake saw.
#[derive(Debug)]
pub struct WaitError(pub String);

impl std::fmt::Display for WaitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WaitError {}

pub struct FakeDiscord {
    inner: Arc<Inner>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeDiscord {
    pub async fn start() -> Self {
        Self::start_with(Config::default()).await
    }

    pub async fn start_with(cfg: Config) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        let (changed, _) = watch::channel(0);
        let inner = Arc::new(Inner {
            cfg,
            port,
            state: Mutex::new(State::new()),
            changed,
        });
        let bot = UserRec {
            id: inner.cfg.bot_user_id,
            name: inner.cfg.bot_name.clone(),
            bot: true,
        };
        inner.with(|st| st.users.insert(bot.id, bot));
        let app = rest::router(Arc::clone(&inner));
        // Without TCP_NODELAY a small gateway frame or response can sit in the kernel until
        // the bot's delayed ACK (40 ms on Linux): invisible when traffic is heavy, a 40 ms
        // stall on single exchanges. Discord's servers answer at once.
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { inner, server }
    }

    /// What `HttpBuilder::proxy` takes: serenity replaces `https://discord.com` with it.
    pub fn api_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.inner.port)
    }

    pub fn gateway_url(&self) -> String {
        self.inner.gateway_url()
    }

    pub fn token(&self) -> &str {
        &self.inner.cfg.token
    }

    pub fn config(&self) -> &Config {
        &self.inner.cfg
    }

    pub fn application_id(&self) -> u64 {
        self.inner.cfg.application_id
    }

    pub fn bot_user_id(&self) -> u64 {
        self.inner.cfg.bot_user_id
    }

    fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        self.inner.with(f)
    }

    fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.inner.read(f)
    }

    // ---- gateway control ----

    /// Closes the current gateway connection with `code` (4000 makes serenity RESUME);
    /// dispatches sent before the bot is back are replayed when it resumes.
    pub fn disconnect_gateway(&self, code: u16) -> bool {
        self.with(|st| st.gateway.drop_current(code))
    }

    /// Sends op 7 RECONNECT to the current connection.
    pub fn request_reconnect(&self) -> bool {
        let frame = serde_json::json!({"op": 7, "s": null, "t": null, "d": null}).to_string();
        self.with(|st| st.gateway.send_current(gateway::Out::Text(frame)))
    }

    /// Sends any dispatch event to the session of the shard that owns it (by its `guild_id`;
    /// shard 0 without one); returns its sequence number.
    pub fn send_dispatch(&self, event: &str, data: &Value) -> Option<u64> {
        self.with(|st| st.gateway.dispatch(event, data).map(|(_, seq)| seq))
    }
}
