//! Channel routes (messages, threads, thread members, DMs) and the message store they share
//! with the interaction routes.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::limits;
use super::rest::{id, Reply, Req};
use super::state::{now_iso, snowflake, ChannelRec, State, StoredMessage, ThreadRec};
use super::Inner;

/// Message flags a bot may set when creating: SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS.
const SETTABLE_FLAGS: u64 = 4 | 64 | 4096;
const EPHEMERAL: u64 = 64;
const LOADING: u64 = 128;

/// Where a new message comes from.
pub struct Origin {
    pub interaction: Option<u64>,
    /// The user an ephemeral message is shown to.
    pub user: Option<u64>,
    /// Message type: 0 default, 20 chat-input command response.
    pub kind: u64,
    /// Whether EPHEMERAL may be set (only interaction responses and follow-ups).
    pub may_be_ephemeral: bool,
    pub extra_flags: u64,
}

pub fn create_message(
    inner: &Inner,
    st: &mut State,
    channel_id: u64,
    body: &Value,
    origin: Origin,
) -> StoredMessage {
    let id = snowflake();
    let mut flags = body["flags"].as_u64().unwrap_or(0) & SETTABLE_FLAGS;
    if !origin.may_be_ephemeral {
        flags &= !EPHEMERAL;
    }
    flags |= origin.extra_flags;
    let app = origin
        .interaction
        .map(|_| inner.cfg.application_id.to_string());
    let json = json!({
        "id": id.to_string(), "channel_id": channel_id.to_string(),
        "author": st.user_json(inner.cfg.bot_user_id),
        "content": body["content"].as_str().unwrap_or_default(),
        "timestamp": now_iso(), "edited_timestamp": null, "tts": body["tts"].as_bool().unwrap_or(false),
        "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
        "embeds": body.get("embeds").filter(|e| e.is_array()).cloned().unwrap_or(json!([])),
        "components": body.get("components").filter(|c| c.is_array()).cloned().unwrap_or(json!([])),
        "pinned": false, "type": origin.kind, "flags": flags,
        "webhook_id": app, "application_id": app,
    });
    let visible_to = if flags & EPHEMERAL != 0 {
        origin.user
    } else {
        None
    };
    let mut json = json;
    json["attachments"] = super::multipart::attach(st, &body["attachments"], channel_id, id);
    let msg = StoredMessage {
        id,
        channel_id,
        json,
        visible_to,
        interaction_id: origin.interaction,
        deleted: false,
        edits: 0,
    };
    st.messages.insert(id, msg.clone());
    msg
}

/// Applies an edit body (present keys replace, `null` clears) and returns the new JSON.
pub fn edit_message(st: &mut State, id: u64, body: &Value) -> Value {
    // Listing attachments in an edit replaces them: those kept, and any new uploads.
    if let Some(listed) = body.get("attachments") {
        let channel = st.messages.get(&id).map_or(0, |m| m.channel_id);
        let kept = super::multipart::attach(st, listed, channel, id);
        if let Some(m) = st.messages.get_mut(&id) {
            m.json["attachments"] = kept;
        }
    }
    let msg = st.messages.get_mut(&id).expect("edited message exists");
    for (key, empty) in [
        ("content", json!("")),
        ("embeds", json!([])),
        ("components", json!([])),
    ] {
        if let Some(v) = body.get(key) {
            msg.json[key] = if v.is_null() { empty } else { v.clone() };
        }
    }
    // Only SUPPRESS_EMBEDS can change after creation; an edit also ends "thinking...".
    let mut flags = msg.flags() & !LOADING;
    if let Some(f) = body["flags"].as_u64() {
        flags = (flags & !4) | (f & 4);
    }
    msg.json["flags"] = json!(flags);
    msg.json["edited_timestamp"] = json!(now_iso());
    msg.edits += 1;
    msg.json.clone()
}

/// The checks Discord applies to any message body; `None` when it is acceptable.
pub fn reject_message(body: &Value, creating: bool, prefix: &[&str]) -> Option<Reply> {
    let errors = limits::check_message(body, prefix);
    if !errors.is_empty() {
        return Some(Reply::form(&errors));
    }
    (creating && limits::is_empty_message(body))
        .then(|| Reply::violation(400, 50006, "Cannot send an empty message"))
}

