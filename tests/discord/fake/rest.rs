//! The REST API under `/api/v10`: one fallback handler routes by method and path segments, so
//! every request (known or not) is recorded the same way and an unknown route is a violation
//! rather than axum's plain-text 404.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State as AxState;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use super::limits::{self, FieldError};
use super::state::{snowflake, RequestRecord, State};
use super::{channels, gateway, multipart, webhooks, Inner};

/// An answer, and whether giving it means the bot broke a rule.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Option<Value>,
    pub violation: bool,
}

impl Reply {
    pub fn ok(body: Value) -> Self {
        Self {
            status: 200,
            body: Some(body),
            violation: false,
        }
    }

    pub fn created(body: Value) -> Self {
        Self {
            status: 201,
            body: Some(body),
            violation: false,
        }
    }

    pub fn no_content() -> Self {
        Self {
            status: 204,
            body: None,
            violation: false,
        }
    }

    /// Discord refusing something a correct bot may still run into (unknown member, ...).
    pub fn model(status: u16, code: u64, message: &str) -> Self {
        Self {
            status,
            body: Some(json!({"code": code, "message": message})),
            violation: false,
        }
    }

    /// Discord refusing something a correct bot never sends.
    pub fn violation(status: u16, code: u64, message: &str) -> Self {
        Self {
            violation: true,
            ..Self::model(status, code, message)
        }
    }

    pub fn form(errors: &[FieldError]) -> Self {
        Self {
            status: 400,
            body: Some(limits::invalid_form_body(errors)),
            violation: true,
        }
    }

    pub fn unknown_route() -> Self {
        Self::violation(404, 0, "404: Not Found")
    }
}

/// One parsed request, as the route functions see it.
pub struct Req<'a> {
    pub method: &'a str,
    /// Path under `/api/v10`.
    pub api: &'a str,
    pub query: &'a str,
    /// `Value::Null` without a body.
    pub body: Value,
    pub auth: Option<&'a str>,
}

impl Req<'_> {
    pub fn query_flag(&self, key: &str) -> bool {
        self.query.split('&').any(|kv| kv == format!("{key}=true"))
    }
}

/// Parses a snowflake path segment the way Discord complains about a bad one.
pub fn id(seg: &str, field: &str) -> Result<u64, Reply> {
    seg.parse::<u64>().map_err(|_| {
        let msg = format!("Value \"{seg}\" is not snowflake.");
        Reply::form(&[FieldError {
            path: vec![field.into()],
            code: "NUMBER_TYPE_COERCE",
            message: msg,
        }])
    })
}

pub fn router(inner: Arc<Inner>) -> Router {
    Router::new()
        .route("/gateway", get(gateway::upgrade))
        .fallback(handle)
        // Room for a file over Discord's 25 MiB, so the fake answers it as Discord does
        // (axum's own limit is 2 MB).
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024 * 1024))
        .with_state(inner)
}

