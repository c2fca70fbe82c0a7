//! PostgreSQL: a handoff no guide led to, its session and the handoff written in one
//! transaction (the SQLite twin is `../unguided.rs`, whose docs are the contract).

use super::Pg;
use crate::domain::{
    ChannelId, GuildId, Handoff, LangCode, SessionRecord, Timestamp, UserId, NO_GUIDE,
};
use crate::store::handoff_rows::{handoff_columns, handoff_from_row, note_to_sql};
use crate::store::rows::{id_to_sql, path_to_sql, session_columns, session_from_row};
use crate::store::unguided::DESCRIBED;
use crate::store::StoreError;
use crate::triage::Status;

impl Pg {
    /// Opens an unguided handoff: a [`NO_GUIDE`] session born escalated and its `open`, not
    /// urgent handoff with `words` as the member's note.
    pub async fn open_unguided_handoff(
        &self,
        place: (GuildId, ChannelId),
        member: UserId,
        lang: LangCode,
        words: &str,
        next_notify_at: Timestamp,
        now: Timestamp,
    ) -> Result<(SessionRecord, Handoff), StoreError> {
        let at = (next_notify_at, now);
        self.open_unguided(place, member, (lang, false), words, at)
            .await
    }

    /// [`Pg::open_unguided_handoff`], urgent (a forum post that reads as an emergency).
    pub async fn open_urgent_unguided_handoff(
        &self,
        place: (GuildId, ChannelId),
        member: UserId,
        lang: LangCode,
        words: &str,
        (next_notify_at, now): (Timestamp, Timestamp),
    ) -> Result<(SessionRecord, Handoff), StoreError> {
        self.open_unguided(place, member, (lang, true), words, (next_notify_at, now))
            .await
    }

    async fn open_unguided(
        &self,
        (guild, channel): (GuildId, ChannelId),
        member: UserId,
        (lang, urgent): (LangCode, bool),
        words: &str,
        (next_notify_at, now): (Timestamp, Timestamp),
    ) -> Result<(SessionRecord, Handoff), StoreError> {
        let words = note_to_sql("the member's words", Some(words))?;
        let guild = id_to_sql("Discord guild id", guild.get())?;
        let member = id_to_sql("Discord user id", member.get())?;
        let channel = id_to_sql("Discord channel id", channel.get())?;

        let mut tx = self.pool.begin().await?;
        // Born escalated, so the one-active-session index never sees it: the member's open
        // guide in this channel stays as it is, and no lock on the member is needed.
        let row = sqlx::query(concat!(
            "INSERT INTO sessions (member_kind, member_id, scope_kind, guild_id, channel_id, \
             guide_id, guide_version, node, path, step, status, created_at, updated_at) \
             VALUES ('discord', $1, 'guild', $2, $3, $4, '', $5, $6, 0, $7, $8, $9) RETURNING ",
            session_columns!()
        ))
        .bind(member)
        .bind(guild)
        .bind(channel)
        .bind(NO_GUIDE)
        .bind(DESCRIBED)
        .bind(path_to_sql(&[]))
        .bind(Status::Escalated.as_str())
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let session = session_from_row(&row)?;
        let row = sqlx::query(concat!(
            "INSERT INTO handoffs (session_id, guild_id, member_id, urgent, member_lang, status, \
             member_note, next_notify_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9) RETURNING ",
            handoff_columns!()
        ))
        .bind(session.id.0)
        .bind(guild)
        .bind(member)
        .bind(i64::from(urgent))
        .bind(lang.code())
        .bind(words)
        .bind(next_notify_at)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let handoff = handoff_from_row(&row)?;
        self.committed_sessions(tx, std::slice::from_ref(&session))
            .await?;
        Ok((session, handoff))
    }
}
