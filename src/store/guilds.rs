//! Per-server setup and the volunteers on duty.
//!
//! Writes run in `BEGIN IMMEDIATE` transactions (see `sessions.rs` for why).

use super::handoff_rows::{duty_user_from_row, renotify_to_sql, setup_columns, setup_from_row};
use super::rows::id_to_sql;
use super::writer::WriteTx;
use super::{Lite, StoreError};
use crate::domain::{ChannelId, GuildId, GuildSetup, LangCode, Region, Timestamp, UserId};

impl Lite {
    /// The server's setup, or `None` if nothing was ever stored for it.
    pub async fn guild_setup(&self, guild: GuildId) -> Result<Option<GuildSetup>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let row = sqlx::query(concat!(
            "SELECT ",
            setup_columns!(),
            " FROM guild_settings WHERE guild_id = ?"
        ))
        .bind(guild_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(setup_from_row).transpose()
    }

    /// The server's setup as the writer has settled it: read in the writer's turn, so every
    /// write of this process queued before it is applied first. For the moderators' and
    /// volunteers' commands, which are rare and decide on it (who may act, what to show);
    /// members' presses use [`super::Store::guild_setup`], which never waits for a writer.
    pub async fn guild_setup_settled(
        &self,
        guild: GuildId,
    ) -> Result<Option<GuildSetup>, StoreError> {
        let mut tx = self.begin_write().await?;
        let setup = read_setup(&mut tx, guild).await?;
        tx.commit().await?;
        Ok(setup)
    }

    /// Every server's moderators' log channel and the server's language, for what pitcrew
    /// must tell all of them (guide content that failed `check` at a live reload: one content
    /// folder serves them all). A language this build does not know reads as `None` (English):
    /// a note to moderators is better said in English than not at all.
    pub async fn log_channels(
        &self,
    ) -> Result<Vec<(GuildId, ChannelId, Option<LangCode>)>, StoreError> {
        let rows: Vec<(i64, i64, Option<String>)> = sqlx::query_as(
            "SELECT guild_id, log_channel_id, lang FROM guild_settings \
             WHERE log_channel_id IS NOT NULL ORDER BY guild_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(guild, channel, lang)| {
                let id = |v: i64, what: &str| {
                    u64::try_from(v).map_err(|_| StoreError::CorruptRecord {
                        record: format!("the setup of server {guild}"),
                        what: format!("{what} {v} is negative"),
                    })
                };
                Ok((
                    GuildId::from(id(guild, "guild_id")?),
                    ChannelId::from(id(channel, "log_channel_id")?),
                    lang.as_deref().and_then(LangCode::parse),
                ))
            })
            .collect()
    }

    /// Stores the whole setup (insert or replace), `permission_problem` included as given.
    ///
    /// The interval is kept in whole seconds (a fraction is dropped) and must lie within
    /// [`RENOTIFY_MIN`](super::RENOTIFY_MIN)..=[`RENOTIFY_LIMIT`](super::RENOTIFY_LIMIT), else
    /// [`StoreError::DurationOutOfRange`].
    pub async fn save_guild_setup(
        &self,
        setup: &GuildSetup,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        write_setup(&mut tx, setup, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes part of the server's setup ([`GuildSetup::new`] if there is none yet) and
    /// returns it as stored. Read and write share one transaction, so two moderators setting
    /// different parts at once both keep theirs.
    pub async fn update_guild_setup(
        &self,
        guild: GuildId,
        now: Timestamp,
        change: impl FnOnce(&mut GuildSetup),
    ) -> Result<GuildSetup, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut setup = read_setup(&mut tx, guild)
            .await?
            .unwrap_or_else(|| GuildSetup::new(guild));
        change(&mut setup);
        write_setup(&mut tx, &setup, now).await?;
        tx.commit().await?;
        Ok(setup)
    }

    /// Records the permission the bot found missing in this server (`None` = all fine),
    /// creating the setup row ([`GuildSetup::new`]) if there is none yet.
    ///
    /// Returns `true` only when the recorded problem changed, so the caller logs a problem once,
    /// not on every press. A server seen for the first time with no problem is not a change.
    pub async fn set_permission_problem(
        &self,
        guild: GuildId,
        problem: Option<&str>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let default_secs = renotify_to_sql(GuildSetup::new(guild).renotify)?;

        let mut tx = self.begin_write().await?;
        let current: Option<Option<String>> =
            sqlx::query_scalar("SELECT permission_problem FROM guild_settings WHERE guild_id = ?")
                .bind(guild_id)
                .fetch_optional(&mut *tx)
                .await?;
        let changed = match current {
            None => {
                sqlx::query(
                    "INSERT INTO guild_settings (guild_id, renotify_secs, permission_problem, \
                     updated_at) VALUES (?, ?, ?, ?)",
                )
                .bind(guild_id)
                .bind(default_secs)
                .bind(problem)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                problem.is_some()
            }
            Some(old) if old.as_deref() == problem => false,
            Some(_) => {
                sqlx::query(
                    "UPDATE guild_settings SET permission_problem = ?, updated_at = ? \
                     WHERE guild_id = ?",
                )
                .bind(problem)
                .bind(now)
                .bind(guild_id)
                .execute(&mut *tx)
                .await?;
                true
            }
        };
        tx.commit().await?;
        Ok(changed)
    }

    /// Puts a volunteer on duty in this server (`on`), or off. Going on duty again keeps the
    /// start of the running shift; going off when not on is a no-op.
    pub async fn set_on_duty(
        &self,
        guild: GuildId,
        user: UserId,
        on: bool,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let user_id = id_to_sql("Discord user id", user.get())?;
        let mut tx = self.begin_write().await?;
        let query = if on {
            sqlx::query(
                "INSERT INTO volunteers_on_duty (guild_id, user_id, since) VALUES (?, ?, ?) \
                 ON CONFLICT (guild_id, user_id) DO NOTHING",
            )
            .bind(guild_id)
            .bind(user_id)
            .bind(now)
        } else {
            sqlx::query("DELETE FROM volunteers_on_duty WHERE guild_id = ? AND user_id = ?")
                .bind(guild_id)
                .bind(user_id)
        };
        query.execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The volunteers on duty in this server, longest on duty first (ties by user id).
    pub async fn on_duty(&self, guild: GuildId) -> Result<Vec<UserId>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let rows = sqlx::query(
            "SELECT user_id FROM volunteers_on_duty WHERE guild_id = ? ORDER BY since, user_id",
        )
        .bind(guild_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| duty_user_from_row(guild, row))
            .collect()
    }
}

