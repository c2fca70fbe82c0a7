//! PostgreSQL: ending a handoff (resolve, cancel) and, in the same transaction, the session
//! behind it (the SQLite twin is in `../handoffs.rs`, whose docs are the contract).

use sqlx::{Postgres, Transaction};

use super::handoffs::Bound;
use super::Pg;
use crate::domain::{Handoff, HandoffId, SessionId, SessionRecord, Timestamp};
use crate::store::handoff_rows::{handoff_columns, handoff_from_row, live, note_to_sql};
use crate::store::rows::{session_columns, session_from_row};
use crate::store::StoreError;

impl Pg {
    /// Runs the guarded `UPDATE` that ends live handoff `id` (resolve, cancel) and, in the same
    /// transaction, moves the session behind it to `session_status` ([`end_session`]). `None`
    /// when the guard matched nothing: nothing is written.
    async fn end_handoff(
        &self,
        id: HandoffId,
        query: Bound<'_>,
        session_status: &'static str,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let mut tx = self.pool.begin().await?;
        // Lock the session before the handoff: the order in which forgetting a member and
        // deleting a session (its handoff goes with it) take them, so these never deadlock.
        // NO KEY UPDATE, the lock the session's UPDATE takes anyway, lets a new handoff's
        // foreign key check on the session through.
        let locked: Option<i64> = sqlx::query_scalar(
            "SELECT s.id FROM sessions s JOIN handoffs h ON h.session_id = s.id \
             WHERE h.id = $1 FOR NO KEY UPDATE OF s",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        if locked.is_none() {
            tx.rollback().await?;
            return Ok(None);
        }
        let Some(row) = query.fetch_optional(&mut *tx).await? else {
            tx.rollback().await?;
            return Ok(None);
        };
        let handoff = handoff_from_row(&row)?;
        let session = end_session(&mut tx, handoff.session, session_status, now).await?;
        self.committed_sessions(tx, session.as_slice()).await?;
        Ok(Some(handoff))
    }

    /// Resolves a live handoff with the volunteer's note; its `escalated` or `emergency`
    /// session becomes `resolved` in the same transaction. `None` if not live (or missing).
    pub async fn resolve_handoff(
        &self,
        id: HandoffId,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let note = note_to_sql("the resolution note", note)?;
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET status = 'resolved', resolution_note = $1, \
             next_notify_at = NULL, resolved_at = $2, updated_at = $3 WHERE id = $4 AND ",
            live!(),
            " RETURNING ",
            handoff_columns!()
        ))
        .bind(note)
        .bind(now)
        .bind(now)
        .bind(id.0);
        self.end_handoff(id, query, "resolved", now).await
    }

    /// Cancels a live handoff (the member's `/triage cancel`); its `escalated` or `emergency`
    /// session becomes `abandoned` in the same transaction. `None` if not live (or missing).
    pub async fn cancel_handoff(
        &self,
        id: HandoffId,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET status = 'cancelled', next_notify_at = NULL, updated_at = $1 \
             WHERE id = $2 AND ",
            live!(),
            " RETURNING ",
            handoff_columns!()
        ))
        .bind(now)
        .bind(id.0);
        self.end_handoff(id, query, "abandoned", now).await
    }
}

/// Ends the session behind a handoff that was just resolved or cancelled, in the caller's
/// transaction: only a session still in the handoff (`escalated` or `emergency`) moves, and
/// comes back, for the session cache.
async fn end_session(
    tx: &mut Transaction<'_, Postgres>,
    session: SessionId,
    status: &'static str,
    now: Timestamp,
) -> Result<Option<SessionRecord>, StoreError> {
    let row = sqlx::query(concat!(
        "UPDATE sessions SET status = $1, updated_at = $2 \
         WHERE id = $3 AND status IN ('escalated', 'emergency') RETURNING ",
        session_columns!()
    ))
    .bind(status)
    .bind(now)
    .bind(session.0)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(session_from_row).transpose()
}
