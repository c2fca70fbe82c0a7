//! PostgreSQL: guilds (stubs until written; see the SQLite twin `../guilds.rs`).

#![allow(unused_variables, dead_code)]

use super::{not_yet, Pg};
use crate::store::*;
use crate::domain::*;
#[allow(unused_imports)]
use crate::guide::GuideVersion;
#[allow(unused_imports)]
use crate::triage::State;

impl Pg {
    pub async fn guild_setup(&self, guild: GuildId) -> Result<Option<GuildSetup>, StoreError> {
        Err(not_yet("guild_setup"))
    }

    pub async fn guild_setup_settled(&self, guild: GuildId) -> Result<Option<GuildSetup>, StoreError> {
        Err(not_yet("guild_setup_settled"))
    }

    pub async fn log_channels(&self) -> Result<Vec<(GuildId, ChannelId, Option<LangCode>)>, StoreError> {
        Err(not_yet("log_channels"))
    }

    pub async fn save_guild_setup(&self, setup: &GuildSetup, now: Timestamp) -> Result<(), StoreError> {
        Err(not_yet("save_guild_setup"))
    }

    pub async fn set_permission_problem(&self, guild: GuildId, problem: Option<&str>, now: Timestamp) -> Result<bool, StoreError> {
        Err(not_yet("set_permission_problem"))
    }

    pub async fn set_on_duty(&self, guild: GuildId, user: UserId, on: bool, now: Timestamp) -> Result<(), StoreError> {
        Err(not_yet("set_on_duty"))
    }

    pub async fn on_duty(&self, guild: GuildId) -> Result<Vec<UserId>, StoreError> {
        Err(not_yet("on_duty"))
    }

    pub async fn set_forum_watch(&self, guild: GuildId, forum: ChannelId, watch: Option<WhenNothingFits>, now: Timestamp) -> Result<Vec<WatchedForum>, StoreError> {
        Err(not_yet("set_forum_watch"))
    }

    pub async fn watched_forums(&self, guild: GuildId) -> Result<Vec<WatchedForum>, StoreError> {
        Err(not_yet("watched_forums"))
    }

    pub async fn watched_forum(&self, guild: GuildId, forum: ChannelId) -> Result<Option<WatchedForum>, StoreError> {
        Err(not_yet("watched_forum"))
    }

    pub async fn take_forum_post(&self, guild: GuildId, forum: ChannelId, thread: ChannelId, now: Timestamp) -> Result<bool, StoreError> {
        Err(not_yet("take_forum_post"))
    }

    pub async fn release_forum_post(&self, thread: ChannelId) -> Result<(), StoreError> {
        Err(not_yet("release_forum_post"))
    }

    pub async fn take_lease(&self, name: LeaseName, holder: &LeaseHolder, now: Timestamp, ttl: Duration) -> Result<bool, StoreError> {
        Err(not_yet("take_lease"))
    }

    pub async fn lease_holder(&self, name: LeaseName, now: Timestamp) -> Result<Option<LeaseHolder>, StoreError> {
        Err(not_yet("lease_holder"))
    }

    pub async fn release_lease(&self, name: LeaseName, holder: &LeaseHolder) -> Result<(), StoreError> {
        Err(not_yet("release_lease"))
    }

    pub async fn update_guild_setup(&self, guild: GuildId, now: Timestamp, change: impl FnOnce(&mut GuildSetup)) -> Result<GuildSetup, StoreError> {
        Err(not_yet("update_guild_setup"))
    }
}
