//! PostgreSQL: reading handoffs by id, by session, a member's live one (the SQLite twin is
//! `../handoff_reads.rs`, whose docs are the contract). The writes in `handoffs.rs` read
//! through [`read_by_id`] and [`read_by_session`] after a guarded statement matched nothing.

use sqlx::{Executor, Postgres};

use super::Pg;
use crate::domain::{GuildId, Handoff, HandoffId, SessionId, UserId};
use crate::store::handoff_rows::{handoff_columns, handoff_from_row, live};
use crate::store::rows::id_to_sql;
use crate::store::StoreError;

/// Handoff `id`, read through `executor` (the pool or a transaction).
pub(super) async fn read_by_id<'e>(
    executor: impl Executor<'e, Database = Postgres>,
    id: HandoffId,
) -> Result<Option<Handoff>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        handoff_columns!(),
        " FROM handoffs WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(handoff_from_row).transpose()
}

/// The handoff of `session`, read through `executor` (see [`read_by_id`]).
pub(super) async fn read_by_session<'e>(
    executor: impl Executor<'e, Database = Postgres>,
    session: SessionId,
) -> Result<Option<Handoff>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        handoff_columns!(),
        " FROM handoffs WHERE session_id = $1"
    ))
    .bind(session.0)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(handoff_from_row).transpose()
}

impl Pg {
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
            " FROM handoffs WHERE guild_id = $1 AND member_id = $2 AND ",
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
