//! Interaction callbacks and the interaction webhook (`@original`, follow-ups): the part of the
//! API with timing rules, so the order of checks follows Discord's: already acknowledged, then
//! the 3 s deadline, then whether the callback type fits, then the payload.

use serde_json::{json, Value};

use super::channels::{create_message, edit_message, reject_message, Origin};
use super::limits::{self, FieldError};
use super::rest::{Reply, Req};
use super::state::{Callback, State};
use super::Inner;

/// Callback types each interaction type accepts. 6/7 also need a message to act on.
fn allowed_callbacks(interaction_kind: u64, has_message: bool) -> &'static [u64] {
    match (interaction_kind, has_message) {
        (2, _) => &[4, 5, 9],
        (3, _) => &[4, 5, 6, 7, 9],
        (4, _) => &[8],
        (5, true) => &[4, 5, 6, 7],
        (5, false) => &[4, 5],
        _ => &[],
    }
}

pub fn callback(inner: &Inner, st: &mut State, id: &str, token: &str, req: &Req) -> Reply {
    let Some(rec) = id
        .parse::<u64>()
        .ok()
        .and_then(|id| st.interactions.get(&id))
    else {
        return Reply::violation(404, 10062, "Unknown interaction");
    };
    if rec.token != token {
        return Reply::violation(401, 50027, "Invalid Webhook Token");
    }
    let id = rec.id;
    let latency = rec.dispatched_at.elapsed();
    let kind = req.body["type"].as_u64().unwrap_or(0);
    let data = req
        .body
        .get("data")
        .filter(|d| !d.is_null())
        .cloned()
        .unwrap_or(json!({}));
    let reply = acknowledge(inner, st, id, kind, &data, latency, req);
    let error = reply.body.clone().filter(|_| reply.status >= 300);
    if let Some(rec) = st.interactions.get_mut(&id) {
        rec.callbacks.push(Callback {
            kind,
            data,
            latency,
            status: reply.status,
            error,
        });
    }
    reply
}

fn acknowledge(
    inner: &Inner,
    st: &mut State,
    id: u64,
    kind: u64,
    data: &Value,
    latency: std::time::Duration,
    req: &Req,
) -> Reply {
    let rec = st.interactions[&id].clone();
    if rec.acked_with.is_some() {
        return Reply::violation(400, 40060, "Interaction has already been acknowledged.");
    }
    if latency > inner.cfg.ack_deadline {
        return Reply::violation(404, 10062, "Unknown interaction");
    }
    let allowed = allowed_callbacks(rec.kind, rec.source_message.is_some());
    if !allowed.contains(&kind) {
        let message = format!("Value must be one of {allowed:?}.");
        return Reply::form(&[FieldError {
            path: vec!["type".into()],
            code: "BASE_TYPE_CHOICES",
            message,
        }]);
    }
    let rejected = match kind {
        4 => reject_message(data, true, &["data"]),
        7 => reject_message(data, false, &["data"]),
        8 => form(limits::check_autocomplete(data)),
        9 => form(limits::check_modal(data)),
        _ => None,
    };
    if let Some(r) = rejected {
        return r;
    }
    let original = match kind {
        4 | 5 => {
            let (body, extra_flags) = if kind == 4 {
                (data.clone(), 0)
            } else {
                (json!({"flags": data["flags"]}), 128)
            };
            let msg_kind = if rec.kind == 2 { 20 } else { 0 };
            let origin = Origin {
                interaction: Some(id),
                user: Some(rec.user_id),
                kind: msg_kind,
                may_be_ephemeral: true,
                extra_flags,
            };
            Some(create_message(inner, st, rec.channel_id, &body, origin).id)
        }
        6 => rec.source_message,
        7 => {
            let source = rec
                .source_message
                .expect("type 7 is only allowed with a message");
            edit_message(st, source, data);
            Some(source)
        }
        _ => None,
    };
    if let Some(rec) = st.interactions.get_mut(&id) {
        rec.acked_with = Some(kind);
        rec.original = original;
    }
    if !req.query_flag("with_response") {
        return Reply::no_content();
    }
    let message = original
        .and_then(|m| st.messages.get(&m))
        .map(|m| m.json.clone());
    let mut resource = json!({"type": kind});
    if let Some(m) = &message {
        resource["message"] = m.clone();
    }
    let ephemeral = message
        .as_ref()
        .is_some_and(|m| m["flags"].as_u64().unwrap_or(0) & 64 != 0);
    Reply::ok(json!({
        "interaction": {
            "id": id.to_string(), "type": rec.kind, "activity_instance_id": null,
            "response_message_id": original.map(|m| m.to_string()),
            "response_message_loading": kind == 5, "response_message_ephemeral": ephemeral,
        },
        "resource": resource,
    }))
}

fn form(errors: Vec<FieldError>) -> Option<Reply> {
    (!errors.is_empty()).then(|| Reply::form(&errors))
}

/// `/webhooks/{app}/{token}/...`: follow-ups and edits of an interaction's messages.
pub fn route(
    inner: &Inner,
    st: &mut State,
    app: &str,
    token: &str,
    rest: &[&str],
    req: &Req,
) -> Reply {
    let Some(&id) = st
        .by_token
        .get(token)
        .filter(|_| app == inner.cfg.application_id.to_string())
    else {
        return Reply::violation(404, 10015, "Unknown Webhook");
    };
    let rec = st.interactions[&id].clone();
    if rec.dispatched_at.elapsed() > inner.cfg.token_lifetime {
        return Reply::violation(401, 50027, "Invalid Webhook Token");
    }
    // The webhook only exists once the interaction was acknowledged (autocomplete never has one).
    if matches!(rec.acked_with, None | Some(8)) {
        return Reply::violation(404, 10015, "Unknown Webhook");
    }
    let target = match rest {
        [] if req.method == "POST" => return followup(inner, st, id, req),
        ["messages", "@original"] => rec.original,
        ["messages", m] => m
            .parse::<u64>()
            .ok()
            .filter(|m| rec.original == Some(*m) || rec.followups.contains(m)),
        _ => return Reply::unknown_route(),
    };
    let Some(target) = target.filter(|m| st.messages.get(m).is_some_and(|m| !m.deleted)) else {
        let reply = if req.method == "GET" {
            Reply::model
        } else {
            Reply::violation
        };
        return reply(404, 10008, "Unknown Message");
    };
    match req.method {
        "GET" => Reply::ok(st.messages[&target].json.clone()),
        "PATCH" => reject_message(&req.body, false, &[])
            .unwrap_or_else(|| Reply::ok(edit_message(st, target, &req.body))),
        "DELETE" => {
            if let Some(m) = st.messages.get_mut(&target) {
                m.deleted = true;
            }
            Reply::no_content()
        }
        _ => Reply::unknown_route(),
    }
}

fn followup(inner: &Inner, st: &mut State, id: u64, req: &Req) -> Reply {
    if let Some(r) = reject_message(&req.body, true, &[]) {
        return r;
    }
    let rec = &st.interactions[&id];
    let origin = Origin {
        interaction: Some(id),
        user: Some(rec.user_id),
        kind: 0,
        may_be_ephemeral: true,
        extra_flags: 0,
    };
    let channel = rec.channel_id;
    let msg = create_message(inner, st, channel, &req.body, origin);
    if let Some(rec) = st.interactions.get_mut(&id) {
        rec.followups.push(msg.id);
    }
    Reply::ok(msg.json)
}
