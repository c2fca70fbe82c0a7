//! Forum channels as Discord has them: a forum (type 15) in a guild with its tags, and a
//! member opening a post in it. A post is a public thread (type 11) under the forum whose first
//! message, the starter, has the thread's id. Discord announces it with THREAD_CREATE (the
//! thread, `newly_created: true`, its `applied_tags`) and MESSAGE_CREATE (the starter), each
//! only to a session that asked for it: GUILDS for the thread, GUILD_MESSAGES for the message,
//! and the starter's `content` is empty without MESSAGE_CONTENT (on REST too, unless the
//! privileged intent is enabled for the application). [`FakeDiscord::replay_post`] sends both
//! events again, as Discord may after a reconnect or to a restarted bot.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::state::{now_iso, snowflake, ChannelRec, State, StoredMessage, ThreadRec};
use super::{FakeDiscord, FakeUser};

pub const GUILDS: u64 = 1;
pub const GUILD_MESSAGES: u64 = 1 << 9;
pub const MESSAGE_CONTENT: u64 = 1 << 15;

/// A post a member opened: its thread, whose id its starter message shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForumPost {
    pub guild_id: u64,
    pub forum_id: u64,
    pub thread_id: u64,
}

impl FakeDiscord {
    /// A forum channel with `tags` (names); returns its id and the tags' ids, in order.
    pub fn add_forum(&self, guild_id: u64, name: &str, tags: &[&str]) -> (u64, Vec<u64>) {
        let id = snowflake();
        let tags: Vec<(u64, String)> = tags.iter().map(|t| (snowflake(), t.to_string())).collect();
        let ids = tags.iter().map(|(id, _)| *id).collect();
        self.with(|st| {
            st.channels.insert(
                id,
                ChannelRec {
                    id,
                    kind: 15,
                    guild_id: Some(guild_id),
                    name: Some(name.into()),
                    parent_id: None,
                    owner_id: None,
                    recipient: None,
                    topic: None,
                    thread: None,
                },
            );
            st.forum_tags.insert(id, tags);
        });
        (id, ids)
    }

    /// A bot user (not pitcrew) that may post in forums.
    pub fn add_bot_user(&self, name: &str) -> FakeUser {
        let user = self.add_user(name);
        self.with(|st| {
            if let Some(u) = st.users.get_mut(&user.id) {
                u.bot = true;
            }
        });
        user
    }

    /// `author` opens a post titled `title` with `text` and the tags `tags` in `forum_id`;
    /// its events go to the bot as Discord sends them.
    #[track_caller]
    pub fn open_post(
        &self,
        forum_id: u64,
        author: &FakeUser,
        title: &str,
        text: &str,
        tags: &[u64],
    ) -> ForumPost {
        let post = self.with(|st| {
            let forum = st
                .channels
                .get(&forum_id)
                .expect("the forum exists")
                .clone();
            assert_eq!(forum.kind, 15, "{forum_id} is not a forum");
            let guild_id = forum.guild_id.expect("a forum is in a guild");
            let id = snowflake();
            let created = now_iso();
            st.channels.insert(
                id,
                ChannelRec {
                    id,
                    kind: 11,
                    guild_id: Some(guild_id),
                    name: Some(title.into()),
                    parent_id: Some(forum_id),
                    owner_id: Some(author.id),
                    recipient: None,
                    topic: None,
                    thread: Some(ThreadRec {
                        archived: false,
                        locked: false,
                        invitable: true,
                        auto_archive_duration: 4320,
                        created: created.clone(),
                        archive_timestamp: created.clone(),
                        members: BTreeSet::from([author.id]),
                    }),
                },
            );
            st.applied_tags.insert(id, tags.to_vec());
            let json = json!({
                "id": id.to_string(), "channel_id": id.to_string(),
                "author": st.user_json(author.id), "content": text,
                "timestamp": created, "edited_timestamp": null, "tts": false,
                "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
                "embeds": [], "components": [], "pinned": false, "type": 0, "flags": 0,
            });
            st.messages.insert(
                id,
                StoredMessage {
                    id,
                    channel_id: id,
                    json,
                    visible_to: None,
                    interaction_id: None,
                    deleted: false,
                    edits: 0,
                },
            );
            ForumPost {
                guild_id,
                forum_id,
                thread_id: id,
            }
        });
        self.replay_post(&post);
        post
    }

