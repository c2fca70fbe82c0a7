//! The checks `dispatch` makes before sending an interaction: the payload is one serenity can
//! read, its command is registered with matching options, its button is on the message as
//! the member would see it, its modal was opened. They are apart from `interactions.rs` because
//! they model what Discord could send, not how the fake sends it or reads the answers.

use serde_json::{json, Value};
use serenity::model::application::Interaction;

use super::state::{Callback, State};

#[track_caller]
pub(super) fn assert_interaction(payload: &Value) {
    if let Err(e) = serde_json::from_value::<Interaction>(payload.clone()) {
        panic!("payload is not a valid serenity Interaction ({e}); serenity would drop it silently:\n{payload:#}");
    }
}

/// Fills what Discord would know and checks the payload is something Discord could send.
/// Returns the message the interaction sits on, if any.
pub(super) fn prepare(st: &State, payload: &mut Value, kind: u64) -> Result<Option<u64>, String> {
    match kind {
        2 | 4 => check_command(st, payload, kind).map(|()| None),
        3 => refresh_message(st, payload).map(Some),
        5 => check_modal_submit(st, payload),
        _ => Ok(None),
    }
}

fn find_command(st: &State, guild: Option<u64>, name: &str) -> Option<(Value, Option<u64>)> {
    let find = |key: Option<u64>| {
        let cmd = st.commands.get(&key)?.iter().find(|c| c["name"] == name)?;
        Some((cmd.clone(), key))
    };
    guild.and_then(|g| find(Some(g))).or_else(|| find(None))
}

fn check_command(st: &State, payload: &mut Value, kind: u64) -> Result<(), String> {
    let name = payload["data"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let guild = payload["guild_id"]
        .as_str()
        .and_then(|g| g.parse::<u64>().ok());
    let Some((cmd, cmd_guild)) = find_command(st, guild, &name) else {
        let known: Vec<&str> = st
            .commands
            .values()
            .flatten()
            .filter_map(|c| c["name"].as_str())
            .collect();
        return Err(format!(
            "/{name} is not registered, so Discord could not send it (registered: {known:?})"
        ));
    };
    payload["data"]["id"] = cmd["id"].clone();
    if let Some(g) = cmd_guild {
        payload["data"]["guild_id"] = json!(g.to_string());
    }
    check_options(&name, &payload["data"]["options"], &cmd["options"])?;
    match (kind, count_focused(&payload["data"]["options"])) {
        (4, 1) | (2, 0) => Ok(()),
        (4, n) => Err(format!(
            "an autocomplete for /{name} needs exactly one focused option, has {n}"
        )),
        _ => Err(format!(
            "a command invocation of /{name} cannot have a focused option"
        )),
    }
}

fn check_options(command: &str, given: &Value, schema: &Value) -> Result<(), String> {
    for opt in given.as_array().into_iter().flatten() {
        let name = opt["name"].as_str().unwrap_or_default();
        let def = schema
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["name"] == name);
        let Some(def) = def else {
            return Err(format!(
                "/{command} has no option `{name}` (schema: {schema})"
            ));
        };
        if def["type"] != opt["type"] {
            let (want, got) = (&def["type"], &opt["type"]);
            return Err(format!(
                "/{command} option `{name}` is type {want} in the schema, {got} in the payload"
            ));
        }
        if opt["focused"] == true && def["autocomplete"] != true {
            return Err(format!(
                "/{command} option `{name}` does not have autocomplete enabled"
            ));
        }
        if matches!(opt["type"].as_u64(), Some(1 | 2)) {
            check_options(command, &opt["options"], &def["options"])?;
        }
    }
    Ok(())
}

fn count_focused(options: &Value) -> usize {
    let list = options.as_array().into_iter().flatten();
    list.map(|o| usize::from(o["focused"] == true) + count_focused(&o["options"]))
        .sum()
}