async fn handle(
    AxState(inner): AxState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let query = uri.query().unwrap_or_default().to_string();
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let has_files = content_type.starts_with("multipart/");
    let auth = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(api) = path.strip_prefix("/api/v10") {
        inner.pass_holds(method.as_str(), api).await;
    }
    let reply = inner.with(|st| {
        // A body with files: the payload and the files, registered, or Discord's refusal.
        let parsed = if has_files {
            multipart::read(st, &body, &content_type).map_err(Some)
        } else if body.is_empty() {
            Ok(Value::Null)
        } else {
            serde_json::from_slice::<Value>(&body).map_err(|_| None)
        };
        let (reply, recorded_body) = match (&parsed, path.strip_prefix("/api/v10")) {
            (Err(Some(refused)), _) => (refused.clone(), None),
            (Err(None), _) => (
                Reply::violation(400, 50109, "The request body contains invalid JSON."),
                None,
            ),
            (Ok(_), None) => (Reply::unknown_route(), None),
            (Ok(v), Some(api)) => {
                let req = Req {
                    method: method.as_str(),
                    api,
                    query: &query,
                    body: v.clone(),
                    auth: auth.as_deref(),
                };
                (
                    route(&inner, st, &req),
                    Some(v.clone()).filter(|v| !v.is_null()),
                )
            }
        };
        let at = st.started.elapsed();
        st.requests.push(RequestRecord {
            method: method.to_string(),
            path: path.clone(),
            query: query.clone(),
            body: recorded_body,
            status: reply.status,
            at,
        });
        if reply.violation {
            let request = format!(
                "{method} {path}{}{query}",
                if query.is_empty() { "" } else { "?" }
            );
            st.violation(
                request,
                reply.status,
                reply.body.as_ref().unwrap_or(&Value::Null),
            );
        }
        reply
    });
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match reply.body {
        Some(body) => (
            status,
            [(CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response(),
        None => status.into_response(),
    }
}

fn route(inner: &Inner, st: &mut State, req: &Req) -> Reply {
    let segs: Vec<&str> = req.api.trim_matches('/').split('/').collect();
    // These authenticate with the interaction token in the path, not the bot token.
    match (req.method, segs.as_slice()) {
        ("POST", ["interactions", id, token, "callback"]) => {
            return webhooks::callback(inner, st, id, token, req)
        }
        (_, ["webhooks", app, token, rest @ ..]) => {
            return webhooks::route(inner, st, app, token, rest, req)
        }
        // Discord serves this one without authentication; serenity calls it first.
        ("GET", ["gateway"]) => return Reply::ok(json!({"url": inner.gateway_url()})),
        _ => {}
    }
    if req.auth != Some(format!("Bot {}", inner.cfg.token).as_str()) {
        return Reply::violation(401, 0, "401: Unauthorized");
    }
    if let Some(d) = st.denial(req.method, req.api) {
        return Reply::model(d.status, d.code, &d.message);
    }
    let result = match (req.method, segs.as_slice()) {
        ("GET", ["gateway", "bot"]) => Ok(Reply::ok(json!({
            "url": inner.gateway_url(), "shards": inner.cfg.shards,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
        }))),
        ("GET", ["users", "@me"]) => {
            let mut me = st.user_json(inner.cfg.bot_user_id);
            me["verified"] = json!(true);
            me["mfa_enabled"] = json!(false);
            Ok(Reply::ok(me))
        }
        ("GET", ["oauth2", "applications", "@me"]) => Ok(Reply::ok(application(inner, st))),
        ("PUT" | "GET", ["applications", app, "commands"]) => commands(inner, st, app, None, req),
        ("PUT" | "GET", ["applications", app, "guilds", guild, "commands"]) => {
            commands(inner, st, app, Some(guild), req)
        }
        ("GET", ["guilds", guild, "members", user]) => member(st, guild, user),
        ("GET", ["guilds", guild, "roles"]) => roles(st, guild),
        (_, ["channels", ..] | ["users", "@me", "channels"]) => {
            channels::route(inner, st, &segs, req)
        }
        _ => Ok(Reply::unknown_route()),
    };
    result.unwrap_or_else(|r| r)
}

fn application(inner: &Inner, st: &State) -> Value {
    json!({
        "id": inner.cfg.application_id.to_string(), "name": inner.cfg.bot_name, "icon": null,
        "description": "", "bot_public": false, "bot_require_code_grant": false,
        "verify_key": "0".repeat(64), "owner": st.user_json(inner.cfg.bot_user_id), "team": null,
        "flags": 0, "bot": st.user_json(inner.cfg.bot_user_id),
    })
}

fn commands(
    inner: &Inner,
    st: &mut State,
    app: &str,
    guild: Option<&str>,
    req: &Req,
) -> Result<Reply, Reply> {
    if id(app, "application_id")? != inner.cfg.application_id {
        return Ok(Reply::violation(403, 50001, "Missing Access"));
    }
    let guild = guild.map(|g| id(g, "guild_id")).transpose()?;
    if let Some(g) = guild {
        if !st.members.contains_key(&(g, inner.cfg.bot_user_id)) {
            return Ok(Reply::model(403, 50001, "Missing Access"));
        }
    }
    if req.method == "GET" {
        return Ok(Reply::ok(json!(st
            .commands
            .get(&guild)
            .cloned()
            .unwrap_or_default())));
    }
    let errors = limits::check_commands(&req.body);
    if !errors.is_empty() {
        return Ok(Reply::form(&errors));
    }
    let old = st.commands.get(&guild).cloned().unwrap_or_default();
    let stored: Vec<Value> = req
        .body
        .as_array()
        .into_iter()
        .flatten()
        .map(|cmd| {
            let kind = cmd.get("type").cloned().unwrap_or(json!(1));
            // A bulk overwrite keeps the id of a command that keeps its name, as Discord does.
            let same = old
                .iter()
                .find(|o| o["name"] == cmd["name"] && o["type"] == kind);
            let cmd_id = same.map_or_else(|| json!(snowflake().to_string()), |o| o["id"].clone());
            let mut c = json!({
                "type": 1, "description": "", "options": [], "default_member_permissions": null,
                "nsfw": false, "integration_types": [0], "contexts": null,
            });
            for (k, v) in cmd.as_object().into_iter().flatten() {
                c[k] = v.clone();
            }
            c["id"] = cmd_id;
            c["application_id"] = json!(inner.cfg.application_id.to_string());
            c["version"] = json!(snowflake().to_string());
            if let Some(g) = guild {
                c["guild_id"] = json!(g.to_string());
            }
            c
        })
        .collect();
    st.commands.insert(guild, stored.clone());
    Ok(Reply::ok(json!(stored)))
}

fn member(st: &State, guild: &str, user: &str) -> Result<Reply, Reply> {
    let (guild, user) = (id(guild, "guild_id")?, id(user, "user_id")?);
    if !st.guilds.contains_key(&guild) {
        return Ok(Reply::model(404, 10004, "Unknown Guild"));
    }
    Ok(st
        .member_json(guild, user)
        .map_or_else(|| Reply::model(404, 10007, "Unknown Member"), Reply::ok))
}

fn roles(st: &State, guild: &str) -> Result<Reply, Reply> {
    let guild = id(guild, "guild_id")?;
    if !st.guilds.contains_key(&guild) {
        return Ok(Reply::model(404, 10004, "Unknown Guild"));
    }
    let roles: Vec<Value> = st
        .roles
        .values()
        .filter(|r| r.guild_id == guild)
        .filter_map(|r| st.role_json(r.id))
        .collect();
    Ok(Reply::ok(json!(roles)))
}
