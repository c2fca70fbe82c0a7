//! Everything the fake remembers: the small guild/channel/member model it answers from, and
//! (through the types in `records.rs`) the messages it created, the interactions it dispatched
//! and what the bot did with them, and the request and violation logs tests assert on.
//! One mutex guards it all; no lock is ever held across an `.await`, so plain
//! `std::sync::Mutex` is enough.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use serenity::model::Timestamp;

use super::gateway::GatewayState;
pub use super::records::{Callback, InteractionRecord, RequestRecord, StoredMessage, Violation};

const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Real-looking snowflakes (timestamp in the high bits), so serenity's `created_at()` works and
/// ids sort by creation like Discord's do. Unique across every server in the process.
pub(super) static LAST: AtomicU64 = AtomicU64::new(0);

pub fn snowflake() -> u64 {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let candidate = ms.saturating_sub(DISCORD_EPOCH_MS) << 22;
    let mut prev = LAST.load(Ordering::Relaxed);
    loop {
        let next = candidate.max(prev + 1);
        match LAST.compare_exchange_weak(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => prev = seen,
        }
    }
}

/// A user object as Discord serves it (no email, no verified flag).
pub fn user_json(id: u64, name: &str, bot: bool) -> Value {
    json!({
        "id": id.to_string(), "username": name, "global_name": name, "discriminator": "0",
        "avatar": null, "bot": bot, "public_flags": 0, "flags": 0,
    })
}

pub fn now_iso() -> String {
    Timestamp::now().to_string()
}
#[derive(Clone, Debug)]
pub struct UserRec {
    pub id: u64,
    pub name: String,
    pub bot: bool,
}

#[derive(Clone, Debug)]
pub struct ChannelRec {
    pub id: u64,
    pub kind: u64,
    pub guild_id: Option<u64>,
    pub name: Option<String>,
    pub parent_id: Option<u64>,
    pub owner_id: Option<u64>,
    pub recipient: Option<u64>,
    pub topic: Option<String>,
    pub thread: Option<ThreadRec>,
}

