//! Reading handoffs: by id, by session, a member's live one. The writes are in
//! `handoffs.rs`, which reads through [`read_by_id`] inside its transactions.

use sqlx::{Executor, Sqlite};

use super::handoff_rows::{handoff_columns, handoff_from_row, live};
use super::rows::id_to_sql;
use super::{Lite, StoreError};
use crate::domain::{GuildId, Handoff, HandoffId, SessionId, UserId};

/// Handoff `id`, read through `executor`: the pool, or a write transaction (`&mut **tx`), so
/// the row is the one that beat a guarded update.
pub(super) async fn read_by_id<'e>(
    executor: impl Executor<'e, Database = Sqlite>,
    id: HandoffId,
) -> Result<Option<Handoff>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        handoff_columns!(),
        " FROM handoffs WHERE id = ?"
    ))
    .bind(id.0)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(handoff_from_row).transpose()
}

/// The handoff of `session`, read through `executor` (see [`read_by_id`]).
pub(super) async fn read_by_session<'e>(
    executor: impl Executor<'e, Database = Sqlite>,
    session: SessionId,
) -> Result<Option<Handoff>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        handoff_columns!(),
        " FROM handoffs WHERE session_id = ?"
    ))
    .bind(session.0)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(handoff_from_row).transpose()
}

impl Lite {
    /// Any handoff by id, whatever its status.
    pub async fn handoff(&self, id: HandoffId) -> Result<Option<Handoff>, StoreError> {
        read_by_id(&self.pool, id).await
    }

    /// The session's handoff, whatever its status.
    pub async fn handoff_for_session(
        &self,
        session: SessionId,
    ) -> Result<Option<Handoff>, StoreError> {
        read_by_session(&self.pool, session).await
    }

    /// The member's live (open or claimed) handoff in this server; the newest if there are
    /// several.
    pub async fn live_handoff_of_member(
        &self,
        guild: GuildId,
        member: UserId,
    ) -> Result<Option<Handoff>, StoreError> {
        let guild = id_to_sql("Discord guild id", guild.get())?;
        let member = id_to_sql("Discord user id", member.get())?;
        let row = sqlx::query(concat!(
            "SELECT ",
            handoff_columns!(),
            " FROM handoffs WHERE guild_id = ? AND member_id = ? AND ",
            live!(),
            " ORDER BY created_at DESC, id DESC LIMIT 1"
        ))
        .bind(guild)
        .bind(member)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(handoff_from_row).transpose()
    }
}
