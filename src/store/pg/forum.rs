//! PostgreSQL: the forum helper's records (the SQLite twin is `../forum.rs`, whose docs are the
//! contract).

use super::Pg;
use crate::domain::{ChannelId, GuildId, Timestamp, WatchedForum, WhenNothingFits};
use crate::store::forum::watched_from_row;
use crate::store::rows::id_to_sql;
use crate::store::StoreError;

impl Pg {
    /// See `Lite::set_forum_watch`.
    pub async fn set_forum_watch(
        &self,
        guild: GuildId,
        forum: ChannelId,
        watch: Option<WhenNothingFits>,
        now: Timestamp,
    ) -> Result<Vec<WatchedForum>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let forum_id = id_to_sql("Discord channel id", forum.get())?;
        let query = match watch {
            Some(when) => sqlx::query(
                "INSERT INTO forum_watch (guild_id, channel_id, when_nothing_fits, updated_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (guild_id, channel_id) DO UPDATE SET \
                 when_nothing_fits = excluded.when_nothing_fits, updated_at = excluded.updated_at",
            )
            .bind(guild_id)
            .bind(forum_id)
            .bind(when.code())
            .bind(now),
            None => sqlx::query("DELETE FROM forum_watch WHERE guild_id = $1 AND channel_id = $2")
                .bind(guild_id)
                .bind(forum_id),
        };
        query.execute(&self.pool).await?;
        self.watched_forums(guild).await
    }

    /// See `Lite::watched_forums`.
    pub async fn watched_forums(&self, guild: GuildId) -> Result<Vec<WatchedForum>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let rows = sqlx::query(
            "SELECT channel_id, when_nothing_fits FROM forum_watch WHERE guild_id = $1 \
             ORDER BY channel_id",
        )
        .bind(guild_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(watched_from_row).collect()
    }

    /// See `Lite::watched_forum`.
    pub async fn watched_forum(
        &self,
        guild: GuildId,
        forum: ChannelId,
    ) -> Result<Option<WatchedForum>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let forum_id = id_to_sql("Discord channel id", forum.get())?;
        let row = sqlx::query(
            "SELECT channel_id, when_nothing_fits FROM forum_watch \
             WHERE guild_id = $1 AND channel_id = $2",
        )
        .bind(guild_id)
        .bind(forum_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(watched_from_row).transpose()
    }

    /// See `Lite::take_forum_post`: `true` for exactly one caller, across processes. The
    /// INSERT decides: a second inserter of the same thread waits for the first's commit, then
    /// finds the conflict and adds nothing (`rows_affected` 0); a post given back after a failed
    /// reply (its row deleted) may be taken again.
    pub async fn take_forum_post(
        &self,
        guild: GuildId,
        forum: ChannelId,
        thread: ChannelId,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let thread_id = id_to_sql("Discord channel id", thread.get())?;
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let forum_id = id_to_sql("Discord channel id", forum.get())?;
        let added = sqlx::query(
            "INSERT INTO forum_posts (thread_id, guild_id, forum_id, taken_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (thread_id) DO NOTHING",
        )
        .bind(thread_id)
        .bind(guild_id)
        .bind(forum_id)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(added == 1)
    }

    /// See `Lite::release_forum_post`.
    pub async fn release_forum_post(&self, thread: ChannelId) -> Result<(), StoreError> {
        let thread_id = id_to_sql("Discord channel id", thread.get())?;
        sqlx::query("DELETE FROM forum_posts WHERE thread_id = $1")
            .bind(thread_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
