//! PostgreSQL: handoff writes, from `open` through `claimed` (the SQLite twin is
//! `../handoffs.rs`, whose docs are the contract; ending a handoff is in `handoff_end.rs`).
//!
//! Every state change is one guarded `UPDATE … WHERE status = … RETURNING` in a transaction of
//! its own: at READ COMMITTED a second writer waits for the first's row lock, then re-checks
//! its `WHERE` against the committed row, so of two racing claims (in this process or another)
//! exactly one matches. The transaction is committed only once the row it returned has been
//! read back, as on SQLite: a row that cannot be read is not written.

use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::Postgres;

use super::handoff_reads::{read_by_id, read_by_session};
use super::Pg;
use crate::domain::{
    ChannelId, Claim, Handoff, HandoffId, HandoffStatus, MessageId, NewHandoff, Rating, Timestamp,
    UserId,
};
use crate::store::handoff_rows::{handoff_columns, handoff_from_row, live, note_to_sql};
use crate::store::rows::id_to_sql;
use crate::store::StoreError;

/// A query with its arguments bound, ready to run.
pub(super) type Bound<'q> = Query<'q, Postgres, PgArguments>;

/// How often a claim is tried again when it lost to a change that was undone before it could
/// read the winner (claimed, then released, in between its two statements). Each retry needs
/// another volunteer's claim and release to slip in again, so a few are plenty.
const CLAIM_TRIES: u32 = 3;