fn id_of(v: &Value) -> u64 {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Discord sends the message as it is now, and only for components that exist on it.
fn refresh_message(st: &State, payload: &mut Value) -> Result<u64, String> {
    let msg_id = id_of(&payload["message"]["id"]);
    let Some(stored) = st.messages.get(&msg_id).filter(|m| !m.deleted) else {
        return Err(format!(
            "message {msg_id} does not exist (or was deleted); nobody can click on it"
        ));
    };
    if let Some(viewer) = stored.visible_to {
        let presser = id_of(&payload["member"]["user"]["id"]).max(id_of(&payload["user"]["id"]));
        if presser != viewer {
            return Err(format!(
                "message {msg_id} is ephemeral; only user {viewer} can see it, not {presser}"
            ));
        }
    }
    // Discord greys out components in a locked thread: members without Manage Threads can
    // neither press them nor unarchive the thread (discord-api-docs #7900, #5517).
    let thread = st
        .channels
        .get(&stored.channel_id)
        .and_then(|c| c.thread.as_ref());
    if thread.is_some_and(|t| t.locked) {
        return Err(format!(
            "message {msg_id} is in a locked thread; Discord does not let members press it"
        ));
    }
    let custom_id = payload["data"]["custom_id"].as_str().unwrap_or_default();
    let Some(component) = stored.component(custom_id) else {
        let ids = stored.custom_ids();
        return Err(format!(
            "message {msg_id} has no component `{custom_id}` (it has {ids:?})"
        ));
    };
    if component["disabled"] == true {
        return Err(format!(
            "component `{custom_id}` on message {msg_id} is disabled"
        ));
    }
    let expected = component["type"].as_u64();
    if payload["data"]["component_type"].as_u64() != expected {
        return Err(format!("component `{custom_id}` has type {expected:?}"));
    }
    if expected == Some(3) {
        let options: Vec<&Value> = component["options"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| &o["value"])
            .collect();
        if let Some(v) = payload["data"]["values"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|v| !options.contains(v))
        {
            return Err(format!("select `{custom_id}` has no option {v}"));
        }
    }
    payload["message"] = stored.json.clone();
    Ok(msg_id)
}

fn first_components(rows: &Value) -> Vec<&Value> {
    rows.as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["components"].get(0))
        .collect()
}

/// The modal must have been opened by the bot, and the inputs must be the modal's own.
fn check_modal_submit(st: &State, payload: &mut Value) -> Result<Option<u64>, String> {
    let custom_id = payload["data"]["custom_id"].as_str().unwrap_or_default();
    let opened = |c: &Callback| c.accepted() && c.kind == 9 && c.data["custom_id"] == custom_id;
    let opener = st
        .interactions
        .values()
        .filter(|i| i.callbacks.iter().any(opened))
        .max_by_key(|i| i.dispatched_at);
    let Some(opener) = opener else {
        return Err(format!(
            "the bot never opened a modal `{custom_id}`, so it cannot be submitted"
        ));
    };
    let modal = opener
        .callbacks
        .iter()
        .find(|c| opened(c))
        .map(|c| c.data.clone())
        .unwrap_or_default();
    let inputs = first_components(&modal["components"]);
    let submitted = first_components(&payload["data"]["components"]);
    for s in &submitted {
        let id = s["custom_id"].as_str().unwrap_or_default();
        let Some(def) = inputs.iter().find(|i| i["custom_id"] == id) else {
            return Err(format!("modal `{custom_id}` has no text input `{id}`"));
        };
        let len = s["value"].as_str().unwrap_or_default().chars().count() as u64;
        let min = def["min_length"].as_u64().unwrap_or(0);
        let max = def["max_length"].as_u64().unwrap_or(4000);
        let required = def["required"].as_bool().unwrap_or(true);
        if len > max || (len < min && (required || len > 0)) {
            return Err(format!(
                "input `{id}` of modal `{custom_id}`: {len} chars is outside {min}..={max}"
            ));
        }
    }
    for i in &inputs {
        let id = i["custom_id"].as_str().unwrap_or_default();
        let required = i["required"].as_bool().unwrap_or(true);
        if required && !submitted.iter().any(|s| s["custom_id"] == id) {
            return Err(format!("modal `{custom_id}` requires input `{id}`"));
        }
    }
    // A modal opened from a component carries that message, and UPDATE_MESSAGE edits it.
    let Some(source) = opener.source_message else {
        return Ok(None);
    };
    if let Some(m) = st.messages.get(&source) {
        payload["message"] = m.json.clone();
    }
    Ok(Some(source))
}