pub fn route(inner: &Inner, st: &mut State, segs: &[&str], req: &Req) -> Result<Reply, Reply> {
    match (req.method, segs) {
        ("POST", ["users", "@me", "channels"]) => open_dm(st, req),
        ("GET", ["channels", c]) => {
            let c = id(c, "channel_id")?;
            Ok(st
                .channel_json(c)
                .map_or_else(|| Reply::model(404, 10003, "Unknown Channel"), Reply::ok))
        }
        ("PATCH", ["channels", c]) => edit_channel(st, id(c, "channel_id")?, req),
        ("POST", ["channels", c, "messages"]) => post_message(inner, st, id(c, "channel_id")?, req),
        (m @ ("GET" | "PATCH" | "DELETE"), ["channels", c, "messages", msg]) => {
            let (c, msg) = (id(c, "channel_id")?, id(msg, "message_id")?);
            channel_message(inner, st, m, c, msg, req)
        }
        ("POST", ["channels", c, "threads"]) => create_thread(inner, st, id(c, "channel_id")?, req),
        (m @ ("PUT" | "DELETE"), ["channels", t, "thread-members", u]) => {
            thread_member(st, m, id(t, "channel_id")?, id(u, "user_id")?)
        }
        _ => Ok(Reply::unknown_route()),
    }
}

fn post_message(inner: &Inner, st: &mut State, c: u64, req: &Req) -> Result<Reply, Reply> {
    let Some(channel) = st.channels.get(&c).cloned() else {
        return Ok(Reply::model(404, 10003, "Unknown Channel"));
    };
    if let Some(r) = reject_message(&req.body, true, &[]) {
        return Ok(r);
    }
    if channel
        .recipient
        .is_some_and(|u| st.dm_blocked.contains(&u))
    {
        return Ok(Reply::model(
            403,
            50007,
            "Cannot send messages to this user",
        ));
    }
    if let Some(t) = st.channels.get_mut(&c).and_then(|ch| ch.thread.as_mut()) {
        if t.locked {
            return Ok(Reply::model(400, 50083, "Thread is archived"));
        }
        // Posting in an archived (unlocked) thread brings it back, as in Discord.
        t.archived = false;
    }
    let kind = if req.body["message_reference"].is_object() {
        19
    } else {
        0
    };
    let origin = Origin {
        interaction: None,
        user: None,
        kind,
        may_be_ephemeral: false,
        extra_flags: 0,
    };
    Ok(Reply::ok(
        create_message(inner, st, c, &req.body, origin).json,
    ))
}

fn channel_message(
    inner: &Inner,
    st: &mut State,
    method: &str,
    c: u64,
    m: u64,
    req: &Req,
) -> Result<Reply, Reply> {
    let found = st
        .messages
        .get(&m)
        .filter(|msg| msg.channel_id == c && !msg.deleted)
        .cloned();
    // Ephemeral messages exist only for their interaction's webhook, never for channel routes.
    let Some(msg) = found.filter(|msg| !msg.is_ephemeral()) else {
        let reply = if method == "GET" {
            Reply::model
        } else {
            Reply::violation
        };
        return Ok(reply(404, 10008, "Unknown Message"));
    };
    let author = msg.json["author"]["id"]
        .as_str()
        .and_then(|a| a.parse::<u64>().ok());
    match method {
        "GET" => {
            let mut json = msg.json;
            let privileged = inner.cfg.privileged_intents;
            if !super::forum::shows_content(&json, inner.cfg.bot_user_id, privileged) {
                json["content"] = json!("");
            }
            Ok(Reply::ok(json))
        }
        _ if author != Some(inner.cfg.bot_user_id) => Ok(Reply::violation(
            403,
            50005,
            "Cannot edit a message authored by another user",
        )),
        "PATCH" => Ok(reject_message(&req.body, false, &[])
            .unwrap_or_else(|| Reply::ok(edit_message(st, m, &req.body)))),
        _ => {
            if let Some(msg) = st.messages.get_mut(&m) {
                msg.deleted = true;
            }
            Ok(Reply::no_content())
        }
    }
}

