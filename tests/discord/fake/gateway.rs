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

use super::state::State;
use super::Inner;

#[path = "gateway_handshake.rs"]
mod handshake;
#[path = "gateway_shards.rs"]
mod shards;
use handshake::{identify, resume};
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
