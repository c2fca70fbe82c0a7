//! The forum helper's records: the forums a server watches, and the posts already taken on.


use super::rows::id_to_sql;
use super::rows::StoreRow;
use super::{Lite, StoreError};
use crate::domain::{ChannelId, GuildId, Timestamp, WatchedForum, WhenNothingFits};

impl Lite {
    /// Starts watching `forum` in `guild` (`Some`, with what to do when nothing fits; a second
    /// call changes that), or stops (`None`). Returns the server's watched forums afterwards.
    pub async fn set_forum_watch(
        &self,
        guild: GuildId,
        forum: ChannelId,
        watch: Option<WhenNothingFits>,
        now: Timestamp,
    ) -> Result<Vec<WatchedForum>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let forum_id = id_to_sql("Discord channel id", forum.get())?;
        let mut tx = self.begin_write().await?;
        match watch {
            Some(when) => {
                sqlx::query(
                    "INSERT INTO forum_watch (guild_id, channel_id, when_nothing_fits, updated_at) \
                     VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, channel_id) DO UPDATE SET \
                     when_nothing_fits = excluded.when_nothing_fits, updated_at = excluded.updated_at",
                )
                .bind(guild_id)
                .bind(forum_id)
                .bind(when.code())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM forum_watch WHERE guild_id = ? AND channel_id = ?")
                    .bind(guild_id)
                    .bind(forum_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        self.watched_forums(guild).await
    }

    /// The forums `guild` watches, by channel id.
    pub async fn watched_forums(&self, guild: GuildId) -> Result<Vec<WatchedForum>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let rows = sqlx::query(
            "SELECT channel_id, when_nothing_fits FROM forum_watch WHERE guild_id = ? \
             ORDER BY channel_id",
        )
        .bind(guild_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(watched_from_row).collect()
    }

    /// How `forum` in `guild` is watched, or `None` when it is not.
    pub async fn watched_forum(
        &self,
        guild: GuildId,
        forum: ChannelId,
    ) -> Result<Option<WatchedForum>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let forum_id = id_to_sql("Discord channel id", forum.get())?;
        let row = sqlx::query(
            "SELECT channel_id, when_nothing_fits FROM forum_watch \
             WHERE guild_id = ? AND channel_id = ?",
        )
        .bind(guild_id)
        .bind(forum_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(watched_from_row).transpose()
    }

    /// Takes the post whose thread is `thread` for answering: `true` for exactly one caller
    /// ever, however many events name the post and however often the bot restarts.
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
        let mut tx = self.begin_write().await?;
        // The INSERT is the decision: ON CONFLICT DO NOTHING adds no row for a post taken
        // before, so `rows_affected` is 1 for the first caller only.
        let added = sqlx::query(
            "INSERT INTO forum_posts (thread_id, guild_id, forum_id, taken_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (thread_id) DO NOTHING",
        )
        .bind(thread_id)
        .bind(guild_id)
        .bind(forum_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(added == 1)
    }

    /// Gives a taken post back (its reply could not be sent), so a repeat of its events, after
    /// a reconnect or a restart, may answer it.
    pub async fn release_forum_post(&self, thread: ChannelId) -> Result<(), StoreError> {
        let thread_id = id_to_sql("Discord channel id", thread.get())?;
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM forum_posts WHERE thread_id = ?")
            .bind(thread_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn watched_from_row(row: &impl StoreRow) -> Result<WatchedForum, StoreError> {
    let corrupt = |what: String| StoreError::CorruptRecord {
        record: "forum_watch".into(),
        what,
    };
    let channel: i64 = row.try_get("channel_id")?;
    let when: String = row.try_get("when_nothing_fits")?;
    Ok(WatchedForum {
        channel: ChannelId(
            u64::try_from(channel).map_err(|_| corrupt(format!("channel_id {channel}")))?,
        ),
        when_nothing_fits: WhenNothingFits::parse(&when)
            .ok_or_else(|| corrupt(format!("when_nothing_fits `{when}`")))?,
    })
}
