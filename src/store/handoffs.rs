//! Handoffs: a member handed to a volunteer, from `open` through `claimed` to `resolved` (or
//! `cancelled`), and the re-notify timer that lives in the row.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction (see `sessions.rs` for why), and every
//! state change is one guarded `UPDATE … WHERE status = … RETURNING`: whoever's statement matches
//! first wins, the others match nothing and learn why from the row, read under the same lock.
//! That is what makes two racing claims end with exactly one winner, and an overdue notice go
//! out once even when a restarted bot replays it.

use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::Sqlite;

use super::handoff_reads::{read_by_id, read_by_session};
use super::handoff_rows::{handoff_columns, handoff_from_row, live, note_to_sql};
use super::rows::{id_to_sql, session_columns, session_from_row};
use super::writer::WriteTx;
use super::{Lite, StoreError};
use crate::domain::{
    ChannelId, Claim, Handoff, HandoffId, HandoffStatus, MessageId, NewHandoff, Rating, SessionId,
    SessionRecord, Timestamp, UserId,
};

/// A query with its arguments bound, ready to run.
type Bound<'q> = Query<'q, Sqlite, SqliteArguments<'q>>;

impl Lite {
    /// Runs one guarded `UPDATE handoffs … RETURNING` (the handoff columns) as a write of its
    /// own: the handoff it changed, or `None` when its guard matched nothing.
    pub(super) async fn guarded_update(
        &self,
        query: Bound<'_>,
    ) -> Result<Option<Handoff>, StoreError> {
        let mut tx = self.begin_write().await?;
        let row = query.fetch_optional(&mut *tx).await?;
        // A row that cannot be read back is not committed.
        let handoff = row.as_ref().map(handoff_from_row).transpose()?;
        tx.commit().await?;
        Ok(handoff)
    }

    /// Runs one `UPDATE handoffs … WHERE id = ?` of handoff `id`, whatever its status, as a
    /// write of its own; [`StoreError::HandoffNotFound`] when there is no such handoff.
    async fn update_existing(&self, id: HandoffId, query: Bound<'_>) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let hit = query.execute(&mut *tx).await?;
        if hit.rows_affected() == 0 {
            tx.rollback().await?;
            return Err(StoreError::HandoffNotFound(id));
        }
        tx.commit().await?;
        Ok(())
    }

