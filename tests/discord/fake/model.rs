//! The guild/channel/member model a test sets up, and reading it back as Discord serves it.

use serde_json::Value;

use super::state::{ChannelRec, Denial, RoleRec, StoredMessage, UserRec};
use super::{snowflake, Actor, FakeDiscord, DEFAULT_PERMISSIONS};

/// A user plus the guild and channel it stands in, for the common one-guild test.
#[derive(Clone, Debug)]
pub struct GuildScene {
    pub guild_id: u64,
    pub channel_id: u64,
    pub user: FakeUser,
    /// Ready-made invoker for builders: `builders::command("x").by(&scene.actor)`.
    pub actor: Actor,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FakeUser {
    pub id: u64,
    pub name: String,
}

impl FakeDiscord {
    // ---- the model a test sets up ----

    pub fn add_user(&self, name: &str) -> FakeUser {
        let id = snowflake();
        self.with(|st| {
            st.users.insert(
                id,
                UserRec {
                    id,
                    name: name.into(),
                    bot: false,
                },
            )
        });
        FakeUser {
            id,
            name: name.into(),
        }
    }

    /// A guild with its `@everyone` role (id == guild id) holding [`DEFAULT_PERMISSIONS`].
    pub fn add_guild(&self, name: &str) -> u64 {
        self.add_guild_with_id(name, snowflake())
    }

    /// A guild whose events Discord sends to shard `shard` of `total`.
    pub fn add_guild_on_shard(&self, name: &str, shard: u64, total: u64) -> u64 {
        self.add_guild_with_id(name, super::gateway::snowflake_on_shard(shard, total))
    }

    fn add_guild_with_id(&self, name: &str, id: u64) -> u64 {
        let bot = self.bot_user_id();
        self.with(|st| {
            st.guilds.insert(id, name.into());
            let everyone = RoleRec {
                id,
                guild_id: id,
                name: "@everyone".into(),
                permissions: DEFAULT_PERMISSIONS,
            };
            st.roles.insert(id, everyone);
            st.members.insert((id, bot), Vec::new());
        });
        id
    }

    pub fn add_text_channel(&self, guild_id: u64, name: &str) -> u64 {
        let id = snowflake();
        self.with(|st| {
            st.channels.insert(
                id,
                ChannelRec {
                    id,
                    kind: 0,
                    guild_id: Some(guild_id),
                    name: Some(name.into()),
                    parent_id: None,
                    owner_id: None,
                    recipient: None,
                    topic: None,
                    thread: None,
                },
            )
        });
        id
    }

    pub fn add_role(&self, guild_id: u64, name: &str, permissions: u64) -> u64 {
        let id = snowflake();
        self.with(|st| {
            st.roles.insert(
                id,
                RoleRec {
                    id,
                    guild_id,
                    name: name.into(),
                    permissions,
                },
            )
        });
        id
    }

    pub fn add_member(&self, guild_id: u64, user_id: u64, roles: &[u64]) {
        self.with(|st| st.members.insert((guild_id, user_id), roles.to_vec()));
    }

    /// A channel's permission overwrites: `(id, type, allow, deny)` with type 0 for a role
    /// (the server's id for `@everyone`) and 1 for a member, as Discord serves them.
    pub fn set_overwrites(&self, channel: u64, overwrites: &[(u64, u8, u64, u64)]) {
        let v: Vec<serde_json::Value> = overwrites
            .iter()
            .map(|(id, kind, allow, deny)| {
                serde_json::json!({
                    "id": id.to_string(), "type": kind,
                    "allow": allow.to_string(), "deny": deny.to_string(),
                })
            })
            .collect();
        self.with(|st| st.overwrites.insert(channel, serde_json::Value::Array(v)));
    }

    /// Changes a role's permissions (the server's id for `@everyone`).
    pub fn set_role_permissions(&self, role: u64, permissions: u64) {
        self.with(|st| {
            if let Some(r) = st.roles.get_mut(&role) {
                r.permissions = permissions;
            }
        });
    }

    pub fn remove_member(&self, guild_id: u64, user_id: u64) {
        self.with(|st| st.members.remove(&(guild_id, user_id)));
    }

    /// The user does not accept DMs: sending to their DM channel answers 403 50007.
    pub fn block_dms(&self, user_id: u64) {
        self.with(|st| st.dm_blocked.insert(user_id));
    }

    /// Answer `method` on `pattern` (path under `/api/v10`, `*` = one segment) with
    /// 403 50013 Missing Permissions. This is the model answering, not a violation.
    pub fn deny(&self, method: &str, pattern: &str) {
        self.fail(method, pattern, 403, 50013, "Missing Permissions");
    }