impl Pg {
    /// Runs one guarded `UPDATE handoffs … RETURNING` (the handoff columns) in a transaction
    /// of its own: the handoff it changed, or `None` when its guard matched nothing.
    pub(super) async fn guarded_update(
        &self,
        query: Bound<'_>,
    ) -> Result<Option<Handoff>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = query.fetch_optional(&mut *tx).await?;
        // A row that cannot be read back is not committed (dropping `tx` rolls it back).
        let handoff = row.as_ref().map(handoff_from_row).transpose()?;
        tx.commit().await?;
        Ok(handoff)
    }

    /// Runs one `UPDATE handoffs … WHERE id = $N` of handoff `id`, whatever its status;
    /// [`StoreError::HandoffNotFound`] when there is no such handoff.
    async fn update_existing(&self, id: HandoffId, query: Bound<'_>) -> Result<(), StoreError> {
        // One statement: atomic by itself, and nothing is written when it matches nothing.
        let hit = query.execute(&self.pool).await?;
        if hit.rows_affected() == 0 {
            return Err(StoreError::HandoffNotFound(id));
        }
        Ok(())
    }

    /// Opens the handoff for `new.session` (`open`, first re-notification at
    /// `new.next_notify_at`): the row and `true`; or, when the session has a handoff already
    /// (`session_id` is UNIQUE), that row and `false`, nothing written.
    pub async fn open_handoff(
        &self,
        new: &NewHandoff,
        now: Timestamp,
    ) -> Result<(Handoff, bool), StoreError> {
        let guild = id_to_sql("Discord guild id", new.guild.get())?;
        let member = id_to_sql("Discord user id", new.member.get())?;

        let mut tx = self.pool.begin().await?;
        // Two racing opens of one session: the second waits for the first's insert to commit,
        // then does nothing (no unique violation reaches the member), and reads the first's row
        // below in a snapshot taken after that commit.
        let inserted = sqlx::query(concat!(
            "INSERT INTO handoffs (session_id, guild_id, member_id, urgent, member_lang, status, \
             next_notify_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8) \
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

    /// Records the private thread opened for the handoff (any status).
    pub async fn attach_thread(
        &self,
        id: HandoffId,
        thread: ChannelId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let thread = id_to_sql("Discord thread id", thread.get())?;
        let query =
            sqlx::query("UPDATE handoffs SET thread_id = $1, updated_at = $2 WHERE id = $3")
                .bind(thread)
                .bind(now)
                .bind(id.0);
        self.update_existing(id, query).await
    }

    /// Records where the handoff's card was posted (any status).
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
            "UPDATE handoffs SET card_channel_id = $1, card_message_id = $2, updated_at = $3 \
             WHERE id = $4",
        )
        .bind(channel)
        .bind(message)
        .bind(now)
        .bind(id.0);
        self.update_existing(id, query).await
    }

    /// Sets the member's note while the handoff is live (`None` otherwise, or if missing).
    pub async fn set_member_note(
        &self,
        id: HandoffId,
        note: &str,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let note = note_to_sql("the member's note", Some(note))?;
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET member_note = $1, updated_at = $2 WHERE id = $3 AND ",
            live!(),
            " RETURNING ",
            handoff_columns!()
        ))
        .bind(note)
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }

    /// Claims an `open` handoff for `volunteer`: of several racing claims, across processes
    /// too, exactly one is [`Claim::Claimed`]; the others are told who has it
    /// ([`Claim::Taken`]) or that it closed ([`Claim::Closed`]).
    pub async fn claim(
        &self,
        id: HandoffId,
        volunteer: UserId,
        now: Timestamp,
    ) -> Result<Claim, StoreError> {
        let volunteer = id_to_sql("Discord user id", volunteer.get())?;
        for _ in 0..CLAIM_TRIES {
            let query = sqlx::query(concat!(
                // The first claim only (coalesce keeps an earlier one), and the reminders sent
                // by then (the right-hand sides read the row as it was before this statement).
                "UPDATE handoffs SET status = 'claimed', claimed_by = $1, next_notify_at = NULL, \
                 first_claimed_at = coalesce(first_claimed_at, $2), \
                 notices_at_claim = coalesce(notices_at_claim, notify_count), \
                 updated_at = $3 WHERE id = $4 AND status = 'open' RETURNING ",
                handoff_columns!()
            ))
            .bind(volunteer)
            .bind(now)
            .bind(now)
            .bind(id.0);
            if let Some(handoff) = self.guarded_update(query).await? {
                return Ok(Claim::Claimed(handoff));
            }
            // The state that beat us: a statement of its own sees every commit made before it
            // began, so the winner's claim (which our update waited for) is in it.
            let current = read_by_id(&self.pool, id)
                .await?
                .ok_or(StoreError::HandoffNotFound(id))?;
            match current.status {
                HandoffStatus::Claimed => return Ok(Claim::Taken(current)),
                HandoffStatus::Resolved | HandoffStatus::Cancelled => {
                    return Ok(Claim::Closed(current))
                }
                // Claimed and released again between our two statements (SQLite's single
                // write lock rules this out; row locks do not): it is open, so try again.
                HandoffStatus::Open => continue,
            }
        }
        Err(StoreError::CorruptRecord {
            record: format!("handoff {id}"),
            what: format!("open, yet the claim did not apply {CLAIM_TRIES} times"),
        })
    }

    /// Gives a claimed handoff back to the queue (`open`, nobody's, notices from 0, the next
    /// at `next_notify_at`). `None` if it is not claimed (or missing).
    pub async fn release(
        &self,
        id: HandoffId,
        next_notify_at: Timestamp,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET status = 'open', claimed_by = NULL, notify_count = 0, \
             next_notify_at = $1, updated_at = $2 WHERE id = $3 AND status = 'claimed' RETURNING ",
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
            "UPDATE handoffs SET claimed_by = $1, updated_at = $2 \
             WHERE id = $3 AND status = 'claimed' RETURNING ",
            handoff_columns!()
        ))
        .bind(to)
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }

    /// Records the member's "Did this solve it?", once, on a resolved handoff.
    pub async fn rate(
        &self,
        id: HandoffId,
        rating: Rating,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET rating = $1, updated_at = $2 \
             WHERE id = $3 AND status = 'resolved' AND rating IS NULL RETURNING ",
            handoff_columns!()
        ))
        .bind(rating.as_str())
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }

    /// Notes that the member left the server (any status), idempotently: `updated_at` moves
    /// on the first call only, and the row comes back either way. `None` if missing.
    pub async fn mark_member_left(
        &self,
        id: HandoffId,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET updated_at = CASE WHEN member_left = 0 THEN $1 ELSE updated_at \
             END, member_left = 1 WHERE id = $2 RETURNING ",
            handoff_columns!()
        ))
        .bind(now)
        .bind(id.0);
        self.guarded_update(query).await
    }
}
