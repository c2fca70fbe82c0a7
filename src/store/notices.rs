//! Reading the queue and the re-notify timer that lives in each handoff row. Taking a notice is
//! a guarded update like every other change (see `handoffs.rs`), so an overdue notice goes out
//! once even when a restarted bot replays it.

use super::handoff_rows::{handoff_columns, handoff_from_row, live};
use super::rows::id_to_sql;
use super::{Lite, StoreError};
use crate::domain::{GuildId, Handoff, HandoffId, Timestamp, RENOTIFY_MAX};

impl Lite {
    /// The server's live handoffs (open or claimed): urgent first, then oldest, then by id.
    pub async fn queue(&self, guild: GuildId) -> Result<Vec<Handoff>, StoreError> {
        let guild = id_to_sql("Discord guild id", guild.get())?;
        let rows = sqlx::query(concat!(
            "SELECT ",
            handoff_columns!(),
            " FROM handoffs WHERE guild_id = ? AND ",
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
            " FROM handoffs WHERE status = 'open' AND next_notify_at <= ? \
             ORDER BY next_notify_at, id LIMIT ?"
        ))
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(handoff_from_row).collect()
    }

    /// Takes the right to send re-notification number `seen_count + 1`, atomically.
    ///
    /// Applies only while the handoff is still `open`, its `notify_count` is still `seen_count`
    /// and the notice is due (`next_notify_at <= now`): then `notify_count` becomes
    /// `seen_count + 1` and `next_notify_at` becomes `next` — or `None` after the last one
    /// ([`RENOTIFY_MAX`]), whatever `next` says. Returns the updated row; `None` when the right
    /// was already taken (another task, a restart replaying), the handoff was claimed or closed
    /// meanwhile, or the last notice has gone out.
    ///
    /// Take first, then send: a notice goes out at most once even across restarts. (A crash
    /// between the commit and the send loses that one notice; the next one still follows.)
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
        let query = sqlx::query(concat!(
            "UPDATE handoffs SET notify_count = ?, next_notify_at = ?, updated_at = ? \
             WHERE id = ? AND status = 'open' AND notify_count = ? AND next_notify_at <= ? \
             RETURNING ",
            handoff_columns!()
        ))
        .bind(i64::from(count))
        .bind(next)
        .bind(now)
        .bind(id.0)
        .bind(i64::from(seen_count))
        .bind(now);
        self.guarded_update(query).await
    }

    /// When the next re-notification of any open handoff is due, so the timer can
    /// sleep exactly until then; `None` when none is planned.
    pub async fn earliest_notice(&self) -> Result<Option<Timestamp>, StoreError> {
        let earliest: Option<Timestamp> =
            sqlx::query_scalar("SELECT min(next_notify_at) FROM handoffs WHERE status = 'open'")
                .fetch_one(&self.pool)
                .await?;
        Ok(earliest)
    }
}
