//! Interaction payloads as Discord sends them in INTERACTION_CREATE.
//!
//! A builder describes *what* the user did; an [`Actor`] says *who and where* (guild member in
//! a channel, or a DM). `.by(&actor)` yields the JSON. Ids and tokens in it are placeholders:
//! [`FakeDiscord::dispatch`] gives every interaction a fresh snowflake and token, fills in the
//! registered command's id and refreshes the message a component sits on.

use serde_json::{json, Map, Value};

use super::state::{user_json, ChannelRec, StoredMessage};
use super::{FakeDiscord, FakeUser};

/// Who triggers an interaction, and where.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: u64,
    pub user: Value,
    pub channel_id: u64,
    pub channel: Value,
    pub guild_id: Option<u64>,
    /// Guild member object, with `permissions`, in a guild context.
    pub member: Option<Value>,
    pub app_permissions: u64,
    /// The language the user's Discord is set to, sent as the interaction's `locale`.
    pub locale: String,
    /// The server's language, sent as `guild_locale` in a guild (Discord sends it there).
    pub guild_locale: String,
}

impl Actor {
    pub fn is_dm(&self) -> bool {
        self.guild_id.is_none()
    }

    /// The same user with their Discord set to `locale` (`de`, `en-GB`, …).
    pub fn with_locale(mut self, locale: &str) -> Actor {
        self.locale = locale.to_string();
        self
    }

    /// The same user in a server whose Discord language is `locale` (`de`, `en-US`, …).
    pub fn with_guild_locale(mut self, locale: &str) -> Actor {
        self.guild_locale = locale.to_string();
        self
    }
}

impl FakeDiscord {
    /// A guild member acting in `channel_id`; roles and permissions come from the model.
    /// Panics if the user is not a member, since Discord could not send such an interaction.
    pub fn guild_actor(&self, guild_id: u64, channel_id: u64, user_id: u64) -> Actor {
        let bot = self.bot_user_id();
        self.read(|st| {
            let mut member = st
                .member_json(guild_id, user_id)
                .unwrap_or_else(|| panic!("user {user_id} is not a member of guild {guild_id}"));
            let permissions = st.member_permissions(guild_id, user_id);
            member["permissions"] = json!(permissions.to_string());
            let app_permissions = st.member_permissions(guild_id, bot);
            let name = st.channels.get(&channel_id).and_then(|c| c.name.clone());
            let kind = st.channels.get(&channel_id).map_or(0, |c| c.kind);
            Actor {
                user_id,
                user: st.user_json(user_id),
                channel_id,
                channel: json!({
                    "id": channel_id.to_string(), "type": kind, "name": name,
                    "guild_id": guild_id.to_string(), "permissions": permissions.to_string(),
                }),
                guild_id: Some(guild_id),
                member: Some(member),
                app_permissions,
                locale: "en-US".into(),
                guild_locale: "en-US".into(),
            }
        })
    }

    /// The user acting in their DM with the bot (the DM channel is opened if needed).
    pub fn dm_actor(&self, user_id: u64) -> Actor {
        self.with(|st| {
            let existing = st.channels.values().find(|c| c.kind == 1 && c.recipient == Some(user_id));
            let channel_id = match existing {
                Some(c) => c.id,
                None => {
                    let id = super::snowflake();
                    st.channels.insert(id, ChannelRec::dm(id, user_id));
                    id
                },
            };
            let user = st.user_json(user_id);
            Actor {
                user_id,
                channel: json!({
                    "id": channel_id.to_string(), "type": 1, "recipients": [user.clone()], "flags": 0,
                }),
                user,
                channel_id,
                guild_id: None,
                member: None,
                // What Discord reports for a bot in a DM: it can talk, embed and attach.
                app_permissions: (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16),
                locale: "en-US".into(),
                guild_locale: "en-US".into(),
            }
        })
    }
}