fn open_dm(st: &mut State, req: &Req) -> Result<Reply, Reply> {
    let recipient = req.body["recipient_id"]
        .as_str()
        .map(str::to_string)
        .or_else(|| req.body["recipient_id"].as_u64().map(|u| u.to_string()));
    let user = id(recipient.as_deref().unwrap_or_default(), "recipient_id")?;
    if !st.users.contains_key(&user) {
        return Ok(Reply::model(404, 10013, "Unknown User"));
    }
    let existing = st
        .channels
        .values()
        .find(|c| c.kind == 1 && c.recipient == Some(user))
        .map(|c| c.id);
    let channel = existing.unwrap_or_else(|| {
        let id = snowflake();
        st.channels.insert(id, ChannelRec::dm(id, user));
        id
    });
    Ok(Reply::ok(st.channel_json(channel).unwrap_or_default()))
}

fn create_thread(inner: &Inner, st: &mut State, c: u64, req: &Req) -> Result<Reply, Reply> {
    let Some(parent) = st.channels.get(&c).cloned() else {
        return Ok(Reply::model(404, 10003, "Unknown Channel"));
    };
    if !matches!(parent.kind, 0 | 5 | 15) {
        return Ok(Reply::violation(
            400,
            50024,
            "Cannot execute action on this channel type",
        ));
    }
    let errors = limits::check_thread_create(&req.body);
    if !errors.is_empty() {
        return Ok(Reply::form(&errors));
    }
    let id = snowflake();
    let created = now_iso();
    let thread = ThreadRec {
        archived: false,
        locked: false,
        invitable: req.body["invitable"].as_bool().unwrap_or(true),
        auto_archive_duration: req.body["auto_archive_duration"].as_u64().unwrap_or(4320),
        created: created.clone(),
        archive_timestamp: created,
        members: BTreeSet::from([inner.cfg.bot_user_id]),
    };
    let rec = ChannelRec {
        id,
        kind: req.body["type"].as_u64().unwrap_or(12),
        guild_id: parent.guild_id,
        name: req.body["name"].as_str().map(str::to_string),
        parent_id: Some(c),
        owner_id: Some(inner.cfg.bot_user_id),
        recipient: None,
        topic: None,
        thread: Some(thread),
    };
    st.channels.insert(id, rec);
    Ok(Reply::created(st.channel_json(id).unwrap_or_default()))
}

fn thread_member(st: &mut State, method: &str, t: u64, user: u64) -> Result<Reply, Reply> {
    let Some(channel) = st.channels.get(&t).cloned() else {
        return Ok(Reply::model(404, 10003, "Unknown Channel"));
    };
    let Some(thread) = channel.thread else {
        return Ok(Reply::violation(
            400,
            50024,
            "Cannot execute action on this channel type",
        ));
    };
    if thread.archived {
        return Ok(Reply::model(400, 50083, "Thread is archived"));
    }
    let guild = channel.guild_id.unwrap_or(0);
    if !st.members.contains_key(&(guild, user)) {
        return Ok(Reply::model(404, 10007, "Unknown Member"));
    }
    if let Some(t) = st.channels.get_mut(&t).and_then(|c| c.thread.as_mut()) {
        if method == "PUT" {
            t.members.insert(user);
        } else {
            t.members.remove(&user);
        }
    }
    Ok(Reply::no_content())
}

fn edit_channel(st: &mut State, c: u64, req: &Req) -> Result<Reply, Reply> {
    let Some(channel) = st.channels.get_mut(&c) else {
        return Ok(Reply::model(404, 10003, "Unknown Channel"));
    };
    let errors = limits::check_channel_edit(&req.body);
    if !errors.is_empty() {
        return Ok(Reply::form(&errors));
    }
    let b = &req.body;
    if let Some(t) = channel.thread.as_mut() {
        // An archived thread only accepts the edit that unarchives it.
        if t.archived && b["archived"] != false {
            return Ok(Reply::model(400, 50083, "Thread is archived"));
        }
        if let Some(a) = b["archived"].as_bool() {
            if a != t.archived {
                t.archive_timestamp = now_iso();
            }
            t.archived = a;
        }
        t.locked = b["locked"].as_bool().unwrap_or(t.locked);
        t.invitable = b["invitable"].as_bool().unwrap_or(t.invitable);
        t.auto_archive_duration = b["auto_archive_duration"]
            .as_u64()
            .unwrap_or(t.auto_archive_duration);
    } else if b.get("topic").is_some() {
        channel.topic = b["topic"].as_str().map(str::to_string);
    }
    if let Some(name) = b["name"].as_str() {
        channel.name = Some(name.into());
    }
    Ok(Reply::ok(st.channel_json(c).unwrap_or_default()))
}
