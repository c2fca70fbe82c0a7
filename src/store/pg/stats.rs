//! PostgreSQL: the rows the figures are computed from (the SQLite twin is `../stats.rs`, whose
//! docs are the contract; the row decoders are shared).

use super::Pg;
use crate::domain::Timestamp;
use crate::insight::Rows;
use crate::store::stats::{answer_row, handoff_row, session_row};
use crate::store::StoreError;

/// The window's sessions: started at or after $1, of guide $2 when it is not NULL.
const IN_WINDOW: &str = "s.created_at >= $1 AND ($2::TEXT IS NULL OR s.guide_id = $2)";

impl Pg {
    /// See `Lite::stats_rows`. The three reads share one snapshot (a read-only REPEATABLE READ
    /// transaction), so a walk moving meanwhile cannot show an answer its session row lacks.
    pub async fn stats_rows(
        &self,
        since: Timestamp,
        guide: Option<&str>,
    ) -> Result<Rows, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
        let sessions = sqlx::query(&format!(
            "SELECT s.id, s.guide_id, s.node, s.status, s.fixed, s.created_at FROM sessions s \
             WHERE {IN_WINDOW} ORDER BY s.created_at, s.id"
        ))
        .bind(since)
        .bind(guide)
        .fetch_all(&mut *tx)
        .await?;
        let answers = sqlx::query(&format!(
            "SELECT a.session_id, a.step, a.node, a.choice, a.at FROM answers a \
             JOIN sessions s ON s.id = a.session_id WHERE {IN_WINDOW} \
             ORDER BY a.session_id, a.step"
        ))
        .bind(since)
        .bind(guide)
        .fetch_all(&mut *tx)
        .await?;
        // `IS NOT NULL` is a boolean here; the shared decoder reads 0/1, as SQLite gives it.
        let handoffs = sqlx::query(&format!(
            "SELECT h.session_id, h.urgent, h.status, \
             (CASE WHEN h.claimed_by IS NOT NULL THEN 1 ELSE 0 END)::BIGINT AS ever_claimed, \
             h.notify_count, h.created_at, h.first_claimed_at, h.notices_at_claim, \
             h.resolved_at, h.rating FROM handoffs h \
             JOIN sessions s ON s.id = h.session_id WHERE {IN_WINDOW} ORDER BY h.id"
        ))
        .bind(since)
        .bind(guide)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Rows {
            sessions: sessions.iter().map(session_row).collect::<Result<_, _>>()?,
            answers: answers.iter().map(answer_row).collect::<Result<_, _>>()?,
            handoffs: handoffs.iter().map(handoff_row).collect::<Result<_, _>>()?,
        })
    }

    /// See `Lite::guide_walked`.
    pub async fn guide_walked(&self, guide: &str) -> Result<bool, StoreError> {
        let hit: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM sessions WHERE guide_id = $1 LIMIT 1")
                .bind(guide)
                .fetch_optional(&self.pool)
                .await?;
        Ok(hit.is_some())
    }
}
