//! PostgreSQL: the member's "did this fix it?" (the SQLite twin is `../fixed.rs`, whose docs
//! are the contract).

use super::Pg;
use crate::domain::SessionId;
use crate::store::fixed::FixedAnswer;
use crate::store::StoreError;

impl Pg {
    /// Records `fixed` for session `id` if it is resolved and has no answer yet (see
    /// [`crate::store::Lite::record_fixed`]). One guarded update: of two racing answers the
    /// second re-checks `fixed IS NULL` after the first commits and changes nothing.
    pub async fn record_fixed(
        &self,
        id: SessionId,
        fixed: bool,
    ) -> Result<FixedAnswer, StoreError> {
        let done = sqlx::query(
            "UPDATE sessions SET fixed = $1 \
             WHERE id = $2 AND status = 'resolved' AND fixed IS NULL",
        )
        .bind(i64::from(fixed))
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        Ok(if done.rows_affected() == 1 {
            FixedAnswer::Recorded
        } else {
            FixedAnswer::AlreadyAnswered
        })
    }

    /// The member's answer to "Did this fix it?" for session `id`: `None` when not answered.
    pub async fn fixed(&self, id: SessionId) -> Result<Option<bool>, StoreError> {
        let row: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT fixed FROM sessions WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.and_then(|(f,)| f).map(|f| f == 1))
    }
}
