//! Settings, read once from the environment (and `.env` through dotenvy, loaded by `main`).
//! Every error names the setting to fix; the token's value never appears in any output.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;

use crate::domain::Region;
use crate::guide::Lang;
use crate::store::is_postgres;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://pitcrew.db";
pub const DEFAULT_CONTENT_DIR: &str = "content";
/// `RETENTION_DAYS` unless set: about six months, long enough for a member to come back to a
/// case, short enough that what stranded people typed does not pile up for years.
pub const DEFAULT_RETENTION_DAYS: u32 = 180;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("{key} is not set: {hint}")]
    Missing {
        key: &'static str,
        hint: &'static str,
    },
    #[error("{key} is not valid: {why}")]
    Invalid { key: &'static str, why: String },
}

/// A value that must never be printed: Debug and Display show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<hidden>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<hidden>")
    }
}

/// Everything the bot needs to reach Discord; only `pitcrew run` asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscordConfig {
    pub token: Secret,
    /// REST base such as `http://127.0.0.1:8080` (a rate-limit proxy, or the test server).
    pub api_url: Option<String>,
    /// Register commands to this server only (instant) instead of globally.
    pub guild_id: Option<u64>,
    /// `DISCORD_INTENTS`: the gateway events pitcrew asks Discord for (the forum helper's).
    pub intents: Intents,
    /// `DISCORD_SHARDS`: the gateway shards this process runs, when Discord's load is split
    /// across processes; `None` runs one shard, as a single club needs.
    pub shards: Option<ShardRange>,
    /// `LEASE_SECS`: how long once-only work (reminders, retention) stays with a process that
    /// stopped answering before another process on the same database takes it over.
    pub lease: Duration,
}

/// `LEASE_SECS` bounds: renewed every third of it, so below 3 s the renewals would be most of
/// the database's work; above an hour a dead process's reminders would wait too long.
const LEASE_SECS_MIN: u64 = 3;
const LEASE_SECS_MAX: u64 = 3600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite:…` (embedded, one process) or `postgres://`/`postgresql://`
    /// (shared by several processes); see `crate::store::Store::open`.
    pub database_url: String,
    pub content_dir: PathBuf,
    /// `PITCREW_REGION`: the terminal's default region (`pitcrew chat --region` wins over it).
    /// Discord never uses it: there the server's setup and the member's locale decide.
    pub region: Option<Region>,
    /// `PITCREW_LANG`: the language `pitcrew chat` shows guides in (`--lang` wins over it).
    /// Not `LANG`: a moderator's preview should not change with the machine's locale.
    pub lang: Option<Lang>,
    /// `CONTENT_WATCH`: reload the guides when a file in `content_dir` changes (default on).
    /// Off for deployments that ship content read-only; `/pitcrew reload` still works.
    pub content_watch: bool,
    /// `BACKUP_DIR` and `BACKUP_KEEP`: the bot's own daily backups, when set.
    pub backups: Option<DailyBackups>,
    /// `RETENTION_DAYS`: finished sessions and closed handoffs lose their member's id and free
    /// text this many days after their last change (`retention`).
    pub retention_days: u32,
    discord: Result<DiscordConfig, ConfigError>,
}

/// The bot's daily backups: into `dir`, keeping the newest `keep`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyBackups {
    pub dir: PathBuf,
    pub keep: usize,
}

