//! Application command registration and thread/channel edits.

use std::collections::HashSet;

use serde_json::Value;

use super::{chars, choice, Checker, FieldError};

/// A bulk overwrite of application commands.
pub fn check_commands(list: &Value) -> Vec<FieldError> {
    let mut c = Checker::new(&[]);
    let Some(items) = list.as_array() else {
        c.err("BASE_TYPE_ARRAY", "Must be an array.");
        return c.errors;
    };
    if items.len() > 100 {
        c.err("BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
    }
    let mut seen = HashSet::new();
    for (i, cmd) in items.iter().enumerate() {
        c.at(i, |c| {
            let kind = cmd.get("type").and_then(Value::as_u64).unwrap_or(1);
            command_name(c, cmd, kind == 1);
            let name = cmd.get("name").and_then(Value::as_str).unwrap_or_default();
            if !seen.insert((kind, name.to_string())) {
                let msg = "Application command names must be unique";
                c.err_at("name", "APPLICATION_COMMANDS_DUPLICATE_NAME", msg);
            }
            if kind == 1 {
                c.len(cmd, "description", 1, 100, true);
                options(c, cmd, 0);
            } else if chars(cmd.get("description")) > 0 {
                let msg = "Only chat input commands have a description.";
                c.err_at(
                    "description",
                    "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED",
                    msg,
                );
            }
        });
    }
    c.errors
}

/// Chat-input names must be 1-32 lowercase letters, digits, `-`, `_` or `'`.
fn command_name(c: &mut Checker, obj: &Value, chat_input: bool) {
    c.len(obj, "name", 1, 32, true);
    let Some(name) = obj.get("name").and_then(Value::as_str) else {
        return;
    };
    let ok = |ch: char| ch.is_alphanumeric() || matches!(ch, '-' | '_' | '\'');
    if chat_input && !name.chars().all(|ch| ok(ch) && !ch.is_uppercase()) {
        c.err_at(
            "name",
            "APPLICATION_COMMAND_INVALID_NAME",
            "Command name is invalid",
        );
    }
}

fn options(c: &mut Checker, parent: &Value, depth: usize) {
    let opts = c.array(parent, "options", 0, 25);
    let kinds: Vec<u64> = opts
        .iter()
        .map(|o| o.get("type").and_then(Value::as_u64).unwrap_or(0))
        .collect();
    let subs = kinds.iter().filter(|k| matches!(k, 1 | 2)).count();
    if subs != 0 && subs != kinds.len() {
        let msg = "Sub-command and sub-command group option types are mutually exclusive to all other types";
        c.err_at("options", "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", msg);
    }
    let mut seen_optional = false;
    let mut names = HashSet::new();
    c.at("options", |c| {
        for (i, o) in opts.iter().enumerate() {
            c.at(i, |c| {
                let kind = kinds[i];
                command_name(c, o, true);
                c.len(o, "description", 1, 100, true);
                if !(1..=11).contains(&kind) {
                    c.err_at("type", "BASE_TYPE_CHOICES", "Value must be one of (1..11).");
                }
                let name = o.get("name").and_then(Value::as_str).unwrap_or_default();
                if !names.insert(name.to_string()) {
                    let msg = "Command option names must be unique";
                    c.err_at(
                        "name",
                        "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                        msg,
                    );
                }
                let required = o.get("required").and_then(Value::as_bool).unwrap_or(false);
                if required && seen_optional {
                    let msg = "Required options must be placed before non-required options";
                    c.err_at(
                        "required",
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        msg,
                    );
                }
                seen_optional |= !required && !matches!(kind, 1 | 2);
                let choices = c.array(o, "choices", 0, 25);
                c.at("choices", |c| {
                    for (j, ch) in choices.iter().enumerate() {
                        c.at(j, |c| choice(c, ch));
                    }
                });
                if !choices.is_empty()
                    && o.get("autocomplete").and_then(Value::as_bool) == Some(true)
                {
                    let msg = "Autocomplete cannot be set with choices";
                    c.err_at(
                        "autocomplete",
                        "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES",
                        msg,
                    );
                }
                c.int_range(o, "min_length", 0, 6000);
                c.int_range(o, "max_length", 1, 6000);
                // Groups hold sub-commands, sub-commands hold plain options: two levels at most.
                let nested_ok = match kind {
                    2 => depth == 0,
                    1 => depth <= 1,
                    _ => false,
                };
                if matches!(kind, 1 | 2) && !nested_ok {
                    c.err_at(
                        "type",
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Sub-commands nest too deeply.",
                    );
                }
                if matches!(kind, 1 | 2) {
                    options(c, o, depth + 1);
                } else if o
                    .get("options")
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty())
                {
                    c.err_at(
                        "options",
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Only sub-commands have options.",
                    );
                }
            });
        }
    });
}

const ARCHIVE_DURATIONS: [i64; 4] = [60, 1440, 4320, 10080];

/// POST /channels/{id}/threads (without a message).
pub fn check_thread_create(body: &Value) -> Vec<FieldError> {
    let mut c = Checker::new(&[]);
    c.len(body, "name", 1, 100, true);
    if let Some(kind) = body.get("type").filter(|v| !v.is_null()) {
        if !matches!(kind.as_u64(), Some(10..=12)) {
            c.err_at(
                "type",
                "BASE_TYPE_CHOICES",
                "Value must be one of (10, 11, 12).",
            );
        }
    }
    thread_common(&mut c, body);
    c.errors
}

/// PATCH /channels/{id}: names follow the same rule for channels and threads.
pub fn check_channel_edit(body: &Value) -> Vec<FieldError> {
    let mut c = Checker::new(&[]);
    if body.get("name").is_some() {
        c.len(body, "name", 1, 100, true);
    }
    for key in ["archived", "locked", "invitable"] {
        if body
            .get(key)
            .is_some_and(|v| !v.is_boolean() && !v.is_null())
        {
            c.err_at(key, "BASE_TYPE_BOOLEAN", "Must be either true or false.");
        }
    }
    thread_common(&mut c, body);
    c.errors
}

fn thread_common(c: &mut Checker, body: &Value) {
    if let Some(d) = body.get("auto_archive_duration").filter(|v| !v.is_null()) {
        if !d.as_i64().is_some_and(|d| ARCHIVE_DURATIONS.contains(&d)) {
            let msg = "Value must be one of (60, 1440, 4320, 10080).";
            c.err_at("auto_archive_duration", "BASE_TYPE_CHOICES", msg);
        }
    }
    c.int_range(body, "rate_limit_per_user", 0, 21600);
}
