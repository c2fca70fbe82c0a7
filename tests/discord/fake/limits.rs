//! Discord's documented payload limits, checked the way Discord checks them: every problem is
//! collected with its JSON path so the answer can be the same nested `errors` object Discord
//! returns with code 50035, and serenity's `DiscordJsonError` parses it into per-field errors.
//!
//! Lengths are counted in Unicode scalar values (`chars()`), as Discord does; counting bytes
//! would reject valid non-ASCII text (a driver writing in Polish or Japanese) too early.

use std::collections::HashSet;

use serde_json::{json, Map, Value};

/// One rejected field, e.g. path `["data", "components", "0", "components", "5"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: Vec<String>,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    /// The dotted path serenity shows (`data.components.0.components.5`).
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// The exact body Discord answers with status 400.
pub fn invalid_form_body(errors: &[FieldError]) -> Value {
    let mut root = Map::new();
    for e in errors {
        let mut node = &mut root;
        for seg in &e.path {
            node = node
                .entry(seg.clone())
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
                .expect("error tree nodes are objects");
        }
        let list = node.entry("_errors").or_insert_with(|| json!([]));
        if let Some(list) = list.as_array_mut() {
            list.push(json!({"code": e.code, "message": e.message}));
        }
    }
    json!({"code": 50035, "message": "Invalid Form Body", "errors": root})
}

/// Walks a payload while remembering where it is, so nested checks stay short.
struct Checker {
    path: Vec<String>,
    errors: Vec<FieldError>,
}

impl Checker {
    fn new(prefix: &[&str]) -> Self {
        Self {
            path: prefix.iter().map(|s| s.to_string()).collect(),
            errors: Vec::new(),
        }
    }

    fn at(&mut self, seg: impl ToString, f: impl FnOnce(&mut Self)) {
        self.path.push(seg.to_string());
        f(self);
        self.path.pop();
    }

    fn err(&mut self, code: &'static str, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: self.path.clone(),
            code,
            message: message.into(),
        });
    }

    fn err_at(&mut self, seg: impl ToString, code: &'static str, message: impl Into<String>) {
        self.at(seg, |c| c.err(code, message));
    }

    /// A string field; `None` when absent or null. Non-strings are reported.
    fn string<'a>(&mut self, obj: &'a Value, key: &str) -> Option<&'a str> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.err_at(key, "BASE_TYPE_STRING", "Must be a string.");
                None
            }
        }
    }

    /// Length rule for an optional (or, with `required`, mandatory) string field.
    fn len(&mut self, obj: &Value, key: &str, min: usize, max: usize, required: bool) {
        match self.string(obj, key) {
            None if required && obj.get(key).map_or(true, Value::is_null) => {
                self.err_at(key, "BASE_TYPE_REQUIRED", "This field is required")
            }
            None => {}
            Some(s) => self.len_of(key, s.chars().count(), min, max),
        }
    }

    fn len_of(&mut self, key: impl ToString, n: usize, min: usize, max: usize) {
        if n > max || n < min {
            let (code, msg) = if min == 0 {
                (
                    "BASE_TYPE_MAX_LENGTH",
                    format!("Must be {max} or fewer in length."),
                )
            } else {
                (
                    "BASE_TYPE_BAD_LENGTH",
                    format!("Must be between {min} and {max} in length."),
                )
            };
            self.err_at(key, code, msg);
        }
    }

    /// An array field; reports a non-array and a length outside `min..=max`.
    fn array<'a>(&mut self, obj: &'a Value, key: &str, min: usize, max: usize) -> &'a [Value] {
        match obj.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => {
                self.len_of(key, items.len(), min, max);
                items
            }
            Some(_) => {
                self.err_at(key, "BASE_TYPE_ARRAY", "Must be an array.");
                &[]
            }
        }
    }

    fn int_range(&mut self, obj: &Value, key: &str, min: i64, max: i64) -> Option<i64> {
        let v = obj.get(key)?;
        if v.is_null() {
            return None;
        }
        match v.as_i64() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(_) => {
                let msg = format!("Int value should be between {min} and {max}.");
                self.err_at(key, "NUMBER_TYPE_MIN_MAX", msg);
                None
            }
            None => {
                self.err_at(key, "NUMBER_TYPE_COERCE", "Value is not int.");
                None
            }
        }
    }
}

