//! PostgreSQL: the queue and the re-notify timer in each handoff row (the SQLite twin is
//! `../notices.rs`, whose docs are the contract). Taking a notice is one guarded `UPDATE`: of
//! several takers, in this process or others, the first to lock the row moves `notify_count`
//! on, and the rest re-check their `WHERE` against that committed row and match nothing.

use super::Pg;
use crate::domain::{GuildId, Handoff, HandoffId, Timestamp, RENOTIFY_MAX};
use crate::store::handoff_rows::{handoff_columns, handoff_from_row, live};
use crate::store::rows::id_to_sql;
use crate::store::StoreError;

impl Pg {
    /// The server's live handoffs (open or claimed): urgent first, then oldest, then by id.
    pub async fn queue(&self, guild: GuildId) -> Result<Vec<Handoff>, StoreError> {
        let guild = id_to_sql("Discord guild id", guild.get())?;
        let rows = sqlx::query(concat!(
            "SELECT ",
            handoff_columns!(),
            " FROM handoffs WHERE guild_id = $1 AND ",
            live!(),
            " ORDER BY urgent DESC, created_at, id"
        ))
        .bind(guild)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(handoff_from_row).collect()
    }

    /// Open handoffs whose next re-notification is due (`next_notify_at <= now`), across all
    /// servers, the longest overdue first (then by id), at most `limit`.
    pub async fn due_notices(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<Handoff>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            handoff_columns!(),
            " FROM handoffs WHERE status = 'open' AND next_notify_at <= $1 \
             ORDER BY next_notify_at, id LIMIT $2"
        ))
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(handoff_from_row).collect()
    }

    /// Takes the right to send re-notification number `seen_count + 1`, atomically: only
    /// while the handoff is `open`, its `notify_count` is still `seen_count` and the notice is
    /// due. `None` when the right was taken already (here or by another process), the handoff
    /// was claimed or closed, or the last notice has gone out ([`RENOTIFY_MAX`]).
    pub async fn take_notice(
        &self,
        id: HandoffId,
        seen_count: u32,
        next: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Option<Handoff>, StoreError> {
        if seen_count >= RENOTIFY_MAX {
            return Ok(None);
        }
        let count = seen_count + 1;
        let next = if count >= RENOTIFY_MAX { None } else { next };
        let row = sqlx::query(concat!(
            "UPDATE handoffs SET notify_count = $1, next_notify_at = $2, updated_at = $3 \
             WHERE id = $4 AND status = 'open' AND notify_count = $5 AND next_notify_at <= $6 \
             RETURNING ",
            handoff_columns!()
        ))
        .bind(i64::from(count))
        .bind(next)
        .bind(now)
        .bind(id.0)
        .bind(i64::from(seen_count))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(handoff_from_row).transpose()
    }

    /// When the next re-notification of any open handoff is due; `None` when none is planned.
    pub async fn earliest_notice(&self) -> Result<Option<Timestamp>, StoreError> {
        let earliest: Option<Timestamp> =
            sqlx::query_scalar("SELECT min(next_notify_at) FROM handoffs WHERE status = 'open'")
                .fetch_one(&self.pool)
                .await?;
        Ok(earliest)
    }
}
