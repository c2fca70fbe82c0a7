//! Discord's documented payload limits, checked the way Discord checks them: every problem is
//! collected with its JSON path so the answer can be the same nested `errors` object Discord
//! returns with code 50035, and serenity's `DiscordJsonError` parses it into per-field errors.
//!
//! Lengths are counted in Unicode scalar values (`chars()`), as Discord does; counting bytes
//! would reject valid non-ASCII text (a driver writing in Polish or Japanese) too early.

use std::collections::HashSet;

use serde_json::{json, Map, Value};

mod commands;
mod components;

pub use commands::{check_channel_edit, check_commands, check_thread_create};
use components::rows;

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
