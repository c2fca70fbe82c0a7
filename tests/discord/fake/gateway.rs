//! The gateway WebSocket: HELLO, IDENTIFY -> READY, heartbeats, RESUME with replay, and
//! dispatches to the most recently identified (or resumed) session of the shard that owns the
//! event, as Discord routes them: a guild's events to shard `(guild_id >> 22) % total`, direct
//! messages to shard 0. Several connections (shards) may be open at once; a second IDENTIFY for
//! a shard whose session is still connected is a violation.
//!
//! Every outbound frame of a connection goes through one channel, written by the connection's
//! own task, so READY, acks and dispatches keep the order they were produced in while the state
//! lock is held.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{RawQuery, State as AxState};
use axum::response::Response;
use serde_json::{json, Value};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use super::state::{snowflake, State};
use super::Inner;

#[path = "gateway_shards.rs"]
mod shards;
use shards::guild_of;
pub use shards::{shard_of, snowflake_on_shard};

/// Privileged intents Discord refuses (close 4014) unless enabled for the application.
pub const PRIVILEGED_INTENTS: u64 = (1 << 1) | (1 << 8) | (1 << 15);

/// How long an older connection of a shard may stay open after a new IDENTIFY for that shard
/// (a crashed bot's socket closing) before the two count as duplicates.
const DUPLICATE_GRACE: Duration = Duration::from_secs(2);

/// Dispatches kept per session for RESUME replay.
const REPLAY_BUFFER: usize = 1000;

pub enum Out {
    Text(String),
    Close(u16, &'static str),
}

/// A frame the bot sent, for tests that want to look at IDENTIFY or heartbeats.
#[derive(Clone, Debug)]
pub struct GatewayFrame {
    pub at: Duration,
    pub conn: u64,
    pub op: u64,
    pub d: Value,
}

struct Conn {
    tx: UnboundedSender<Out>,
    session: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub id: String,
    pub seq: u64,
    pub conn: Option<u64>,
    /// The IDENTIFY `d` that created it.
    pub identify: Value,
    /// Sent dispatches as (seq, frame), for replay.
    sent: Vec<(u64, String)>,
    /// Order of the last IDENTIFY/RESUME; the highest one of a shard receives its dispatches.
    pub activated: u64,
    /// `[shard_id, num_shards]` from IDENTIFY (`[0, 1]` when it carried none).
    pub shard: (u64, u64),
}

#[derive(Default)]
pub struct GatewayState {
    conns: HashMap<u64, Conn>,
    pub sessions: HashMap<String, Session>,
    pub identified: u32,
    pub resumed: u32,
    pub frames: Vec<GatewayFrame>,
    next_conn: u64,
    activations: u64,
}

impl GatewayState {
    /// The session dispatches go to: the most recently identified or resumed one, like
    /// Discord. A restarted bot's new IDENTIFY takes over from a killed one; while the current
    /// session is between sockets, dispatches are buffered and replayed on RESUME (and lost if
    /// the bot identifies afresh instead, as on Discord).
    pub fn current(&self) -> Option<&Session> {
        self.sessions.values().max_by_key(|s| s.activated)
    }

    /// The current session, if it has a live connection right now.
    pub fn connected(&self) -> Option<&Session> {
        self.current().filter(|s| s.conn.is_some())
    }

    /// Sends a dispatch to session `id` whatever it owns (READY, RESUMED).
    pub(super) fn dispatch_to(&mut self, id: &str, t: &str, d: &Value) -> Option<(String, u64)> {
        let id = id.to_string();
        let session = self.sessions.get_mut(&id)?;
        session.seq += 1;
        let frame = json!({"op": 0, "s": session.seq, "t": t, "d": d}).to_string();
        session.sent.push((session.seq, frame.clone()));
        if session.sent.len() > REPLAY_BUFFER {
            session.sent.remove(0);
        }
        let seq = session.seq;
        if let Some(conn) = session.conn.and_then(|c| self.conns.get(&c)) {
            let _ = conn.tx.send(Out::Text(frame));
        }
        Some((id, seq))
    }

    /// Sends a raw frame (op 7 reconnect) to the current session's connection.
    pub fn send_current(&mut self, out: Out) -> bool {
        let Some(conn) = self.current().and_then(|s| s.conn) else {
            return false;
        };
        self.conns
            .get(&conn)
            .is_some_and(|c| c.tx.send(out).is_ok())
    }

    /// Closes the current session's socket and detaches it at once, so dispatches from now on
    /// wait in the replay buffer for the bot's RESUME.
    pub fn drop_current(&mut self, code: u16) -> bool {
        let Some(id) = self.current().map(|s| s.id.clone()) else {
            return false;
        };
        let Some(conn) = self.sessions.get_mut(&id).and_then(|s| s.conn.take()) else {
            return false;
        };
        if let Some(c) = self.conns.get_mut(&conn) {
            c.session = None;
            let _ = c.tx.send(Out::Close(code, "closed by test"));
        }
        true
    }