    /// Answer `method` on `pattern` with any Discord error.
    pub fn fail(&self, method: &str, pattern: &str, status: u16, code: u64, message: &str) {
        let d = Denial {
            method: method.into(),
            pattern: pattern.into(),
            status,
            code,
            message: message.into(),
        };
        self.with(|st| st.denials.push(d));
    }

    pub fn clear_denials(&self) {
        self.with(|st| st.denials.clear());
    }

    /// One guild, one text channel, one member: the usual starting point.
    pub fn simple_guild(&self, user_name: &str) -> GuildScene {
        let guild_id = self.add_guild("Pit Lane");
        self.scene_in(guild_id, user_name)
    }

    /// [`Self::simple_guild`] in a guild on shard `shard` of `total`.
    pub fn simple_guild_on_shard(&self, user_name: &str, shard: u64, total: u64) -> GuildScene {
        let guild_id = self.add_guild_on_shard("Pit Lane", shard, total);
        self.scene_in(guild_id, user_name)
    }

    fn scene_in(&self, guild_id: u64, user_name: &str) -> GuildScene {
        let channel_id = self.add_text_channel(guild_id, "roadside-help");
        let user = self.add_user(user_name);
        self.add_member(guild_id, user.id, &[]);
        let actor = self.guild_actor(guild_id, channel_id, user.id);
        GuildScene {
            guild_id,
            channel_id,
            user,
            actor,
        }
    }

    // ---- reading the model back ----

    /// A channel or thread as the REST API would serve it.
    pub fn channel(&self, id: u64) -> Option<Value> {
        self.read(|st| st.channel_json(id))
    }

    /// Threads created under `parent`, as served.
    pub fn threads_in(&self, parent: u64) -> Vec<Value> {
        self.read(|st| {
            let ids: Vec<u64> = st
                .channels
                .values()
                .filter(|c| c.parent_id == Some(parent))
                .map(|c| c.id)
                .collect();
            ids.into_iter()
                .filter_map(|id| st.channel_json(id))
                .collect()
        })
    }

    /// A role as served, for [`super::builders::CommandPayload::role`].
    #[track_caller]
    pub fn role_json(&self, role: u64) -> Value {
        self.read(|st| st.role_json(role))
            .unwrap_or_else(|| panic!("no role {role}"))
    }

    /// A channel as an interaction's `resolved.channels` carries it, for
    /// [`super::builders::CommandPayload::channel`].
    #[track_caller]
    pub fn resolved_channel(&self, channel: u64) -> Value {
        let c = self
            .channel(channel)
            .unwrap_or_else(|| panic!("no channel {channel}"));
        serde_json::json!({
            "id": c["id"], "name": c["name"], "type": c["type"],
            "permissions": super::DEFAULT_PERMISSIONS.to_string(),
        })
    }

    /// Whether the thread is (archived, locked).
    #[track_caller]
    pub fn thread_state(&self, thread: u64) -> (bool, bool) {
        self.read(|st| {
            let t = st
                .channels
                .get(&thread)
                .and_then(|c| c.thread.as_ref())
                .unwrap_or_else(|| panic!("{thread} is not a thread"));
            (t.archived, t.locked)
        })
    }

    pub fn thread_members(&self, thread: u64) -> Vec<u64> {
        self.read(|st| {
            st.channels
                .get(&thread)
                .and_then(|c| c.thread.as_ref())
                .map(|t| t.members.iter().copied().collect())
                .unwrap_or_default()
        })
    }

    /// Registered commands (`None` = global), as served.
    pub fn commands(&self, guild_id: Option<u64>) -> Vec<Value> {
        self.read(|st| st.commands.get(&guild_id).cloned().unwrap_or_default())
    }

    pub fn message(&self, id: u64) -> Option<StoredMessage> {
        self.read(|st| st.messages.get(&id).cloned())
    }

    /// Live (not deleted) messages of a channel, oldest first, ephemeral ones included.
    pub fn channel_messages(&self, channel_id: u64) -> Vec<StoredMessage> {
        self.read(|st| {
            st.messages
                .values()
                .filter(|m| m.channel_id == channel_id && !m.deleted)
                .cloned()
                .collect()
        })
    }

    /// The DM channel between the bot and `user_id`, if one was opened.
    pub fn dm_channel(&self, user_id: u64) -> Option<u64> {
        self.read(|st| {
            st.channels
                .values()
                .find(|c| c.kind == 1 && c.recipient == Some(user_id))
                .map(|c| c.id)
        })
    }
}
