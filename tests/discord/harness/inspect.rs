//! Reading back what happened: the bot's database (through a second handle) and the bodies
//! it sent, for assertions that go beyond "it answered".

use pitcrew::place::{Member, Scope};
use pitcrew::store::{AnswerRecord, SessionId, SessionRecord};
use serde_json::Value;

use super::Pit;
use crate::fake::Actor;

impl Pit {
    pub async fn open_session(&self, actor: &Actor) -> Option<SessionRecord> {
        let scope = match actor.guild_id {
            Some(guild) => Scope::Guild {
                guild,
                channel: actor.channel_id,
            },
            None => Scope::Dm,
        };
        self.store
            .active_session(&Member::Discord(actor.user_id), &scope)
            .await
            .expect("store readable")
    }

    pub async fn session(&self, id: SessionId) -> SessionRecord {
        self.store
            .session(id)
            .await
            .expect("store readable")
            .expect("session exists")
    }

    pub async fn answers(&self, id: SessionId) -> Vec<AnswerRecord> {
        self.store.answers(id).await.expect("store readable")
    }

    /// The labels of the answers logged for session `id`, in order.
    pub async fn answer_labels(&self, id: SessionId) -> Vec<String> {
        self.answers(id)
            .await
            .into_iter()
            .map(|a| a.choice)
            .collect()
    }

    /// Every message body the bot sent (responses, edits, follow-ups) pings nobody: guide
    /// text and notes may one day quote members, and `@everyone` must stay inert.
    #[track_caller]
    pub fn assert_no_pings(&self) {
        let mut checked = 0;
        for r in self.server.requests() {
            let Some(body) = &r.body else { continue };
            let message = if r.path.ends_with("/callback") {
                &body["data"]
            } else if r.path.contains("/webhooks/") {
                body
            } else {
                continue;
            };
            let has_text = message.get("content").is_some() || message.get("embeds").is_some();
            if has_text {
                checked += 1;
                let am = &message["allowed_mentions"];
                let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
                assert!(
                    am.is_object() && am["parse"] == serde_json::json!([]),
                    "{} {}: {message:#}",
                    r.method,
                    r.path
                );
                assert!(empty(&am["users"]) && empty(&am["roles"]), "{am}");
            }
        }
        assert!(checked > 0, "no message bodies to check");
    }
}