    fn send(&self, conn: u64, out: Out) {
        if let Some(c) = self.conns.get(&conn) {
            let _ = c.tx.send(out);
        }
    }

    fn send_json(&self, conn: u64, v: &Value) {
        self.send(conn, Out::Text(v.to_string()));
    }

    fn attach(&mut self, conn: u64, session: &str) {
        self.activations += 1;
        let activated = self.activations;
        if let Some(s) = self.sessions.get_mut(session) {
            s.conn = Some(conn);
            s.activated = activated;
        }
        if let Some(c) = self.conns.get_mut(&conn) {
            c.session = Some(session.to_string());
        }
    }

    fn closed(&mut self, conn: u64) {
        if let Some(session) = self.conns.remove(&conn).and_then(|c| c.session) {
            if let Some(s) = self
                .sessions
                .get_mut(&session)
                .filter(|s| s.conn == Some(conn))
            {
                s.conn = None;
            }
        }
    }
}

pub async fn upgrade(
    AxState(inner): AxState<Arc<Inner>>,
    RawQuery(query): RawQuery,
    ws: WebSocketUpgrade,
) -> Response {
    let query = query.unwrap_or_default();
    inner.with(|st| {
        st.requests.push(super::state::RequestRecord {
            method: "GET".into(),
            path: "/gateway".into(),
            query: query.clone(),
            body: None,
            status: 101,
            at: st.started.elapsed(),
        });
        // serenity appends `?v=10` to the URL from GET /gateway; any other version is a bug.
        let version = query.split('&').find_map(|kv| kv.strip_prefix("v="));
        if version.is_some_and(|v| v != "10") {
            let body =
                json!({"code": 0, "message": format!("gateway version {version:?} is not 10")});
            st.violation(format!("GET /gateway?{query}"), 400, &body);
        }
    });
    ws.on_upgrade(move |socket| run(socket, inner))
}

async fn run(mut socket: WebSocket, inner: Arc<Inner>) {
    let (tx, mut rx) = unbounded_channel();
    let conn = inner.with(|st| {
        let gw = &mut st.gateway;
        gw.next_conn += 1;
        gw.conns.insert(gw.next_conn, Conn { tx, session: None });
        gw.next_conn
    });
    let interval = inner.cfg.heartbeat_interval_ms;
    let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": interval}});
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_ok()
    {
        loop {
            tokio::select! {
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        inner.with(|st| on_frame(&inner, st, conn, text.as_str()));
                    },
                    Some(Ok(Message::Binary(_))) => {
                        inner.with(|st| refuse(st, conn, 4002, "Error while decoding payload."));
                    },
                    // Keep reading after a Close: axum answers it, then `recv` ends the stream.
                    Some(Ok(_)) => {},
                    None | Some(Err(_)) => break,
                },
                out = rx.recv() => match out {
                    Some(Out::Text(s)) => {
                        if socket.send(Message::Text(s.into())).await.is_err() {
                            break;
                        }
                    },
                    Some(Out::Close(code, reason)) => {
                        let frame = CloseFrame { code, reason: reason.into() };
                        let _ = socket.send(Message::Close(Some(frame))).await;
                        break;
                    },
                    None => break,
                },
            }
        }
    }
    inner.with(|st| st.gateway.closed(conn));
}

/// Closes a connection for a protocol error of the bot, and records it.
fn refuse(st: &mut State, conn: u64, code: u16, reason: &'static str) {
    st.violation(
        "gateway".into(),
        code,
        &json!({"code": code, "message": reason}),
    );
    st.gateway.send(conn, Out::Close(code, reason));
}

fn on_frame(inner: &Arc<Inner>, st: &mut State, conn: u64, text: &str) {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        return refuse(st, conn, 4002, "Error while decoding payload.");
    };
    let op = frame["op"].as_u64().unwrap_or(u64::MAX);
    let d = frame.get("d").cloned().unwrap_or(Value::Null);
    let at = st.started.elapsed();
    st.gateway.frames.push(GatewayFrame {
        at,
        conn,
        op,
        d: d.clone(),
    });
    let identified = st
        .gateway
        .conns
        .get(&conn)
        .is_some_and(|c| c.session.is_some());
    match op {
        1 => st
            .gateway
            .send_json(conn, &json!({"op": 11, "s": null, "t": null, "d": null})),
        2 if identified => refuse(st, conn, 4005, "Already authenticated."),
        2 => identify(inner, st, conn, &d),
        6 => resume(inner, st, conn, &d),
        // Presence updates, voice state and member requests change nothing the fake models.
        3 | 4 | 8 | 31 if identified => {}
        3 | 4 | 8 | 31 => refuse(st, conn, 4003, "Not authenticated."),
        _ => refuse(st, conn, 4001, "Unknown opcode."),
    }
}