/// The fields every interaction carries, in the actor's context.
fn envelope(kind: u64, data: Value, actor: &Actor) -> Value {
    let mut v = json!({
        "id": "1", "application_id": "1", "token": "placeholder", "type": kind, "data": data,
        "channel_id": actor.channel_id.to_string(), "channel": actor.channel,
        "version": 1, "locale": actor.locale, "entitlements": [], "attachment_size_limit": 10_485_760,
        "app_permissions": actor.app_permissions.to_string(),
    });
    match (actor.guild_id, &actor.member) {
        (Some(guild), Some(member)) => {
            v["guild_id"] = json!(guild.to_string());
            let locale = &actor.guild_locale;
            v["guild"] = json!({"id": guild.to_string(), "locale": locale, "features": []});
            v["guild_locale"] = json!(locale);
            v["member"] = member.clone();
            v["context"] = json!(0);
            v["authorizing_integration_owners"] = json!({"0": guild.to_string()});
        }
        _ => {
            v["user"] = actor.user.clone();
            v["context"] = json!(1);
            // "0" is Discord's way of saying: guild-installed app, used in a DM.
            v["authorizing_integration_owners"] = json!({"0": "0"});
        }
    }
    v
}

/// A slash command (type 2) or its autocomplete (type 4).
#[derive(Clone, Debug)]
pub struct CommandPayload {
    kind: u64,
    name: String,
    options: Vec<Value>,
    /// Index path of the sub-command (group) new options go into.
    cursor: Vec<usize>,
    resolved_users: Map<String, Value>,
    resolved_roles: Map<String, Value>,
    resolved_channels: Map<String, Value>,
}

/// `/name ...` as typed by the user.
pub fn command(name: &str) -> CommandPayload {
    CommandPayload {
        kind: 2,
        name: name.into(),
        options: Vec::new(),
        cursor: Vec::new(),
        resolved_users: Map::new(),
        resolved_roles: Map::new(),
        resolved_channels: Map::new(),
    }
}

/// The user typing into an option with autocomplete; add the value with `.focused(...)`.
pub fn autocomplete(name: &str) -> CommandPayload {
    CommandPayload {
        kind: 4,
        ..command(name)
    }
}

impl CommandPayload {
    fn container(&mut self) -> &mut Vec<Value> {
        let mut list = &mut self.options;
        for &i in &self.cursor {
            list = list[i]["options"]
                .as_array_mut()
                .expect("sub-command options");
        }
        list
    }

    fn push(mut self, option: Value) -> Self {
        self.container().push(option);
        self
    }

    /// Enters a sub-command group; follow with `.sub(...)`.
    pub fn group(mut self, name: &str) -> Self {
        self.cursor.clear();
        self.options
            .push(json!({"name": name, "type": 2, "options": []}));
        self.cursor.push(self.options.len() - 1);
        self
    }

    /// Enters a sub-command (inside the current group, if any); later options go into it.
    pub fn sub(mut self, name: &str) -> Self {
        self.cursor.truncate(self.cursor.len().min(1));
        let in_group = self
            .cursor
            .first()
            .is_some_and(|&i| self.options[i]["type"] == 2);
        if !in_group {
            self.cursor.clear();
        }
        let list = self.container();
        list.push(json!({"name": name, "type": 1, "options": []}));
        let i = list.len() - 1;
        self.cursor.push(i);
        self
    }

    pub fn string(self, name: &str, value: &str) -> Self {
        self.push(json!({"name": name, "type": 3, "value": value}))
    }

    pub fn integer(self, name: &str, value: i64) -> Self {
        self.push(json!({"name": name, "type": 4, "value": value}))
    }

    pub fn boolean(self, name: &str, value: bool) -> Self {
        self.push(json!({"name": name, "type": 5, "value": value}))
    }

    pub fn number(self, name: &str, value: f64) -> Self {
        self.push(json!({"name": name, "type": 10, "value": value}))
    }

    /// A user option; the user object goes into `resolved` like Discord does.
    pub fn user(mut self, name: &str, user: &FakeUser) -> Self {
        self.resolved_users
            .insert(user.id.to_string(), user_json(user.id, &user.name, false));
        self.push(json!({"name": name, "type": 6, "value": user.id.to_string()}))
    }

