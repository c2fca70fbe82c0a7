//! A handoff no guide led to ("None of these — ask a volunteer"): its session and the handoff,
//! with the member's own words as the handoff's note, written in one transaction so the
//! volunteers never get a card without the words, nor the member a session without its card.

use super::handoff_rows::{handoff_columns, handoff_from_row, note_to_sql};
use super::rows::{id_to_sql, path_to_sql, session_columns, session_from_row};
use super::{Lite, StoreError};
use crate::domain::{
    ChannelId, GuildId, Handoff, LangCode, SessionRecord, Timestamp, UserId, NO_GUIDE,
};
use crate::triage::Status;

/// The node an unguided session stands on: the member described their problem.
pub const DESCRIBED: &str = "described";

impl Lite {
    /// Opens a handoff for `member`, in `channel` of `guild`, whose problem no guide covers: a
    /// session of the built-in [`NO_GUIDE`] kind, born escalated (it never walks a step, and
    /// leaves any guide the member has open alone), and its `open`, not urgent handoff with
    /// `words` as the member's note and `lang` as the language they read, first
    /// re-notification due at `next_notify_at`. Words over
    /// [`NOTE_MAX_CHARS`](super::NOTE_MAX_CHARS) are refused before anything is written.
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

    /// [`super::Store::open_unguided_handoff`], urgent: a forum post that reads as an emergency, so
    /// its card sorts first and looks distinct, like an emergency outcome's.
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

        let mut tx = self.begin_write().await?;
        let row = sqlx::query(concat!(
            "INSERT INTO sessions (member_kind, member_id, scope_kind, guild_id, channel_id, \
             guide_id, guide_version, node, path, step, status, created_at, updated_at) \
             VALUES ('discord', ?, 'guild', ?, ?, ?, '', ?, ?, 0, ?, ?, ?) RETURNING ",
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
             VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?) RETURNING ",
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
        self.committed(tx, std::slice::from_ref(&session)).await?;
        Ok((session, handoff))
    }
}
