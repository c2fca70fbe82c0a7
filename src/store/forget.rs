//! Forgetting a member on request, and forgetting everyone's old sessions after the retention
//! period. Both keep the rows the figures count (sessions, their answer log, handoffs, ratings)
//! and remove what ties them to a person: the member's id or name is replaced by the
//! [`FORGOTTEN_USER`] marker, and the free text (the member's note, the volunteer's resolution
//! note) is cleared. `updated_at` of a finished row is left alone, so the times the figures
//! measure (start to outcome, claim to resolve) survive too.

use super::handoff_rows::{handoff_columns, handoff_from_row};
use super::rows::MemberKey;
use super::{Lite, StoreError};
use crate::domain::{Handoff, HandoffId, Member, Timestamp, UserId};

/// The member id a forgotten Discord member's rows carry. Discord never hands out 0 as a
/// snowflake, so no real member can be mistaken for it. A forgotten terminal user's name
/// becomes the empty string, for the same reason (`pitcrew chat` always has a name).
pub const FORGOTTEN_USER: UserId = UserId(0);

/// What [`super::Store::forget_member`] did, and what the Discord side still has to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// The member's sessions now anonymous (any still active were ended as abandoned).
    pub sessions: u64,
    /// The member's handoffs as they are stored now: anonymous, notes cleared, any still
    /// open or claimed cancelled. Their cards (`card_channel`, `card_message`) and threads
    /// still show the member's words until the Discord side edits them.
    pub handoffs: Vec<Handoff>,
    /// Which of `handoffs` were live (open or claimed) and were cancelled by this forgetting:
    /// their threads are to be closed, as a cancel would.
    pub cancelled: Vec<HandoffId>,
    /// Handoffs the member held as a volunteer, released back to `open` (their cards still
    /// name the member as the volunteer who has it).
    pub released: Vec<Handoff>,
    /// Whether a saved car was deleted.
    pub car: bool,
}

/// Session columns that still name a person: not the marker.
pub(super) const NOT_FORGOTTEN: &str =
    "NOT (coalesce(member_id, -1) = 0 OR coalesce(member_name, 'x') = '')";

impl Lite {
    /// Forgets `member` in one write transaction: their sessions and handoffs lose the member's
    /// identity and free text (counted rows stay, under [`FORGOTTEN_USER`]); live sessions end
    /// as abandoned and live handoffs as cancelled; handoffs they had claimed as a volunteer are
    /// released, later ones keep the marker instead of their id; their duty rows and saved car
    /// are deleted. Forgetting twice finds nothing more to do.
    pub async fn forget_member(
        &self,
        member: &Member,
        now: Timestamp,
    ) -> Result<Forgotten, StoreError> {
        let key = MemberKey::new(member)?;
        let (kind, id, name) = key.lookup_values();
        let mut tx = self.begin_write().await?;
        // A terminal user's name can be any text, so it is matched as it is (never the marker,
        // which is empty); a Discord member's id is never 0.
        let sessions: Vec<i64> = sqlx::query_scalar(
            "UPDATE sessions SET \
               member_id = CASE WHEN member_kind = 'discord' THEN 0 END, \
               member_name = CASE WHEN member_kind = 'local' THEN '' END, \
               status = CASE WHEN status = 'active' THEN 'abandoned' ELSE status END, \
               updated_at = CASE WHEN status = 'active' THEN ? ELSE updated_at END \
             WHERE member_kind = ? AND coalesce(member_id, -1) = ? \
               AND coalesce(member_name, '') = ? AND (member_kind = 'discord' OR ? <> '') \
             RETURNING id",
        )
        .bind(now)
        .bind(kind)
        .bind(id)
        .bind(name)
        .bind(name)
        .fetch_all(&mut *tx)
        .await?;
        let car = sqlx::query(
            "DELETE FROM member_cars WHERE member_kind = ? \
             AND coalesce(member_id, -1) = ? AND coalesce(member_name, '') = ?",
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
            let live: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM handoffs WHERE member_id = ? AND status IN ('open', 'claimed')",
            )
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
            forgotten.cancelled = live.into_iter().map(HandoffId).collect();
            let rows = sqlx::query(concat!(
                "UPDATE handoffs SET member_id = 0, member_note = NULL, resolution_note = NULL, \
                   status = CASE WHEN status IN ('open', 'claimed') THEN 'cancelled' \
                            ELSE status END, \
                   next_notify_at = NULL, \
                   updated_at = CASE WHEN status IN ('open', 'claimed') THEN ? \
                                ELSE updated_at END \
                 WHERE member_id = ? RETURNING ",
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
                "UPDATE handoffs SET status = 'open', claimed_by = NULL, updated_at = ?, \
                   next_notify_at = CASE WHEN notify_count < 3 THEN ? END \
                 WHERE claimed_by = ? AND status = 'claimed' RETURNING ",
                handoff_columns!()
            ))
            .bind(now)
            .bind(now)
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
            forgotten.released = rows
                .iter()
                .map(handoff_from_row)
                .collect::<Result<_, _>>()?;
            sqlx::query("UPDATE handoffs SET claimed_by = 0 WHERE claimed_by = ?")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM volunteers_on_duty WHERE user_id = ?")
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        let seq_done = tx.commit().await;
        // The cache may hold these sessions under the member's name: read them afresh.
        for id in sessions {
            self.cache.forget(id);
        }
        seq_done?;
        Ok(forgotten)
    }

    /// Retention: finished sessions, and resolved or cancelled handoffs, last changed more
    /// than `days` days before `now` lose their member's identity and free text, as
    /// [`super::Store::forget_member`] does (a session whose handoff is still live keeps them: a
    /// volunteer is still helping). Returns how many rows (sessions and handoffs) it
    /// anonymised; running it again finds none of them.
    pub async fn apply_retention(&self, now: Timestamp, days: u32) -> Result<u64, StoreError> {
        let cutoff = now
            .0
            .saturating_sub(i64::from(days).saturating_mul(86_400_000));
        let mut tx = self.begin_write().await?;
        let handoffs = sqlx::query(
            "UPDATE handoffs SET member_id = 0, member_note = NULL, resolution_note = NULL \
             WHERE status IN ('resolved', 'cancelled') AND updated_at < ? \
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
             WHERE status <> 'active' AND updated_at < ? AND {NOT_FORGOTTEN} \
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
