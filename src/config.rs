//! Settings, read once from the environment (and `.env` through dotenvy, loaded by `main`).
//! Every error names the setting to fix; the token's value never appears in any output.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use crate::domain::Region;
use crate::guide::Lang;

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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub database_url: String,
    pub content_dir: PathBuf,
    /// `PITCREW_REGION`: the terminal's default region (`pitcrew chat --region` wins over it).
    /// Discord never uses it: there the server's setup and the member's locale decide.
    pub region: Option<Region>,
    /// `PITCREW_LANG`: the language `pitcrew chat` shows guides in (`--lang` wins over it).
    /// Not `LANG`: a moderator's preview should not change with the machine's locale.
    pub lang: Option<Lang>,
    /// `RETENTION_DAYS`: finished sessions and closed handoffs lose their member's id and free
    /// text this many days after their last change (`retention`).
    pub retention_days: u32,
    discord: Result<DiscordConfig, ConfigError>,
}

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
        if !database_url.starts_with("sqlite:") {
            return Err(ConfigError::Invalid {
                key: "DATABASE_URL",
                why: format!(
                    "`{database_url}` is not a SQLite URL; use a value like `sqlite://pitcrew.db`"
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
            retention_days,
            discord,
        })
    }

    pub fn discord(&self) -> Result<&DiscordConfig, ConfigError> {
        self.discord.as_ref().map_err(Clone::clone)
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
    Ok(DiscordConfig {
        token: Secret(token),
        api_url,
        guild_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_need_no_settings_and_no_token() {
        let c = load(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.content_dir, PathBuf::from("content"));
        assert_eq!(c.region, None);
        assert_eq!(c.retention_days, 180);
        let err = c.discord().unwrap_err();
        assert!(err.to_string().starts_with("DISCORD_TOKEN is not set"));
    }

    #[test]
    fn discord_settings_are_read_and_the_token_never_printed() {
        let c = load(&[
            ("DISCORD_TOKEN", "abc.def.ghi"),
            ("DISCORD_API_URL", "http://127.0.0.1:9/"),
            ("DISCORD_GUILD_ID", "42"),
        ])
        .unwrap();
        let d = c.discord().unwrap();
        assert_eq!(d.token.expose(), "abc.def.ghi");
        assert_eq!(d.api_url.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(d.guild_id, Some(42));
        let shown = format!("{c:?} {}", d.token);
        assert!(!shown.contains("abc.def.ghi"), "{shown}");
    }

    #[test]
    fn the_terminal_region_is_a_region_code() {
        assert_eq!(
            load(&[("PITCREW_REGION", " uk ")]).unwrap().region,
            Some(Region::Gb)
        );
        assert_eq!(
            load(&[("PITCREW_REGION", "DE")]).unwrap().region,
            Some(Region::De)
        );
    }

    #[test]
    fn the_terminal_language_is_a_language_tag() {
        assert_eq!(
            load(&[("PITCREW_LANG", " DE ")]).unwrap().lang,
            Some(Lang::De)
        );
        assert_eq!(load(&[]).unwrap().lang, None);
    }

    #[test]
    fn retention_is_a_number_of_days() {
        assert_eq!(
            load(&[("RETENTION_DAYS", " 30 ")]).unwrap().retention_days,
            30
        );
    }

    #[test]
    fn bad_values_name_the_setting() {
        let bad = [
            (("DATABASE_URL", "postgres://x"), "DATABASE_URL"),
            (("DISCORD_GUILD_ID", "my-server"), "DISCORD_GUILD_ID"),
            (("DISCORD_API_URL", "discord.com"), "DISCORD_API_URL"),
            (("PITCREW_REGION", "Narnia"), "PITCREW_REGION"),
            (("PITCREW_LANG", "fr"), "PITCREW_LANG"),
            (("RETENTION_DAYS", "0"), "RETENTION_DAYS"),
            (("RETENTION_DAYS", "half a year"), "RETENTION_DAYS"),
        ];
        for ((key, value), named) in bad {
            let err = match load(&[("DISCORD_TOKEN", "t"), (key, value)]) {
                Err(e) => e,
                Ok(c) => c.discord().unwrap_err(),
            };
            assert!(err.to_string().starts_with(named), "{err}");
        }
    }
}