/// serenity sends `Bot <token>` in IDENTIFY (it reuses the HTTP header value); Discord accepts
/// the token with or without that prefix, and so does the fake.
fn token_ok(inner: &Inner, token: &Value) -> bool {
    let token = token.as_str().unwrap_or_default();
    token.strip_prefix("Bot ").unwrap_or(token) == inner.cfg.token
}

fn identify(inner: &Arc<Inner>, st: &mut State, conn: u64, d: &Value) {
    if !token_ok(inner, &d["token"]) {
        return refuse(st, conn, 4004, "Authentication failed.");
    }
    if !d["properties"].is_object() {
        return refuse(st, conn, 4002, "Error while decoding payload.");
    }
    let Some(intents) = d["intents"].as_u64() else {
        return refuse(st, conn, 4013, "Invalid intent(s).");
    };
    if intents & PRIVILEGED_INTENTS & !inner.cfg.privileged_intents != 0 {
        return refuse(st, conn, 4014, "Disallowed intent(s).");
    }
    let shard = match d.get("shard") {
        None | Some(Value::Null) => (0, 1),
        Some(s) => match (s[0].as_u64(), s[1].as_u64()) {
            (Some(id), Some(total)) if id < total => (id, total),
            _ => return refuse(st, conn, 4010, "Invalid shard."),
        },
    };
    // Two live sessions for one shard: Discord would send both every event of it, and the
    // bot would answer twice. A crashed bot's socket may close only just after its successor
    // identifies, so the older one counts only if it is still open a moment later.
    let rivals: Vec<u64> = st
        .gateway
        .sessions
        .values()
        .filter(|s| s.shard == shard)
        .filter_map(|s| s.conn.filter(|c| *c != conn))
        .collect();
    if !rivals.is_empty() {
        let inner = Arc::clone(inner);
        tokio::spawn(async move {
            tokio::time::sleep(DUPLICATE_GRACE).await;
            inner.with(|st| {
                if rivals.iter().any(|c| st.gateway.conns.contains_key(c)) {
                    let message = format!("shard {shard:?} is already connected");
                    st.violation(
                        "gateway IDENTIFY".into(),
                        4010,
                        &json!({"code": 4010, "message": message}),
                    );
                }
            });
        });
    }
    let session_id = format!("{:032x}", (snowflake() as u128) << 64 | u128::from(conn));
    st.gateway.sessions.insert(
        session_id.clone(),
        Session {
            id: session_id.clone(),
            seq: 0,
            conn: None,
            identify: d.clone(),
            sent: Vec::new(),
            activated: 0,
            shard,
        },
    );
    st.gateway.attach(conn, &session_id);
    st.gateway.identified += 1;
    // READY lists the guilds of this shard only, as Discord's does.
    let guilds: Vec<Value> = st
        .guilds
        .keys()
        .filter(|g| shard_of(**g, shard.1) == shard.0)
        .map(|g| json!({"id": g.to_string(), "unavailable": true}))
        .collect();
    let mut user = st.user_json(inner.cfg.bot_user_id);
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    let ready = json!({
        "v": 10,
        "user": user,
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": inner.gateway_url(),
        "shard": [shard.0, shard.1],
        "application": {"id": inner.cfg.application_id.to_string(), "flags": 0},
        "private_channels": [],
        "relationships": [],
    });
    st.gateway.dispatch_to(&session_id, "READY", &ready);
}

fn resume(inner: &Inner, st: &mut State, conn: u64, d: &Value) {
    if !token_ok(inner, &d["token"]) {
        return refuse(st, conn, 4004, "Authentication failed.");
    }
    let id = d["session_id"].as_str().unwrap_or_default().to_string();
    let Some(session) = st.gateway.sessions.get(&id) else {
        // Not resumable: the bot must IDENTIFY again on this connection.
        return st
            .gateway
            .send_json(conn, &json!({"op": 9, "s": null, "t": null, "d": false}));
    };
    let seq = d["seq"].as_u64().unwrap_or(0);
    if seq > session.seq {
        return refuse(st, conn, 4007, "Invalid seq.");
    }
    let missed: Vec<String> = session
        .sent
        .iter()
        .filter(|(s, _)| *s > seq)
        .map(|(_, f)| f.clone())
        .collect();
    // A resumed session leaves its old connection, if that one is somehow still open.
    if let Some(old) = session.conn.filter(|c| *c != conn) {
        if let Some(c) = st.gateway.conns.get_mut(&old) {
            c.session = None;
        }
    }
    st.gateway.attach(conn, &id);
    st.gateway.resumed += 1;
    for frame in missed {
        st.gateway.send(conn, Out::Text(frame));
    }
    st.gateway.dispatch_to(&id, "RESUMED", &json!({}));
}