/// How many daily backups are kept when `BACKUP_KEEP` is not set: a week.
pub const DEFAULT_BACKUP_KEEP: usize = 7;

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    /// Settings every command needs are checked here; Discord's are checked here too but only
    /// reported when `discord()` is asked for, so `chat` and `check` work without a token.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |key: &str| {
            lookup(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        let postgres = is_postgres(&database_url);
        if !postgres && !database_url.starts_with("sqlite:") {
            return Err(ConfigError::Invalid {
                key: "DATABASE_URL",
                why: format!(
                    "`{database_url}` is neither a SQLite nor a PostgreSQL URL; use a value like \
                     `sqlite://pitcrew.db` (one process, the default) or \
                     `postgres://user@host:5432/pitcrew` (several processes)"
                ),
            });
        }
        let content_dir =
            PathBuf::from(get("CONTENT_DIR").unwrap_or_else(|| DEFAULT_CONTENT_DIR.into()));
        let region = match get("PITCREW_REGION") {
            None => None,
            Some(raw) => Some(raw.parse::<Region>().map_err(|e| ConfigError::Invalid {
                key: "PITCREW_REGION",
                why: e.to_string(),
            })?),
        };
        let lang = match get("PITCREW_LANG") {
            None => None,
            Some(raw) => Some(raw.parse::<Lang>().map_err(|e| ConfigError::Invalid {
                key: "PITCREW_LANG",
                why: e.to_string(),
            })?),
        };
        let content_watch = match get("CONTENT_WATCH") {
            None => true,
            Some(raw) => flag(&raw).ok_or_else(|| ConfigError::Invalid {
                key: "CONTENT_WATCH",
                why: format!("`{raw}` is not on or off; use true or false"),
            })?,
        };
        let backups = backup_settings(&get)?;
        if backups.is_some() && postgres {
            // The bot's own backups copy a SQLite file; refused here rather than at the first
            // nightly run, so the operator hears it when starting the bot.
            return Err(ConfigError::Invalid {
                key: "BACKUP_DIR",
                why: "the bot's daily backups are for SQLite, and DATABASE_URL is a PostgreSQL \
                      database: back that up with the server's own tool, pg_dump (or the \
                      host's snapshots), and unset BACKUP_DIR (and BACKUP_KEEP)"
                    .into(),
            });
        }
        let retention_days =
            match get("RETENTION_DAYS") {
                None => DEFAULT_RETENTION_DAYS,
                Some(raw) => raw.parse::<u32>().ok().filter(|&d| d >= 1).ok_or_else(|| {
                    ConfigError::Invalid {
                        key: "RETENTION_DAYS",
                        why: format!("`{raw}` is not a whole number of days, 1 or more (e.g. 180)"),
                    }
                })?,
            };
        let discord = discord_settings(&get);
        Ok(Config {
            database_url,
            content_dir,
            region,
            lang,
            content_watch,
            backups,
            retention_days,
            discord,
        })
    }

    pub fn discord(&self) -> Result<&DiscordConfig, ConfigError> {
        self.discord.as_ref().map_err(Clone::clone)
    }
}

/// A yes/no setting, as people write one.
fn flag(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn backup_settings(
    get: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<DailyBackups>, ConfigError> {
    let keep = match get("BACKUP_KEEP") {
        None => DEFAULT_BACKUP_KEEP,
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| ConfigError::Invalid {
                key: "BACKUP_KEEP",
                why: format!("`{raw}` is not a number of backups to keep (1 to 1000)"),
            })?,
    };
    match get("BACKUP_DIR") {
        Some(dir) => Ok(Some(DailyBackups {
            dir: PathBuf::from(dir),
            keep,
        })),
        None if get("BACKUP_KEEP").is_some() => Err(ConfigError::Missing {
            key: "BACKUP_DIR",
            hint: "BACKUP_KEEP is set, so set BACKUP_DIR to the folder for the daily backups too (or remove BACKUP_KEEP)",
        }),
        None => Ok(None),
    }
}

fn discord_settings(get: &dyn Fn(&str) -> Option<String>) -> Result<DiscordConfig, ConfigError> {
    let token = get("DISCORD_TOKEN").ok_or(ConfigError::Missing {
        key: "DISCORD_TOKEN",
        hint: "set it to your bot's token (Developer Portal → your app → Bot) in the environment or .env",
    })?;
    if token.chars().any(char::is_whitespace) {
        return Err(ConfigError::Invalid {
            key: "DISCORD_TOKEN",
            why: "it contains spaces; paste only the token, without `Bot `".into(),
        });
    }
    let api_url = match get("DISCORD_API_URL") {
        None => None,
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            Some(url.trim_end_matches('/').to_string())
        }
        Some(url) => {
            return Err(ConfigError::Invalid {
                key: "DISCORD_API_URL",
                why: format!("`{url}` must start with http:// or https://"),
            })
        }
    };
    let guild_id = match get("DISCORD_GUILD_ID") {
        None => None,
        Some(raw) => Some(
            raw.parse::<u64>()
                .ok()
                .filter(|&id| id > 0)
                .ok_or_else(|| ConfigError::Invalid {
                    key: "DISCORD_GUILD_ID",
                    why: format!("`{raw}` is not a server id (a number like 123456789012345678)"),
                })?,
        ),
    };
    let intents = match get("DISCORD_INTENTS") {
        None => Intents::default(),
        Some(raw) => Intents::parse(&raw)?,
    };
    let shards = get("DISCORD_SHARDS")
        .map(|raw| ShardRange::parse(&raw))
        .transpose()?;
    let lease = match get("LEASE_SECS") {
        None => crate::domain::LEASE_TTL,
        Some(raw) => raw
            .parse::<u64>()
            .ok()
            .filter(|s| (LEASE_SECS_MIN..=LEASE_SECS_MAX).contains(s))
            .map(Duration::from_secs)
            .ok_or_else(|| ConfigError::Invalid {
                key: "LEASE_SECS",
                why: format!(
                    "`{raw}` is not a number of seconds from {LEASE_SECS_MIN} to {LEASE_SECS_MAX}"
                ),
            })?,
    };
    Ok(DiscordConfig {
        token: Secret(token),
        api_url,
        guild_id,
        intents,
        shards,
        lease,
    })
}

#[path = "config_gateway.rs"]
mod gateway;
pub use gateway::{Intents, ShardRange};

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
