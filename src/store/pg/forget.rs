//! PostgreSQL: forgetting a member on request, and the retention period (the SQLite twin is
//! `../forget.rs`, whose docs are the contract: the same rows lose the same columns, and
//! [`Forgotten`] reports the same).
//!
//! SQLite's single write lock kept other writers out for the whole of a forgetting. Here each
//! statement is a guarded update that waits for, then re-checks, any row another writer holds;
//! the member's handoffs are locked first (`FOR UPDATE`), so the ones reported `cancelled` are
//! exactly the live ones this forgetting cancelled: no claim or resolve can slip in between.

use super::Pg;
use crate::domain::{HandoffId, Member, Timestamp};
use crate::store::forget::{Forgotten, NOT_FORGOTTEN};
use crate::store::handoff_rows::{handoff_columns, handoff_from_row};
use crate::store::rows::MemberKey;
use crate::store::StoreError;

impl Pg {
    /// See `Lite::forget_member`: one transaction.
    pub async fn forget_member(
        &self,
        member: &Member,
        now: Timestamp,
    ) -> Result<Forgotten, StoreError> {
        let key = MemberKey::new(member)?;
        let (kind, id, name) = key.lookup_values();
        let mut tx = self.pool.begin().await?;
        // A terminal user's name can be any text, so it is matched as it is (never the marker,
        // which is empty); a Discord member's id is never 0.
        let sessions: Vec<i64> = sqlx::query_scalar(
            "UPDATE sessions SET \
               member_id = CASE WHEN member_kind = 'discord' THEN 0 END, \
               member_name = CASE WHEN member_kind = 'local' THEN '' END, \
               status = CASE WHEN status = 'active' THEN 'abandoned' ELSE status END, \
               updated_at = CASE WHEN status = 'active' THEN $1 ELSE updated_at END \
             WHERE member_kind = $2 AND coalesce(member_id, -1) = $3 \
               AND coalesce(member_name, '') = $4 AND (member_kind = 'discord' OR $4 <> '') \
             RETURNING id",
        )
        .bind(now)
        .bind(kind)
        .bind(id)
        .bind(name)
        .fetch_all(&mut *tx)
        .await?;
        let car = sqlx::query(
            "DELETE FROM member_cars WHERE member_kind = $1 \
             AND coalesce(member_id, -1) = $2 AND coalesce(member_name, '') = $3",
        )
        .bind(kind)
        .bind(id)
        .bind(name)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        let mut forgotten = Forgotten {
            sessions: sessions.len() as u64,
            car,
            ..Forgotten::default()
        };
        // Handoffs, duty and claims exist for Discord members only.
        if let Some(user) = key.id.filter(|&u| u != 0) {
            // Locked until the commit: their status cannot change between this read and the
            // update below, so `cancelled` names exactly what the update cancels.
            let live: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, status FROM handoffs WHERE member_id = $1 ORDER BY id FOR UPDATE",
            )
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
            forgotten.cancelled = live
                .into_iter()
                .filter(|(_, status)| status == "open" || status == "claimed")
                .map(|(id, _)| HandoffId(id))
                .collect();
            let rows = sqlx::query(concat!(
                "UPDATE handoffs SET member_id = 0, member_note = NULL, resolution_note = NULL, \
                   status = CASE WHEN status IN ('open', 'claimed') THEN 'cancelled' \
                            ELSE status END, \
                   next_notify_at = NULL, \
                   updated_at = CASE WHEN status IN ('open', 'claimed') THEN $1 \
                                ELSE updated_at END \
                 WHERE member_id = $2 RETURNING ",
                handoff_columns!()
            ))
            .bind(now)
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
            forgotten.handoffs = rows
                .iter()
                .map(handoff_from_row)
                .collect::<Result<_, _>>()?;
            // A claim the member held as a volunteer goes back to the queue, due for a notice
            // at once so the other volunteers hear of it (unless all notices were sent).
            let rows = sqlx::query(concat!(
                "UPDATE handoffs SET status = 'open', claimed_by = NULL, updated_at = $1, \
                   next_notify_at = CASE WHEN notify_count < 3 THEN $1 END \
                 WHERE claimed_by = $2 AND status = 'claimed' RETURNING ",
                handoff_columns!()
            ))
            .bind(now)
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
            forgotten.released = rows
                .iter()
                .map(handoff_from_row)
                .collect::<Result<_, _>>()?;
            sqlx::query("UPDATE handoffs SET claimed_by = 0 WHERE claimed_by = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM volunteers_on_duty WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        let done = tx.commit().await;
        // The cache may hold these sessions under the member's name: read them afresh.
        for id in sessions {
            self.cache.forget(id);
        }
        done?;
        Ok(forgotten)
    }

    /// See `Lite::apply_retention`: one transaction; returns how many sessions and handoffs it
    /// anonymised.
    pub async fn apply_retention(&self, now: Timestamp, days: u32) -> Result<u64, StoreError> {
        let cutoff = now
            .0
            .saturating_sub(i64::from(days).saturating_mul(86_400_000));
        let mut tx = self.pool.begin().await?;
        let handoffs = sqlx::query(
            "UPDATE handoffs SET member_id = 0, member_note = NULL, resolution_note = NULL \
             WHERE status IN ('resolved', 'cancelled') AND updated_at < $1 \
               AND (member_id <> 0 OR member_note IS NOT NULL OR resolution_note IS NOT NULL)",
        )
        .bind(cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let sessions: Vec<i64> = sqlx::query_scalar(&format!(
            "UPDATE sessions SET \
               member_id = CASE WHEN member_kind = 'discord' THEN 0 END, \
               member_name = CASE WHEN member_kind = 'local' THEN '' END \
             WHERE status <> 'active' AND updated_at < $1 AND {NOT_FORGOTTEN} \
               AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.session_id = sessions.id \
                               AND h.status IN ('open', 'claimed')) \
             RETURNING id"
        ))
        .bind(cutoff)
        .fetch_all(&mut *tx)
        .await?;
        let done = tx.commit().await;
        for &id in &sessions {
            self.cache.forget(id);
        }
        done?;
        Ok(handoffs + sessions.len() as u64)
    }
}