impl ChannelRec {
    /// The DM channel between the bot and `user`.
    pub fn dm(id: u64, user: u64) -> Self {
        Self {
            id,
            kind: 1,
            guild_id: None,
            name: None,
            parent_id: None,
            owner_id: None,
            recipient: Some(user),
            topic: None,
            thread: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ThreadRec {
    pub archived: bool,
    pub locked: bool,
    pub invitable: bool,
    pub auto_archive_duration: u64,
    pub created: String,
    pub archive_timestamp: String,
    pub members: BTreeSet<u64>,
}

#[derive(Clone, Debug)]
pub struct RoleRec {
    pub id: u64,
    pub guild_id: u64,
    pub name: String,
    pub permissions: u64,
}

/// A canned refusal a test configured, e.g. 403 50013 on thread creation.
#[derive(Clone, Debug)]
pub struct Denial {
    pub method: String,
    /// Path under `/api/v10`, `*` matching one segment.
    pub pattern: String,
    pub status: u16,
    pub code: u64,
    pub message: String,
}

/// Whether `path` (under `/api/v10`) matches `pattern`, `*` standing for one segment.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let p: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    let s: Vec<&str> = path.trim_matches('/').split('/').collect();
    p.len() == s.len() && p.iter().zip(&s).all(|(p, s)| *p == "*" || p == s)
}

pub struct State {
    pub started: Instant,
    pub requests: Vec<RequestRecord>,
    pub violations: Vec<Violation>,
    pub users: HashMap<u64, UserRec>,
    pub guilds: BTreeMap<u64, String>,
    pub roles: BTreeMap<u64, RoleRec>,
    pub channels: BTreeMap<u64, ChannelRec>,
    /// A channel's `permission_overwrites` as Discord serves them (none when absent).
    pub overwrites: BTreeMap<u64, Value>,
    /// (guild, user) -> role ids.
    pub members: BTreeMap<(u64, u64), Vec<u64>>,
    pub dm_blocked: HashSet<u64>,
    pub denials: Vec<Denial>,
    pub holds: Vec<super::Hold>,
    pub messages: BTreeMap<u64, StoredMessage>,
    /// Commands keyed by guild (`None` for global), in the order they were registered.
    pub commands: HashMap<Option<u64>, Vec<Value>>,
    pub interactions: HashMap<u64, InteractionRecord>,
    pub by_token: HashMap<String, u64>,
    pub gateway: GatewayState,
    /// A forum's tags as (id, name), by forum.
    pub forum_tags: BTreeMap<u64, Vec<(u64, String)>>,
    /// The tags applied to a forum post, by its thread.
    pub applied_tags: BTreeMap<u64, Vec<u64>>,
    /// Every uploaded file, by its attachment id.
    pub files: BTreeMap<u64, super::multipart::FileRec>,
}

impl State {
    pub fn new() -> Self {
        Self {
            started: Instant::now(),
            requests: Vec::new(),
            violations: Vec::new(),
            users: HashMap::new(),
            guilds: BTreeMap::new(),
            roles: BTreeMap::new(),
            channels: BTreeMap::new(),
            overwrites: BTreeMap::new(),
            members: BTreeMap::new(),
            dm_blocked: HashSet::new(),
            denials: Vec::new(),
            holds: Vec::new(),
            messages: BTreeMap::new(),
            commands: HashMap::new(),
            interactions: HashMap::new(),
            by_token: HashMap::new(),
            gateway: GatewayState::default(),
            forum_tags: BTreeMap::new(),
            applied_tags: BTreeMap::new(),
            files: BTreeMap::new(),
        }
    }

    pub fn violation(&mut self, request: String, status: u16, body: &Value) {
        let code = body["code"].as_u64().unwrap_or(0);
        let message = body["message"].as_str().unwrap_or_default().to_string();
        let at = self.started.elapsed();
        self.violations.push(Violation {
            request,
            status,
            code,
            message,
            body: body.clone(),
            at,
        });
    }

    pub fn user_json(&self, id: u64) -> Value {
        let u = self.users.get(&id);
        let name = u.map_or_else(|| format!("user{id}"), |u| u.name.clone());
        user_json(id, &name, u.is_some_and(|u| u.bot))
    }

    /// Guild permissions of a member: @everyone (id == guild id) plus each role.
    pub fn member_permissions(&self, guild: u64, user: u64) -> u64 {
        let roles = self
            .members
            .get(&(guild, user))
            .cloned()
            .unwrap_or_default();
        let everyone = self.roles.get(&guild).map_or(0, |r| r.permissions);
        roles
            .iter()
            .filter_map(|r| self.roles.get(r))
            .fold(everyone, |acc, r| acc | r.permissions)
    }

    /// Member object without `user`, the shape nested in other objects.
    pub fn member_json(&self, guild: u64, user: u64) -> Option<Value> {
        let roles = self.members.get(&(guild, user))?;
        Some(json!({
            "user": self.user_json(user),
            "roles": roles.iter().map(u64::to_string).collect::<Vec<_>>(),
            "nick": null, "avatar": null, "joined_at": "2024-01-01T00:00:00.000000+00:00",
            "premium_since": null, "deaf": false, "mute": false, "flags": 0, "pending": false,
            "communication_disabled_until": null,
        }))
    }

    /// A role object as Discord serves it (and puts in an interaction's `resolved.roles`).
    pub fn role_json(&self, id: u64) -> Option<Value> {
        let r = self.roles.get(&id)?;
        Some(json!({
            "id": r.id.to_string(), "name": r.name, "color": 0,
            "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
            "hoist": false, "icon": null, "unicode_emoji": null, "position": 0,
            "permissions": r.permissions.to_string(), "managed": false, "mentionable": false,
            "flags": 0,
        }))
    }

    pub fn channel_json(&self, id: u64) -> Option<Value> {
        let c = self.channels.get(&id)?;
        if c.kind == 1 {
            let recipient = c.recipient.map(|u| self.user_json(u));
            return Some(json!({
                "id": id.to_string(), "type": 1, "last_message_id": null, "flags": 0,
                "recipients": recipient.into_iter().collect::<Vec<_>>(),
            }));
        }
        let mut v = json!({
            "id": id.to_string(), "type": c.kind, "guild_id": c.guild_id.map(|g| g.to_string()),
            "name": c.name, "parent_id": c.parent_id.map(|p| p.to_string()), "position": 0,
            "permission_overwrites": self.overwrites.get(&id).cloned().unwrap_or_else(|| json!([])),
            "nsfw": false, "topic": c.topic, "last_message_id": null,
            "rate_limit_per_user": 0, "flags": 0,
        });
        super::forum::add_tags(self, id, &mut v);
        if let Some(t) = &c.thread {
            v["owner_id"] = json!(c.owner_id.map(|o| o.to_string()));
            v["member_count"] = json!(t.members.len().min(50));
            v["message_count"] = json!(0);
            v["total_message_sent"] = json!(0);
            v["thread_metadata"] = json!({
                "archived": t.archived, "locked": t.locked, "invitable": t.invitable,
                "auto_archive_duration": t.auto_archive_duration,
                "archive_timestamp": t.archive_timestamp, "create_timestamp": t.created,
            });
        }
        Some(v)
    }

    pub fn denial(&self, method: &str, api_path: &str) -> Option<Denial> {
        self.denials
            .iter()
            .find(|d| d.method == method && path_matches(&d.pattern, api_path))
            .cloned()
    }
}
