//! PostgreSQL: per-server setup and the volunteers on duty (the SQLite twin is `../guilds.rs`,
//! whose docs are the contract).
//!
//! SQLite's single write lock made every read-then-write of a setup atomic. Here those
//! (`update_guild_setup`, `set_permission_problem`) first take a transaction-scoped advisory
//! lock named for the server: it serialises them across processes even while the server has no
//! row yet to lock, so two moderators changing different parts at once both keep theirs.

use sqlx::{Postgres, Transaction};

use super::Pg;
use crate::domain::{ChannelId, GuildId, GuildSetup, LangCode, Region, Timestamp, UserId};
use crate::store::handoff_rows::{
    duty_user_from_row, renotify_to_sql, setup_columns, setup_from_row,
};
use crate::store::rows::id_to_sql;
use crate::store::StoreError;

impl Pg {
    /// See `Lite::guild_setup`.
    pub async fn guild_setup(&self, guild: GuildId) -> Result<Option<GuildSetup>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let row = sqlx::query(concat!(
            "SELECT ",
            setup_columns!(),
            " FROM guild_settings WHERE guild_id = $1"
        ))
        .bind(guild_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(setup_from_row).transpose()
    }

    /// See `Lite::guild_setup_settled`. There is no writer queue here: every write of this
    /// process has committed before its call returned, so a plain read already sees them all.
    pub async fn guild_setup_settled(
        &self,
        guild: GuildId,
    ) -> Result<Option<GuildSetup>, StoreError> {
        self.guild_setup(guild).await
    }

    /// See `Lite::log_channels`.
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

    /// See `Lite::save_guild_setup`. One upsert: it replaces the whole row, as SQLite's does.
    pub async fn save_guild_setup(
        &self,
        setup: &GuildSetup,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        lock_setup(&mut tx, setup.guild).await?;
        write_setup(&mut tx, setup, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// See `Lite::update_guild_setup`: read, change and write under the server's lock, so a
    /// concurrent change (from this process or another) is never lost.
    pub async fn update_guild_setup(
        &self,
        guild: GuildId,
        now: Timestamp,
        change: impl FnOnce(&mut GuildSetup),
    ) -> Result<GuildSetup, StoreError> {
        let mut tx = self.pool.begin().await?;
        lock_setup(&mut tx, guild).await?;
        let mut setup = read_setup(&mut tx, guild)
            .await?
            .unwrap_or_else(|| GuildSetup::new(guild));
        change(&mut setup);
        write_setup(&mut tx, &setup, now).await?;
        tx.commit().await?;
        Ok(setup)
    }

    /// See `Lite::set_permission_problem`.
    pub async fn set_permission_problem(
        &self,
        guild: GuildId,
        problem: Option<&str>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let default_secs = renotify_to_sql(GuildSetup::new(guild).renotify)?;

        let mut tx = self.pool.begin().await?;
        lock_setup(&mut tx, guild).await?;
        let current: Option<Option<String>> =
            sqlx::query_scalar("SELECT permission_problem FROM guild_settings WHERE guild_id = $1")
                .bind(guild_id)
                .fetch_optional(&mut *tx)
                .await?;
        let changed = match current {
            None => {
                sqlx::query(
                    "INSERT INTO guild_settings (guild_id, renotify_secs, permission_problem, \
                     updated_at) VALUES ($1, $2, $3, $4)",
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
                    "UPDATE guild_settings SET permission_problem = $1, updated_at = $2 \
                     WHERE guild_id = $3",
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

    /// See `Lite::set_on_duty`. One statement each way; a second "on" keeps the shift's start.
    pub async fn set_on_duty(
        &self,
        guild: GuildId,
        user: UserId,
        on: bool,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let user_id = id_to_sql("Discord user id", user.get())?;
        let query = if on {
            sqlx::query(
                "INSERT INTO volunteers_on_duty (guild_id, user_id, since) VALUES ($1, $2, $3) \
                 ON CONFLICT (guild_id, user_id) DO NOTHING",
            )
            .bind(guild_id)
            .bind(user_id)
            .bind(now)
        } else {
            sqlx::query("DELETE FROM volunteers_on_duty WHERE guild_id = $1 AND user_id = $2")
                .bind(guild_id)
                .bind(user_id)
        };
        query.execute(&self.pool).await?;
        Ok(())
    }

    /// See `Lite::on_duty`.
    pub async fn on_duty(&self, guild: GuildId) -> Result<Vec<UserId>, StoreError> {
        let guild_id = id_to_sql("Discord guild id", guild.get())?;
        let rows = sqlx::query(
            "SELECT user_id FROM volunteers_on_duty WHERE guild_id = $1 ORDER BY since, user_id",
        )
        .bind(guild_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| duty_user_from_row(guild, row))
            .collect()
    }
}

type PgTx = Transaction<'static, Postgres>;

/// Waits for, then holds until the transaction ends, the lock on `guild`'s setup. An advisory
/// lock rather than the row's, because the row may not exist yet.
async fn lock_setup(tx: &mut PgTx, guild: GuildId) -> Result<(), StoreError> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind(format!("pitcrew guild_settings {}", guild.get()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn read_setup(tx: &mut PgTx, guild: GuildId) -> Result<Option<GuildSetup>, StoreError> {
    let guild_id = id_to_sql("Discord guild id", guild.get())?;
    let row = sqlx::query(concat!(
        "SELECT ",
        setup_columns!(),
        " FROM guild_settings WHERE guild_id = $1"
    ))
    .bind(guild_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref().map(setup_from_row).transpose()
}

async fn write_setup(tx: &mut PgTx, setup: &GuildSetup, now: Timestamp) -> Result<(), StoreError> {
    let id = |what: &'static str, v: Option<u64>| v.map(|v| id_to_sql(what, v)).transpose();
    let guild = id_to_sql("Discord guild id", setup.guild.get())?;
    let role = id("Discord role id", setup.volunteer_role.map(|v| v.get()))?;
    let cards = id("Discord channel id", setup.cards_channel.map(|v| v.get()))?;
    let help = id("Discord channel id", setup.help_channel.map(|v| v.get()))?;
    let log = id("Discord channel id", setup.log_channel.map(|v| v.get()))?;
    let secs = renotify_to_sql(setup.renotify)?;
    sqlx::query(
        "INSERT INTO guild_settings (guild_id, volunteer_role_id, cards_channel_id, \
         help_channel_id, renotify_secs, permission_problem, region, lang, log_channel_id, \
         updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
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
