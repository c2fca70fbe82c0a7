//! Reading back what happened: the bot's database (through a second handle) and the bodies
//! it sent, for assertions that go beyond "it answered".

use std::str::FromStr;

use pitcrew::domain::{AnswerRecord, SessionId, SessionRecord};
use pitcrew::domain::{ChannelId, GuildId, Member, Scope, UserId};
use serde_json::Value;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode};
use sqlx::Connection;

use super::Pit;
use crate::fake::Actor;

impl Pit {
    pub async fn open_session(&self, actor: &Actor) -> Option<SessionRecord> {
        let scope = match actor.guild_id {
            Some(guild) => Scope::Guild {
                guild: GuildId(guild),
                channel: ChannelId(actor.channel_id),
            },
            None => Scope::Dm,
        };
        self.store
            .active_session(&Member::Discord(UserId(actor.user_id)), &scope)
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

    /// Runs one SQL statement on the bot's database from outside, as an operator's tool would
    /// (to make a notice overdue while the bot is down, say).
    pub async fn execute_sql(&self, statement: &str) {
        let options = SqliteConnectOptions::from_str(&self.db_url)
            .expect("db url")
            .journal_mode(SqliteJournalMode::Wal);
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .expect("a second connection");
        sqlx::query(statement)
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
        let _ = conn.close().await;
    }

    /// Every message body the bot sent: interaction responses, webhook edits and follow-ups,
    /// channel messages and their edits. Bodies without text (a modal, a deferral) are left out.
    pub fn sent(&self) -> Vec<Sent> {
        self.server
            .requests()
            .into_iter()
            .filter_map(|r| {
                let body = r.body.clone()?;
                let api = r.api_path().to_string();
                let segs: Vec<&str> = api.trim_matches('/').split('/').collect();
                let (message, channel) = match segs.as_slice() {
                    [.., "callback"] => (body["data"].clone(), None),
                    ["webhooks", ..] => (body, None),
                    ["channels", c, "messages", ..] => (body, c.parse().ok()),
                    _ => return None,
                };
                let has_text = message.get("content").is_some() || message.get("embeds").is_some();
                has_text.then(|| Sent {
                    method: r.method.clone(),
                    path: api,
                    channel,
                    message,
                })
            })
            .collect()
    }

    /// Every message body the bot sent pings at most `users` and `roles`: `allowed_mentions`
    /// is always there, never lets Discord parse mentions out of the text (`parse: []`, so no
    /// `@everyone`, `@here`, or any role or user written in it) and names no one else.
    #[track_caller]
    pub fn assert_pings_only(&self, users: &[u64], roles: &[u64]) {
        let sent = self.sent();
        assert!(!sent.is_empty(), "no message bodies to check");
        for s in &sent {
            let am = &s.message["allowed_mentions"];
            assert!(
                am.is_object() && am["parse"] == serde_json::json!([]),
                "{} {}: {:#}",
                s.method,
                s.path,
                s.message
            );
            let stray: Vec<u64> = s
                .allowed_users()
                .into_iter()
                .filter(|u| !users.contains(u))
                .chain(s.allowed_roles().into_iter().filter(|r| !roles.contains(r)))
                .collect();
            assert!(
                stray.is_empty(),
                "{} {} may ping {stray:?}: {am}",
                s.method,
                s.path
            );
        }
    }

    /// Every message body the bot sent (responses, edits, follow-ups, channel messages) pings
    /// nobody: guide text and notes may quote members, and `@everyone` must stay inert.
    #[track_caller]
    pub fn assert_no_pings(&self) {
        self.assert_pings_only(&[], &[]);
    }
}

/// A message body the bot sent, as recorded by the fake.
#[derive(Clone, Debug)]
pub struct Sent {
    pub method: String,
    /// Under `/api/v10`.
    pub path: String,
    /// The channel, for `/channels/{id}/messages...` routes.
    pub channel: Option<u64>,
    /// The message part of the body (an interaction callback's `data`).
    pub message: Value,
}

impl Sent {
    pub fn content(&self) -> &str {
        self.message["content"].as_str().unwrap_or_default()
    }

    /// Content and embeds as one text, to search for what a reader would see.
    pub fn text(&self) -> String {
        format!("{}\n{}", self.content(), self.message["embeds"])
    }

    pub fn allowed_users(&self) -> Vec<u64> {
        ids(&self.message["allowed_mentions"]["users"])
    }

    pub fn allowed_roles(&self) -> Vec<u64> {
        ids(&self.message["allowed_mentions"]["roles"])
    }
}

fn ids(list: &Value) -> Vec<u64> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| {
            v.as_str()
                .and_then(|s| s.parse().ok())
                .or_else(|| v.as_u64())
        })
        .collect()
}
