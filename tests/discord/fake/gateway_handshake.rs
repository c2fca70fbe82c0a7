//! The gateway handshake: IDENTIFY (token, intents, shard, duplicate sessions) answered with
//! READY, and RESUME answered with the missed dispatches and RESUMED. A child of `gateway.rs`
//! (like `gateway_shards.rs`) so the connection and session internals stay private to the
//! gateway; it is apart because what Discord accepts at hello is its own set of rules.

use std::sync::Arc;

use serde_json::{json, Value};

use super::super::state::{snowflake, State};
use super::super::Inner;
use super::{refuse, shard_of, Out, Session, DUPLICATE_GRACE, PRIVILEGED_INTENTS};

/// serenity sends `Bot <token>` in IDENTIFY (it reuses the HTTP header value); Discord accepts
/// the token with or without that prefix, and so does the fake.
fn token_ok(inner: &Inner, token: &Value) -> bool {
    let token = token.as_str().unwrap_or_default();
    token.strip_prefix("Bot ").unwrap_or(token) == inner.cfg.token
}

pub(super) fn identify(inner: &Arc<Inner>, st: &mut State, conn: u64, d: &Value) {
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

pub(super) fn resume(inner: &Inner, st: &mut State, conn: u64, d: &Value) {
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
