//! "Did this fix it?" on a resolved outcome: stored once per session, for the figures.

use super::{Lite, StoreError};
use crate::domain::SessionId;

/// What became of a member's answer to "Did this fix it?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedAnswer {
    /// Stored: the first answer for this resolved session.
    Recorded,
    /// The session already has an answer, or is not resolved: nothing changed.
    AlreadyAnswered,
}

impl Lite {
    /// Records `fixed` for session `id` if it is resolved and has no answer yet. Whose session
    /// it is was checked by the caller, which read it.
    pub async fn record_fixed(
        &self,
        id: SessionId,
        fixed: bool,
    ) -> Result<FixedAnswer, StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE sessions SET fixed = ? WHERE id = ? AND status = 'resolved' AND fixed IS NULL",
        )
        .bind(i64::from(fixed))
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(if done.rows_affected() == 1 {
            FixedAnswer::Recorded
        } else {
            FixedAnswer::AlreadyAnswered
        })
    }

    /// The member's answer to "Did this fix it?" for session `id`: `None` when not answered.
    pub async fn fixed(&self, id: SessionId) -> Result<Option<bool>, StoreError> {
        let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT fixed FROM sessions WHERE id = ?")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|(f,)| f).map(|f| f == 1))
    }
}
