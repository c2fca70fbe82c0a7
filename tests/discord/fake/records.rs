//! The logs the fake keeps for tests: each HTTP request, each Discord rule the bot broke, each
//! interaction dispatched with the callbacks it got, and each message in the exact JSON served.
//! Kept apart from `state.rs`, which models the guild the fake answers from.

use std::time::{Duration, Instant};

use serde_json::Value;

/// One HTTP request as the fake saw it (the gateway upgrade included).
#[derive(Clone, Debug)]
pub struct RequestRecord {
    pub method: String,
    /// Full path as received, e.g. `/api/v10/users/@me`.
    pub path: String,
    pub query: String,
    pub body: Option<Value>,
    pub status: u16,
    /// Time since the server started.
    pub at: Duration,
}

impl RequestRecord {
    /// Path without the `/api/v10` prefix, the form route patterns are written in.
    pub fn api_path(&self) -> &str {
        self.path.strip_prefix("/api/v10").unwrap_or(&self.path)
    }
}

/// Something the bot did that Discord would have refused (or that the fake cannot model).
#[derive(Clone, Debug)]
pub struct Violation {
    /// `"POST /api/v10/..."`, or `"gateway"`.
    pub request: String,
    pub status: u16,
    /// Discord's JSON error code (50035, 40060, ...), a gateway close code, or 0.
    pub code: u64,
    pub message: String,
    /// The error body answered, with the per-field `errors` tree when there is one.
    pub body: Value,
    pub at: Duration,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{:?}] {} -> {} code {}: {} {}",
            self.at, self.request, self.status, self.code, self.message, self.body
        )
    }
}

/// One call to `/interactions/{id}/{token}/callback`, accepted or not.
#[derive(Clone, Debug)]
pub struct Callback {
    /// Callback type: 4 message, 5 deferred message, 6 deferred update, 7 update, 8 choices, 9 modal.
    pub kind: u64,
    pub data: Value,
    /// Time from dispatch to the callback's arrival.
    pub latency: Duration,
    /// 204 when accepted, otherwise the error status answered.
    pub status: u16,
    /// Error body answered, if any.
    pub error: Option<Value>,
}

impl Callback {
    pub fn accepted(&self) -> bool {
        self.status < 300
    }
}

#[derive(Clone, Debug)]
pub struct InteractionRecord {
    pub id: u64,
    pub token: String,
    pub kind: u64,
    pub payload: Value,
    pub dispatched_at: Instant,
    pub channel_id: u64,
    pub user_id: u64,
    /// The message a component sits on (and a modal was opened from, if any).
    pub source_message: Option<u64>,
    pub acked_with: Option<u64>,
    /// The message `@original` refers to, once there is one.
    pub original: Option<u64>,
    pub followups: Vec<u64>,
    pub callbacks: Vec<Callback>,
}

/// A message the fake holds, in the exact JSON it serves.
#[derive(Clone, Debug)]
pub struct StoredMessage {
    pub id: u64,
    pub channel_id: u64,
    pub json: Value,
    /// Who may see it when ephemeral (the invoking user).
    pub visible_to: Option<u64>,
    /// The interaction whose response or follow-up created it.
    pub interaction_id: Option<u64>,
    pub deleted: bool,
    pub edits: u32,
}

impl StoredMessage {
    pub fn content(&self) -> &str {
        self.json["content"].as_str().unwrap_or_default()
    }

    pub fn flags(&self) -> u64 {
        self.json["flags"].as_u64().unwrap_or(0)
    }

    pub fn is_ephemeral(&self) -> bool {
        self.flags() & 64 != 0
    }

    /// Still showing "Bot is thinking..." after a deferred (type 5) response.
    pub fn is_loading(&self) -> bool {
        self.flags() & 128 != 0
    }

    pub fn embeds(&self) -> Vec<Value> {
        self.json["embeds"].as_array().cloned().unwrap_or_default()
    }

    /// Every component inside the action rows, in order.
    pub fn components(&self) -> Vec<Value> {
        let rows = self.json["components"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        rows.iter()
            .flat_map(|r| r["components"].as_array().cloned().unwrap_or_default())
            .collect()
    }

    pub fn component(&self, custom_id: &str) -> Option<Value> {
        self.components()
            .into_iter()
            .find(|c| c["custom_id"].as_str() == Some(custom_id))
    }

    pub fn custom_ids(&self) -> Vec<String> {
        self.components()
            .iter()
            .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
            .collect()
    }

    /// Typed view, which also proves serenity can read what the fake serves.
    pub fn to_serenity(&self) -> serenity::model::channel::Message {
        serde_json::from_value(self.json.clone())
            .expect("stored message deserializes as serenity Message")
    }
}