fn chars(v: Option<&Value>) -> usize {
    v.and_then(Value::as_str).map_or(0, |s| s.chars().count())
}

/// A message body (create or edit, channel or webhook or interaction `data`).
/// `prefix` is where it sits in the request, e.g. `["data"]` for an interaction callback.
pub fn check_message(body: &Value, prefix: &[&str]) -> Vec<FieldError> {
    let mut c = Checker::new(prefix);
    if !body.is_object() {
        c.err(
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        );
        return c.errors;
    }
    c.len(body, "content", 0, 2000, false);
    embeds(&mut c, body);
    if body.get("components").is_some_and(|v| !v.is_null()) {
        let mut ids = HashSet::new();
        rows(&mut c, body, false, &mut ids);
    }
    if let Some(am) = body.get("allowed_mentions").filter(|v| !v.is_null()) {
        c.at("allowed_mentions", |c| allowed_mentions(c, am));
    }
    c.errors
}

/// Discord's separate 50006 rule: a new message needs something to show.
pub fn is_empty_message(body: &Value) -> bool {
    let has = |k: &str| match body.get(k) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Null) | None => false,
        Some(_) => true,
    };
    ![
        "content",
        "embeds",
        "components",
        "attachments",
        "sticker_ids",
        "poll",
    ]
    .iter()
    .any(|k| has(k))
}

fn embeds(c: &mut Checker, body: &Value) {
    let list = c.array(body, "embeds", 0, 10);
    let mut total = 0;
    c.at("embeds", |c| {
        for (i, e) in list.iter().enumerate() {
            c.at(i, |c| {
                c.len(e, "title", 0, 256, false);
                c.len(e, "description", 0, 4096, false);
                let fields = c.array(e, "fields", 0, 25);
                c.at("fields", |c| {
                    for (j, f) in fields.iter().enumerate() {
                        c.at(j, |c| {
                            c.len(f, "name", 1, 256, true);
                            c.len(f, "value", 1, 1024, true);
                        });
                        total += chars(f.get("name")) + chars(f.get("value"));
                    }
                });
                if let Some(footer) = e.get("footer").filter(|v| !v.is_null()) {
                    c.at("footer", |c| c.len(footer, "text", 1, 2048, true));
                    total += chars(footer.get("text"));
                }
                if let Some(author) = e.get("author").filter(|v| !v.is_null()) {
                    c.at("author", |c| c.len(author, "name", 1, 256, true));
                    total += chars(author.get("name"));
                }
                total += chars(e.get("title")) + chars(e.get("description"));
            });
        }
    });
    if total > 6000 {
        c.err_at(
            "embeds",
            "MAX_EMBED_SIZE_EXCEEDED",
            "Embed size exceeds maximum size of 6000",
        );
    }
}

const SELECTS: [u64; 5] = [3, 5, 6, 7, 8];

/// Action rows of a message (`modal == false`) or of a modal.
fn rows(c: &mut Checker, body: &Value, modal: bool, ids: &mut HashSet<String>) {
    let list = c.array(body, "components", if modal { 1 } else { 0 }, 5);
    c.at("components", |c| {
        for (i, row) in list.iter().enumerate() {
            c.at(i, |c| row_of(c, row, modal, ids));
        }
    });
}

fn row_of(c: &mut Checker, row: &Value, modal: bool, ids: &mut HashSet<String>) {
    if row.get("type").and_then(Value::as_u64) != Some(1) {
        c.err_at(
            "type",
            "COMPONENT_TYPE_INVALID",
            "Top-level components must be action rows.",
        );
        return;
    }
    let children = c.array(row, "components", 1, 5);
    let kinds: Vec<u64> = children
        .iter()
        .filter_map(|x| x.get("type")?.as_u64())
        .collect();
    // A select menu, like a text input, takes the whole width of its row.
    let wide = kinds.iter().any(|k| SELECTS.contains(k) || *k == 4);
    if wide && children.len() > 1 {
        c.err_at(
            "components",
            "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
            "The specified component exceeds the maximum width",
        );
    }
    c.at("components", |c| {
        for (j, child) in children.iter().enumerate() {
            c.at(j, |c| component(c, child, modal, ids));
        }
    });
}

