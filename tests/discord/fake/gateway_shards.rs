//! Shards, as Discord routes them: a guild's events go to shard `(guild_id >> 22) % total`,
//! direct messages to shard 0, each to the most recently identified or resumed session of that
//! shard. Also the test-facing view of the shards and guild ids that land on a chosen shard.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::Value;

use super::super::state::{snowflake, LAST};
use super::super::{FakeDiscord, WaitError};
use super::{GatewayState, Session};

impl Session {
    /// Whether this session's shard owns guild `guild` (`None`: a DM, owned by shard 0).
    pub fn owns(&self, guild: Option<u64>) -> bool {
        let (id, total) = self.shard;
        match guild {
            Some(g) => shard_of(g, total) == id,
            None => id == 0,
        }
    }
}

/// The shard of `total` that owns guild `guild`, by Discord's formula.
pub fn shard_of(guild: u64, total: u64) -> u64 {
    (guild >> 22) % total.max(1)
}

/// The guild a dispatch belongs to, from its payload (`None`: a DM or a guild-less event).
pub(super) fn guild_of(t: &str, d: &Value) -> Option<u64> {
    let id = if t.starts_with("GUILD_") && !d["guild_id"].is_string() {
        &d["id"]
    } else {
        &d["guild_id"]
    };
    id.as_str().and_then(|g| g.parse().ok())
}

impl GatewayState {
    /// The session guild `guild`'s events go to (`None`: DMs, shard 0's): the most recently
    /// identified or resumed one of the shard that owns it.
    pub fn owner(&self, guild: Option<u64>) -> Option<&Session> {
        self.sessions
            .values()
            .filter(|s| s.owns(guild))
            .max_by_key(|s| s.activated)
    }

    /// Sends a dispatch to the session of the shard that owns it; returns (session id, seq).
    pub fn dispatch(&mut self, t: &str, d: &Value) -> Option<(String, u64)> {
        let id = self.owner(guild_of(t, d))?.id.clone();
        self.dispatch_to(&id, t, d)
    }
}

/// A snowflake whose guild would live on shard `shard` of `total` (`(id >> 22) % total`):
/// a fresh one moved up to `total - 1` ms later, and the counter moved past it, so later
/// snowflakes stay unique and increasing.
pub fn snowflake_on_shard(shard: u64, total: u64) -> u64 {
    let total = total.max(1);
    let s = snowflake();
    let k = (shard % total + total - (s >> 22) % total) % total;
    let id = s + (k << 22);
    LAST.fetch_max(id, Ordering::Relaxed);
    id
}

impl FakeDiscord {
    /// The `[shard_id, num_shards]` of every session identified so far, oldest first.
    pub fn identified_shards(&self) -> Vec<(u64, u64)> {
        self.read(|st| {
            let mut all: Vec<_> = st.gateway.sessions.values().collect();
            all.sort_by_key(|s| s.activated);
            all.iter().map(|s| s.shard).collect()
        })
    }

    /// Whether a session of the shard that owns `guild` (`None`: DMs, shard 0) is connected.
    pub fn shard_connected(&self, guild: Option<u64>) -> bool {
        self.read(|st| st.gateway.owner(guild).is_some_and(|s| s.conn.is_some()))
    }

    /// Waits until `n` sessions are connected at once (a bot running `n` shards is READY).
    pub async fn wait_connected_shards(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<(), WaitError> {
        let what = format!("{n} connected shard session(s)");
        self.wait_until(timeout, &what, |s| {
            let live = s.read(|st| {
                st.gateway
                    .sessions
                    .values()
                    .filter(|x| x.conn.is_some())
                    .count()
            });
            (live >= n).then_some(())
        })
        .await
    }
}