    /// Runs the guarded `UPDATE` that ends a live handoff (resolve, cancel) and, in the same
    /// transaction, moves the session behind it to `session_status` ([`end_session`]). `None`
    /// when the guard matched nothing: nothing is written.
    async fn end_handoff(
        &self,
        query: Bound<'_>,
        session_status: &'static str,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(row) = query.fetch_optional(&mut *tx).await? else {
            tx.rollback().await?;
            return Ok(None);
        };
        let handoff = handoff_from_row(&row)?;
        let session = end_session(&mut tx, handoff.session, session_status, now).await?;
        self.committed(tx, session.as_slice()).await?;
        Ok(Some(handoff))
    }

    /// Opens the handoff for `new.session`, status `open`, first re-notification due at
    /// `new.next_notify_at`. Returns the row and `true`.
    ///
    /// Idempotent per session (`session_id` is UNIQUE): when the session already has a handoff,
    /// whatever its status, nothing is written and that row comes back with `false`. A session
    /// gets one handoff in its life; a member who needs another starts a new session.
    pub async fn open_handoff(
        &self,
        new: &NewHandoff,
        now: Timestamp,
    ) -> Result<(Handoff, bool), StoreError> {
        let guild = id_to_sql("Discord guild id", new.guild.get())?;
        let member = id_to_sql("Discord user id", new.member.get())?;

        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(concat!(
            "INSERT INTO handoffs (session_id, guild_id, member_id, urgent, member_lang, status, \
             next_notify_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?) \
             ON CONFLICT (session_id) DO NOTHING RETURNING ",
            handoff_columns!()
        ))
        .bind(new.session.0)
        .bind(guild)
        .bind(member)
        .bind(i64::from(new.urgent))
        .bind(new.member_lang.code())
        .bind(new.next_notify_at)
        .bind(now)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;

        if let Some(row) = inserted {
            let handoff = handoff_from_row(&row)?;
            tx.commit().await?;
            return Ok((handoff, true));
        }
        let existing = read_by_session(&mut *tx, new.session).await;
        tx.rollback().await?;
        Ok((existing?.ok_or(sqlx::Error::RowNotFound)?, false))
    }

    /// Records the private thread opened for the handoff (any status: the thread exists either
    /// way). A missing handoff is [`StoreError::HandoffNotFound`].
    pub async fn attach_thread(
        &self,
        id: HandoffId,
        thread: ChannelId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let thread = id_to_sql("Discord thread id", thread.get())?;
        let query = sqlx::query("UPDATE handoffs SET thread_id = ?, updated_at = ? WHERE id = ?")
            .bind(thread)
            .bind(now)
            .bind(id.0);
        self.update_existing(id, query).await
    }

    /// Records where the handoff's card was posted (any status). A missing handoff is
    /// [`StoreError::HandoffNotFound`].
    pub async fn attach_card(
        &self,
        id: HandoffId,
        channel: ChannelId,
        message: MessageId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let channel = id_to_sql("Discord channel id", channel.get())?;
        let message = id_to_sql("Discord message id", message.get())?;
        let query = sqlx::query(
            "UPDATE handoffs SET card_channel_id = ?, card_message_id = ?, updated_at = ? \
             WHERE id = ?",
        )
        .bind(channel)
        .bind(message)
        .bind(now)
        .bind(id.0);
        self.update_existing(id, query).await
    }

    /// Sets the member's "anything a volunteer should know?" note, verbatim, while the handoff
    /// is live (`None` otherwise, or for a missing handoff). A blank note clears it; one over
    /// [`NOTE_MAX_CHARS`](super::NOTE_MAX_CHARS) characters is [`StoreError::TooLong`].
    pub async fn set_member_note(
        &self,
        id: HandoffId,
        note: &str,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let note = note_to_sql("the member's note", Some(note))?;
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET member_note = ?, updated_at = ? WHERE id = ? AND ",
            live!(),
            " RETURNING ",
            handoff_columns!()
        ))
        .bind(note)
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }

    /// Claims the handoff for `volunteer`, atomically: only an `open` handoff can be claimed.
    ///
    /// - [`Claim::Claimed`]: it is this volunteer's now; no re-notification is planned any more.
    /// - [`Claim::Taken`]: someone has it already (`claimed_by`), possibly this very volunteer
    ///   (a double click): nothing was written.
    /// - [`Claim::Closed`]: resolved or cancelled meanwhile: nothing was written.
    ///
    /// Of several racing claims exactly one is `Claimed`. A missing handoff is
    /// [`StoreError::HandoffNotFound`].
    pub async fn claim(
        &self,
        id: HandoffId,
        volunteer: UserId,
        now: Timestamp,
    ) -> Result<Claim, StoreError> {
        let volunteer = id_to_sql("Discord user id", volunteer.get())?;
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(concat!(
            // The first claim only (coalesce keeps an earlier one), and the reminders sent by
            // then (the right-hand sides read the row as it was before this statement).
            "UPDATE handoffs SET status = 'claimed', claimed_by = ?, next_notify_at = NULL, \
             first_claimed_at = coalesce(first_claimed_at, ?), \
             notices_at_claim = coalesce(notices_at_claim, notify_count), \
             updated_at = ? WHERE id = ? AND status = 'open' RETURNING ",
            handoff_columns!()
        ))
        .bind(volunteer)
        .bind(now)
        .bind(now)
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = row {
            let handoff = handoff_from_row(&row)?;
            tx.commit().await?;
            return Ok(Claim::Claimed(handoff));
        }

        // Read under the same lock: this is the state that beat us.
        let current = read_by_id(&mut *tx, id).await;
        tx.rollback().await?;
        let current = current?.ok_or(StoreError::HandoffNotFound(id))?;
        Ok(match current.status {
            HandoffStatus::Claimed => Claim::Taken(current),
            HandoffStatus::Resolved | HandoffStatus::Cancelled => Claim::Closed(current),
            // The guarded update matched nothing, yet the row is open: only possible if the row
            // changed between the two statements, which the write lock rules out.
            HandoffStatus::Open => {
                return Err(StoreError::CorruptRecord {
                    record: format!("handoff {id}"),
                    what: "open, yet the claim did not apply".to_string(),
                })
            }
        })
    }

    /// Gives a claimed handoff back to the queue: `open`, nobody's, re-notification count back
    /// to 0 and the next one due at `next_notify_at`. `None` if it is not claimed (or missing).
    pub async fn release(
        &self,
        id: HandoffId,
        next_notify_at: Timestamp,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET status = 'open', claimed_by = NULL, notify_count = 0, \
             next_notify_at = ?, updated_at = ? WHERE id = ? AND status = 'claimed' RETURNING ",
            handoff_columns!()
        ))
        .bind(next_notify_at)
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }

    /// Hands a claimed handoff to volunteer `to`. `None` if it is not claimed (or missing).
    pub async fn transfer(
        &self,
        id: HandoffId,
        to: UserId,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let to = id_to_sql("Discord user id", to.get())?;
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET claimed_by = ?, updated_at = ? \
             WHERE id = ? AND status = 'claimed' RETURNING ",
            handoff_columns!()
        ))
        .bind(to)
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }

    /// Resolves a live handoff with the volunteer's note (verbatim; blank = none; over
    /// [`NOTE_MAX_CHARS`](super::NOTE_MAX_CHARS) is [`StoreError::TooLong`]). Whoever had it
    /// stays in `claimed_by` for the record; no re-notification is planned any more.
    ///
    /// In the same transaction the session becomes `resolved`, if it is `escalated` or
    /// `emergency` (a session in any other status is left alone). `None` if the handoff is not
    /// live (or missing): nothing is written.
    pub async fn resolve_handoff(
        &self,
        id: HandoffId,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let note = note_to_sql("the resolution note", note)?;
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET status = 'resolved', resolution_note = ?, next_notify_at = NULL, \
             resolved_at = ?, updated_at = ? WHERE id = ? AND ",
            live!(),
            " RETURNING ",
            handoff_columns!()
        ))
        .bind(note)
        .bind(now)
        .bind(now)
        .bind(id.0);
        self.end_handoff(query, "resolved", now).await
    }

    /// Cancels a live handoff (the member's `/triage cancel`). Whoever had it stays in
    /// `claimed_by`; no re-notification is planned any more.
    ///
    /// In the same transaction the session becomes `abandoned`, if it is `escalated` or
    /// `emergency`. `None` if the handoff is not live (or missing): nothing is written.
    pub async fn cancel_handoff(
        &self,
        id: HandoffId,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET status = 'cancelled', next_notify_at = NULL, updated_at = ? \
             WHERE id = ? AND ",
            live!(),
            " RETURNING ",
            handoff_columns!()
        ))
        .bind(now)
        .bind(id.0);
        self.end_handoff(query, "abandoned", now).await
    }

    /// Records the member's "Did this solve it?", once, on a resolved handoff. `None` when it is
    /// not resolved, already rated (the first answer stands), or missing.
    pub async fn rate(
        &self,
        id: HandoffId,
        rating: Rating,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET rating = ?, updated_at = ? \
             WHERE id = ? AND status = 'resolved' AND rating IS NULL RETURNING ",
            handoff_columns!()
        ))
        .bind(rating.as_str())
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }

    /// Notes that the member left the server (any status; the card says so). Idempotent: the
    /// row comes back either way, `updated_at` moving only on the first call. `None` if missing.
    pub async fn mark_member_left(
        &self,
        id: HandoffId,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        // One statement: `updated_at` moves only on the first call, and the row comes back
        // either way.
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET updated_at = CASE WHEN member_left = 0 THEN ? ELSE updated_at \
             END, member_left = 1 WHERE id = ? RETURNING ",
            handoff_columns!()
        ))
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }
}

/// Ends the session behind a handoff that was just resolved or cancelled, in the caller's
/// transaction. Only a session still in the handoff (`escalated` or `emergency`) moves; the
/// moved session comes back, for the session cache.
async fn end_session(
    tx: &mut WriteTx,
    session: SessionId,
    status: &'static str,
    now: Timestamp,
) -> Result<Option<SessionRecord>, StoreError> {
    let row = sqlx::query(concat!(
        "UPDATE sessions SET status = ?, updated_at = ? \
         WHERE id = ? AND status IN ('escalated', 'emergency') RETURNING ",
        session_columns!()
    ))
    .bind(status)
    .bind(now)
    .bind(session.0)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(session_from_row).transpose()
}