fn custom_id(c: &mut Checker, comp: &Value, ids: &mut HashSet<String>) {
    c.len(comp, "custom_id", 1, 100, true);
    if let Some(id) = comp.get("custom_id").and_then(Value::as_str) {
        if !ids.insert(id.to_string()) {
            c.err_at(
                "custom_id",
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            );
        }
    }
}

fn component(c: &mut Checker, comp: &Value, modal: bool, ids: &mut HashSet<String>) {
    let kind = comp.get("type").and_then(Value::as_u64).unwrap_or(0);
    match (kind, modal) {
        (2, false) => button(c, comp, ids),
        (3 | 5 | 6 | 7 | 8, false) => select(c, comp, kind, ids),
        (4, true) => text_input(c, comp, ids),
        _ => {
            let allowed = if modal { "(4)" } else { "(2, 3, 5, 6, 7, 8)" };
            let msg = format!("Value of field \"type\" must be one of {allowed}.");
            c.err_at("type", "UNION_TYPE_CHOICES", msg);
        }
    }
}

fn button(c: &mut Checker, b: &Value, ids: &mut HashSet<String>) {
    c.len(b, "label", 0, 80, false);
    let style = b.get("style").and_then(Value::as_u64);
    let present = |k: &str| b.get(k).is_some_and(|v| !v.is_null());
    match style {
        Some(1..=4) => {
            custom_id(c, b, ids);
            if present("url") {
                c.err_at(
                    "url",
                    "BUTTON_COMPONENT_URL_NOT_ALLOWED",
                    "A non-link button cannot have a url.",
                );
            }
            if !present("label") && !present("emoji") {
                c.err_at(
                    "label",
                    "BUTTON_COMPONENT_LABEL_REQUIRED",
                    "A button needs a label or an emoji.",
                );
            }
        }
        Some(5) => {
            c.len(b, "url", 1, 512, true);
            if present("custom_id") {
                let msg = "A link button cannot have a custom id.";
                c.err_at("custom_id", "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", msg);
            }
        }
        Some(6) => {
            if !present("sku_id") {
                c.err_at("sku_id", "BASE_TYPE_REQUIRED", "This field is required");
            }
        }
        _ => c.err_at(
            "style",
            "BASE_TYPE_CHOICES",
            "Value must be one of (1, 2, 3, 4, 5, 6).",
        ),
    }
}

fn select(c: &mut Checker, s: &Value, kind: u64, ids: &mut HashSet<String>) {
    custom_id(c, s, ids);
    c.len(s, "placeholder", 0, 150, false);
    let min = c.int_range(s, "min_values", 0, 25);
    let max = c.int_range(s, "max_values", 1, 25);
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            c.err_at(
                "min_values",
                "SELECT_COMPONENT_MIN_MAX",
                "min_values must not exceed max_values.",
            );
        }
    }
    if kind == 3 {
        let options = c.array(s, "options", 1, 25);
        if s.get("options").is_none() {
            c.err_at("options", "BASE_TYPE_REQUIRED", "This field is required");
        }
        if max.is_some_and(|hi| hi as usize > options.len()) {
            c.err_at(
                "max_values",
                "SELECT_COMPONENT_MAX_VALUES",
                "max_values exceeds the number of options.",
            );
        }
        let mut values = HashSet::new();
        c.at("options", |c| {
            for (i, o) in options.iter().enumerate() {
                c.at(i, |c| {
                    c.len(o, "label", 1, 100, true);
                    c.len(o, "value", 1, 100, true);
                    c.len(o, "description", 0, 100, false);
                    let v = o.get("value").and_then(Value::as_str).unwrap_or_default();
                    if !values.insert(v.to_string()) {
                        c.err_at(
                            "value",
                            "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                            "Option values must be unique.",
                        );
                    }
                });
            }
        });
    } else if s
        .get("options")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
    {
        c.err_at(
            "options",
            "SELECT_COMPONENT_OPTIONS_NOT_ALLOWED",
            "Only string selects have options.",
        );
    }
}