async fn read_setup(tx: &mut WriteTx, guild: GuildId) -> Result<Option<GuildSetup>, StoreError> {
    let guild_id = id_to_sql("Discord guild id", guild.get())?;
    let row = sqlx::query(concat!(
        "SELECT ",
        setup_columns!(),
        " FROM guild_settings WHERE guild_id = ?"
    ))
    .bind(guild_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(setup_from_row).transpose()
}

async fn write_setup(
    tx: &mut WriteTx,
    setup: &GuildSetup,
    now: Timestamp,
) -> Result<(), StoreError> {
    let guild = id_to_sql("Discord guild id", setup.guild.get())?;
    let role = setup
        .volunteer_role
        .map(|v| id_to_sql("Discord role id", v.get()))
        .transpose()?;
    let cards = setup
        .cards_channel
        .map(|v| id_to_sql("Discord channel id", v.get()))
        .transpose()?;
    let help = setup
        .help_channel
        .map(|v| id_to_sql("Discord channel id", v.get()))
        .transpose()?;
    let log = setup
        .log_channel
        .map(|v| id_to_sql("Discord channel id", v.get()))
        .transpose()?;
    let secs = renotify_to_sql(setup.renotify)?;
    sqlx::query(
        "INSERT INTO guild_settings (guild_id, volunteer_role_id, cards_channel_id, \
         help_channel_id, renotify_secs, permission_problem, region, lang, log_channel_id, \
         updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (guild_id) DO UPDATE SET \
         volunteer_role_id = excluded.volunteer_role_id, \
         cards_channel_id = excluded.cards_channel_id, \
         help_channel_id = excluded.help_channel_id, \
         renotify_secs = excluded.renotify_secs, \
         permission_problem = excluded.permission_problem, \
         region = excluded.region, \
         lang = excluded.lang, \
         log_channel_id = excluded.log_channel_id, \
         updated_at = excluded.updated_at",
    )
    .bind(guild)
    .bind(role)
    .bind(cards)
    .bind(help)
    .bind(secs)
    .bind(setup.permission_problem.as_deref())
    .bind(setup.region.map(Region::code))
    .bind(setup.lang.map(LangCode::code))
    .bind(log)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