    /// A role option; `role` is the role object (see [`FakeDiscord::role_json`]), which goes
    /// into `resolved` like Discord does.
    pub fn role(mut self, name: &str, role: &Value) -> Self {
        let id = role["id"].as_str().expect("role id").to_string();
        self.resolved_roles.insert(id.clone(), role.clone());
        self.push(json!({"name": name, "type": 8, "value": id}))
    }

    /// A channel option; `channel` is the partial channel Discord resolves it to (see
    /// [`FakeDiscord::resolved_channel`]).
    pub fn channel(mut self, name: &str, channel: &Value) -> Self {
        let id = channel["id"].as_str().expect("channel id").to_string();
        self.resolved_channels.insert(id.clone(), channel.clone());
        self.push(json!({"name": name, "type": 7, "value": id}))
    }

    /// The option being typed into (string), with what the user typed so far.
    pub fn focused(self, name: &str, partial: &str) -> Self {
        self.push(json!({"name": name, "type": 3, "value": partial, "focused": true}))
    }

    pub fn by(self, actor: &Actor) -> Value {
        let mut data = json!({"id": "1", "name": self.name, "type": 1, "options": self.options});
        let mut resolved = Map::new();
        for (key, map) in [
            ("users", self.resolved_users),
            ("roles", self.resolved_roles),
            ("channels", self.resolved_channels),
        ] {
            if !map.is_empty() {
                resolved.insert(key.into(), Value::Object(map));
            }
        }
        if !resolved.is_empty() {
            data["resolved"] = Value::Object(resolved);
        }
        envelope(self.kind, data, actor)
    }
}

/// A click or selection on a component of a message the bot sent.
#[derive(Clone, Debug)]
pub struct ComponentPayload {
    message: Value,
    data: Value,
}

pub fn button(message: &StoredMessage, custom_id: &str) -> ComponentPayload {
    ComponentPayload {
        message: message.json.clone(),
        data: json!({"custom_id": custom_id, "component_type": 2}),
    }
}

pub fn string_select(
    message: &StoredMessage,
    custom_id: &str,
    values: &[&str],
) -> ComponentPayload {
    let data = json!({"custom_id": custom_id, "component_type": 3, "values": values});
    ComponentPayload {
        message: message.json.clone(),
        data,
    }
}

pub fn user_select(
    message: &StoredMessage,
    custom_id: &str,
    users: &[&FakeUser],
) -> ComponentPayload {
    let ids: Vec<String> = users.iter().map(|u| u.id.to_string()).collect();
    let resolved: Map<String, Value> = users
        .iter()
        .map(|u| (u.id.to_string(), user_json(u.id, &u.name, false)))
        .collect();
    let data = json!({
        "custom_id": custom_id, "component_type": 5, "values": ids,
        "resolved": {"users": resolved},
    });
    ComponentPayload {
        message: message.json.clone(),
        data,
    }
}

impl ComponentPayload {
    pub fn by(self, actor: &Actor) -> Value {
        let mut v = envelope(3, self.data, actor);
        v["message"] = self.message;
        v
    }
}

/// The user submitting a modal the bot opened, with a value per text input.
#[derive(Clone, Debug)]
pub struct ModalPayload {
    custom_id: String,
    inputs: Vec<(String, String)>,
}

pub fn modal_submit(custom_id: &str, inputs: &[(&str, &str)]) -> ModalPayload {
    let inputs = inputs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    ModalPayload {
        custom_id: custom_id.into(),
        inputs,
    }
}

impl ModalPayload {
    pub fn by(self, actor: &Actor) -> Value {
        let rows: Vec<Value> = self
            .inputs
            .iter()
            .map(|(id, value)| {
                let input = json!({"type": 4, "custom_id": id, "value": value});
                json!({"type": 1, "components": [input]})
            })
            .collect();
        envelope(
            5,
            json!({"custom_id": self.custom_id, "components": rows}),
            actor,
        )
    }
}