fn text_input(c: &mut Checker, t: &Value, ids: &mut HashSet<String>) {
    custom_id(c, t, ids);
    c.len(t, "label", 1, 45, true);
    if !matches!(t.get("style").and_then(Value::as_u64), Some(1 | 2)) {
        c.err_at("style", "BASE_TYPE_CHOICES", "Value must be one of (1, 2).");
    }
    let min = c.int_range(t, "min_length", 0, 4000);
    let max = c.int_range(t, "max_length", 1, 4000);
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            c.err_at(
                "min_length",
                "TEXT_INPUT_MIN_MAX",
                "min_length must not exceed max_length.",
            );
        }
    }
    c.len(t, "value", 0, max.unwrap_or(4000) as usize, false);
    c.len(t, "placeholder", 0, 100, false);
}

fn allowed_mentions(c: &mut Checker, am: &Value) {
    if !am.is_object() {
        c.err(
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        );
        return;
    }
    let parse = c.array(am, "parse", 0, 3);
    c.at("parse", |c| {
        for (i, p) in parse.iter().enumerate() {
            if !matches!(p.as_str(), Some("roles" | "users" | "everyone")) {
                let msg = "Value must be one of ('roles', 'users', 'everyone').";
                c.err_at(i, "BASE_TYPE_CHOICES", msg);
            }
        }
    });
    for key in ["users", "roles"] {
        let ids = c.array(am, key, 0, 100);
        c.at(key, |c| {
            for (i, id) in ids.iter().enumerate() {
                if !id.as_str().is_some_and(|s| s.parse::<u64>().is_ok()) && !id.is_u64() {
                    c.err_at(i, "NUMBER_TYPE_COERCE", "Value is not snowflake.");
                }
            }
        });
        if !ids.is_empty() && parse.iter().any(|p| p.as_str() == Some(key)) {
            let msg = format!("parse:[\"{key}\"] and {key}: [ids] are mutually exclusive.");
            c.err_at(key, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", msg);
        }
    }
    if am
        .get("replied_user")
        .is_some_and(|v| !v.is_boolean() && !v.is_null())
    {
        c.err_at(
            "replied_user",
            "BASE_TYPE_BOOLEAN",
            "Must be either true or false.",
        );
    }
}

/// `data` of a MODAL (type 9) callback.
pub fn check_modal(data: &Value) -> Vec<FieldError> {
    let mut c = Checker::new(&["data"]);
    c.len(data, "custom_id", 1, 100, true);
    c.len(data, "title", 1, 45, true);
    if data.get("components").map_or(true, Value::is_null) {
        c.err_at("components", "BASE_TYPE_REQUIRED", "This field is required");
    }
    let mut ids = HashSet::new();
    rows(&mut c, data, true, &mut ids);
    c.errors
}

/// `data` of an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (type 8) callback.
pub fn check_autocomplete(data: &Value) -> Vec<FieldError> {
    let mut c = Checker::new(&["data"]);
    if data.get("choices").map_or(true, Value::is_null) {
        c.err_at("choices", "BASE_TYPE_REQUIRED", "This field is required");
    }
    let choices = c.array(data, "choices", 0, 25);
    c.at("choices", |c| {
        for (i, ch) in choices.iter().enumerate() {
            c.at(i, |c| choice(c, ch));
        }
    });
    c.errors
}

fn choice(c: &mut Checker, ch: &Value) {
    c.len(ch, "name", 1, 100, true);
    match ch.get("value") {
        Some(Value::String(s)) => c.len_of("value", s.chars().count(), 1, 100),
        Some(Value::Number(_)) => {}
        _ => c.err_at("value", "BASE_TYPE_REQUIRED", "This field is required"),
    }
}

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