    /// Sends the post's THREAD_CREATE and MESSAGE_CREATE (again), filtered by the intents of
    /// the session of the post's shard as Discord filters them. Returns how many events went out.
    pub fn replay_post(&self, post: &ForumPost) -> usize {
        self.with(|st| {
            let intents = st
                .gateway
                .owner(Some(post.guild_id))
                .and_then(|s| s.identify["intents"].as_u64())
                .unwrap_or(0);
            let mut sent = 0;
            if intents & GUILDS != 0 {
                let mut thread = st.channel_json(post.thread_id).expect("the post exists");
                thread["newly_created"] = json!(true);
                sent += usize::from(st.gateway.dispatch("THREAD_CREATE", &thread).is_some());
            }
            if intents & GUILD_MESSAGES != 0 {
                let mut message = starter_json(st, post, intents & MESSAGE_CONTENT != 0);
                message["guild_id"] = json!(post.guild_id.to_string());
                let author = message["author"]["id"]
                    .as_str()
                    .and_then(|a| a.parse().ok());
                if let Some(mut member) = author.and_then(|a| st.member_json(post.guild_id, a)) {
                    member.as_object_mut().map(|m| m.remove("user"));
                    message["member"] = member;
                }
                sent += usize::from(st.gateway.dispatch("MESSAGE_CREATE", &message).is_some());
            }
            sent
        })
    }

    /// The poster edits the starter message to `text`: Discord sends MESSAGE_UPDATE (with
    /// GUILD_MESSAGES; its content only with MESSAGE_CONTENT), never a second MESSAGE_CREATE.
    pub fn edit_post(&self, post: &ForumPost, text: &str) -> bool {
        self.with(|st| {
            let Some(m) = st.messages.get_mut(&post.thread_id) else {
                return false;
            };
            m.json["content"] = json!(text);
            m.json["edited_timestamp"] = json!(now_iso());
            m.edits += 1;
            let intents = st
                .gateway
                .owner(Some(post.guild_id))
                .and_then(|s| s.identify["intents"].as_u64())
                .unwrap_or(0);
            if intents & GUILD_MESSAGES == 0 {
                return false;
            }
            let mut message = starter_json(st, post, intents & MESSAGE_CONTENT != 0);
            message["guild_id"] = json!(post.guild_id.to_string());
            st.gateway.dispatch("MESSAGE_UPDATE", &message).is_some()
        })
    }

    /// What the bot posted in a thread (its replies to a post), oldest first: its own
    /// messages, not its answers to interactions there.
    pub fn bot_messages_in(&self, channel_id: u64) -> Vec<StoredMessage> {
        let bot = self.bot_user_id().to_string();
        self.channel_messages(channel_id)
            .into_iter()
            .filter(|m| m.interaction_id.is_none())
            .filter(|m| m.json["author"]["id"].as_str() == Some(bot.as_str()))
            .collect()
    }
}

/// The starter message as served: `content` only with the Message Content intent.
fn starter_json(st: &State, post: &ForumPost, content: bool) -> Value {
    let mut message = st
        .messages
        .get(&post.thread_id)
        .expect("the starter exists")
        .json
        .clone();
    if !content {
        message["content"] = json!("");
    }
    message
}

/// Whether a message served on REST shows its text: the bot's own always; a member's only
/// when the application has the Message Content intent enabled.
pub fn shows_content(message: &Value, bot: u64, privileged: u64) -> bool {
    message["author"]["id"].as_str() == Some(bot.to_string().as_str())
        || privileged & MESSAGE_CONTENT != 0
}

/// A forum's `available_tags` and a post's `applied_tags`, as Discord serves them.
pub fn add_tags(st: &State, id: u64, channel: &mut Value) {
    if let Some(tags) = st.forum_tags.get(&id) {
        let tags: Vec<Value> = tags
            .iter()
            .map(|(id, name)| {
                json!({
                    "id": id.to_string(), "name": name, "moderated": false,
                    "emoji_id": null, "emoji_name": null,
                })
            })
            .collect();
        channel["available_tags"] = json!(tags);
    }
    if let Some(applied) = st.applied_tags.get(&id) {
        let applied: Vec<String> = applied.iter().map(u64::to_string).collect();
        channel["applied_tags"] = json!(applied);
    }
}
