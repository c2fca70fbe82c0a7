//! Sending interactions to the bot and reading back what it answered.
//!
//! `dispatch` refuses (panics on) payloads real Discord could never send: a payload serenity
//! cannot deserialize (serenity would drop it silently and the test would only time out), a
//! command that was never registered, a button that is not on the message, a modal that was
//! never opened. Those are bugs in the test, and they should fail loudly where they happen.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::interaction_checks::{assert_interaction, prepare};
use super::state::{snowflake, Callback, InteractionRecord, StoredMessage};
use super::{FakeDiscord, WaitError};

/// What `dispatch` returns: enough to find the interaction's callbacks and messages.
#[derive(Clone, Debug)]
pub struct InteractionHandle {
    pub id: u64,
    pub token: String,
    pub kind: u64,
    pub channel_id: u64,
    pub user_id: u64,
    /// Gateway sequence number of the INTERACTION_CREATE.
    pub seq: u64,
}

impl FakeDiscord {
    /// Sends INTERACTION_CREATE to the connected bot, with a fresh id and token.
    pub async fn dispatch(&self, payload: impl Into<Value>) -> InteractionHandle {
        let mut payload: Value = payload.into();
        let id = snowflake();
        let token = format!("aW50ZXJhY3Rpb246{id}:fake-{:x}", snowflake());
        payload["id"] = json!(id.to_string());
        payload["token"] = json!(token);
        payload["application_id"] = json!(self.application_id().to_string());
        let kind = payload["type"].as_u64().unwrap_or(0);
        // A builder bug fails here at once; serenity would drop the dispatch without a word.
        assert_interaction(&payload);
        // The bot may still be registering its commands, or answering the interaction that
        // produced the message: wait for what Discord would need before it could send this.
        let mut problem = String::new();
        let prepared = self
            .wait_until(
                self.config().dispatch_wait,
                "the interaction to become possible",
                |s| {
                    let mut candidate = payload.clone();
                    let ready = s.read(|st| {
                        let source = prepare(st, &mut candidate, kind);
                        // The shard that owns the interaction's guild (shard 0 for a DM).
                        let guild = candidate["guild_id"].as_str().and_then(|g| g.parse().ok());
                        let session = st.gateway.owner(guild).is_some();
                        (source, session)
                    });
                    match ready {
                        (Ok(source), true) => Some((candidate, source)),
                        (Ok(_), false) => {
                            problem = "no bot has identified on the shard that owns it yet".into();
                            None
                        }
                        (Err(e), _) => {
                            problem = e;
                            None
                        }
                    }
                },
            )
            .await;
        let (payload, source_message) =
            prepared.unwrap_or_else(|e| panic!("cannot dispatch: {problem}\n{e}"));
        assert_interaction(&payload);
        let channel_id = payload["channel_id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let user = if payload["member"].is_object() {
            &payload["member"]["user"]
        } else {
            &payload["user"]
        };
        let user_id = user["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let seq = self.with(|st| {
            // A press in an archived (unlocked) thread: the client unarchives it first, as any
            // thread member may, and only then sends the interaction.
            let thread = source_message
                .filter(|_| kind == 3)
                .and_then(|m| st.messages.get(&m).map(|m| m.channel_id))
                .and_then(|c| st.channels.get_mut(&c))
                .and_then(|c| c.thread.as_mut());
            if let Some(t) = thread.filter(|t| t.archived) {
                t.archived = false;
                t.archive_timestamp = super::state::now_iso();
            }
            st.by_token.insert(token.clone(), id);
            st.interactions.insert(
                id,
                InteractionRecord {
                    id,
                    token: token.clone(),
                    kind,
                    payload: payload.clone(),
                    dispatched_at: Instant::now(),
                    channel_id,
                    user_id,
                    source_message,
                    acked_with: None,
                    original: None,
                    followups: Vec::new(),
                    callbacks: Vec::new(),
                },
            );
            st.gateway
                .dispatch("INTERACTION_CREATE", &payload)
                .map(|(_, seq)| seq)
        });
        let seq = seq.expect("the gateway session disappeared while dispatching");
        InteractionHandle {
            id,
            token,
            kind,
            channel_id,
            user_id,
            seq,
        }
    }

    /// The first callback the bot made for this interaction (accepted or not).
    pub async fn wait_response(
        &self,
        h: &InteractionHandle,
        timeout: Duration,
    ) -> Result<Callback, WaitError> {
        let what = format!("a callback to interaction {} (type {})", h.id, h.kind);
        self.wait_until(timeout, &what, |s| s.callbacks(h).into_iter().next())
            .await
    }

    pub fn callbacks(&self, h: &InteractionHandle) -> Vec<Callback> {
        self.read(|st| {
            st.interactions
                .get(&h.id)
                .map(|i| i.callbacks.clone())
                .unwrap_or_default()
        })
    }

    pub fn interaction(&self, h: &InteractionHandle) -> InteractionRecord {
        self.read(|st| st.interactions[&h.id].clone())
    }

    /// What `@original` shows now (after edits), if the response created or targets a message.
    pub fn original_message(&self, h: &InteractionHandle) -> Option<StoredMessage> {
        self.read(|st| {
            st.interactions
                .get(&h.id)?
                .original
                .and_then(|m| st.messages.get(&m).cloned())
        })
    }

    /// Waits until `@original` exists and satisfies `pred` (e.g. `|m| !m.is_loading()`).
    pub async fn wait_original(
        &self,
        h: &InteractionHandle,
        timeout: Duration,
        pred: impl Fn(&StoredMessage) -> bool,
    ) -> Result<StoredMessage, WaitError> {
        let what = format!("the original response of interaction {} to match", h.id);
        self.wait_until(timeout, &what, |s| {
            s.original_message(h).filter(|m| pred(m))
        })
        .await
    }

    pub fn followups(&self, h: &InteractionHandle) -> Vec<StoredMessage> {
        self.read(|st| {
            let ids = st
                .interactions
                .get(&h.id)
                .map(|i| i.followups.clone())
                .unwrap_or_default();
            ids.iter()
                .filter_map(|m| st.messages.get(m).cloned())
                .collect()
        })
    }

    pub async fn wait_followups(
        &self,
        h: &InteractionHandle,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<StoredMessage>, WaitError> {
        let what = format!("{n} follow-up(s) to interaction {}", h.id);
        self.wait_until(timeout, &what, |s| {
            Some(s.followups(h)).filter(|f| f.len() >= n)
        })
        .await
    }

    /// Records a modal `custom_id` with text inputs `inputs` as if the bot had opened it, so a
    /// test can submit what a tampering client might: a modal carrying an id the bot never
    /// gave a modal. Only for tests of forged submissions; everything else opens real ones.
    pub fn forge_opened_modal(&self, custom_id: &str, inputs: &[&str]) {
        let rows: Vec<Value> = inputs
            .iter()
            .map(|id| json!({"type": 1, "components": [{"type": 4, "custom_id": id, "style": 2, "label": "forged", "required": false}]}))
            .collect();
        let id = snowflake();
        self.with(|st| {
            st.interactions.insert(
                id,
                InteractionRecord {
                    id,
                    token: format!("forged-{id}"),
                    kind: 3,
                    payload: json!({}),
                    dispatched_at: Instant::now(),
                    channel_id: 0,
                    user_id: 0,
                    source_message: None,
                    acked_with: Some(9),
                    original: None,
                    followups: Vec::new(),
                    callbacks: vec![Callback {
                        kind: 9,
                        data: json!({"custom_id": custom_id, "title": "forged", "components": rows}),
                        latency: Duration::ZERO,
                        status: 204,
                        error: None,
                    }],
                },
            );
        });
    }

    /// The modal the bot opened (type 9 callback `data`), if it did.
    pub fn modal(&self, h: &InteractionHandle) -> Option<Value> {
        self.callbacks(h)
            .into_iter()
            .find(|c| c.accepted() && c.kind == 9)
            .map(|c| c.data)
    }
}
