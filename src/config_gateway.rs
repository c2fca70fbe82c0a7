//! The gateway settings' own types: which shards a process runs (`DISCORD_SHARDS`) and which
//! events it asks Discord for (`DISCORD_INTENTS`), each parsed from its one setting.

use super::ConfigError;

/// The gateway shards one process runs: `first` to `last`, both included, out of `total`.
///
/// One setting, `DISCORD_SHARDS=FIRST-LAST/TOTAL` (or `ID/TOTAL` for one shard), rather than
/// two or three: a range means nothing without its total, every process of a deployment must
/// agree on the total, and one value cannot be half-updated. Both ends are included, as
/// Discord's documentation counts shards ("shards 0-1 of 4" is two shards).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl ShardRange {
    /// Reads `DISCORD_SHARDS`' value; refuses an empty range or one beyond the total.
    pub fn parse(raw: &str) -> Result<ShardRange, ConfigError> {
        let invalid = |why: String| ConfigError::Invalid {
            key: "DISCORD_SHARDS",
            why,
        };
        let form = || {
            invalid(format!(
                "`{raw}` is not a shard range; write FIRST-LAST/TOTAL (both ends included), \
                 e.g. 0-1/4, or ID/TOTAL for one shard, e.g. 2/4"
            ))
        };
        let (range, total) = raw.split_once('/').ok_or_else(form)?;
        let number = |s: &str| s.trim().parse::<u32>().map_err(|_| form());
        let total = number(total)?;
        let (first, last) = match range.split_once('-') {
            Some((first, last)) => (number(first)?, number(last)?),
            None => (number(range)?, number(range)?),
        };
        if total == 0 {
            return Err(invalid(format!("`{raw}`: the total must be 1 or more")));
        }
        if first > last {
            return Err(invalid(format!(
                "`{raw}` is an empty range: the first shard ({first}) comes after the last ({last})"
            )));
        }
        if last >= total {
            return Err(invalid(format!(
                "`{raw}`: shard {last} is out of range; shards of {total} are numbered 0 to {}",
                total - 1
            )));
        }
        Ok(ShardRange { first, last, total })
    }

    /// The shard ids this process runs.
    pub fn ids(self) -> std::ops::RangeInclusive<u32> {
        self.first..=self.last
    }

    /// Whether this process gets direct messages: Discord sends them to shard 0 only.
    pub fn gets_dms(self) -> bool {
        self.first == 0
    }
}

/// The gateway intents pitcrew asks for, as `DISCORD_INTENTS` names them (comma-separated, or
/// `none`). Interactions need none; the forum helper needs `guilds` or `guild_messages` to
/// see new posts, and reads a post's text only with the privileged `message_content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Intents {
    /// `guilds`: THREAD_CREATE, so a new forum post is seen with its title and tags.
    pub guilds: bool,
    /// `guild_messages`: MESSAGE_CREATE, so a post's starter message is seen too.
    pub guild_messages: bool,
    /// `message_content` (privileged: enable it in the Developer Portal first): the starter
    /// message's text, so matching reads the post's words, not only its title and tags.
    pub message_content: bool,
}

impl Default for Intents {
    /// `guilds,guild_messages`: the forum helper works on titles and tags, and nothing
    /// privileged is asked for (Discord refuses to connect a bot that asks for a privileged
    /// intent it was not granted).
    fn default() -> Intents {
        Intents {
            guilds: true,
            guild_messages: true,
            message_content: false,
        }
    }
}

impl Intents {
    /// Reads `DISCORD_INTENTS`' value.
    pub fn parse(raw: &str) -> Result<Intents, ConfigError> {
        let mut intents = Intents {
            guilds: false,
            guild_messages: false,
            message_content: false,
        };
        if raw.trim().eq_ignore_ascii_case("none") {
            return Ok(intents);
        }
        for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let slot = match name.to_ascii_lowercase().as_str() {
                "guilds" => &mut intents.guilds,
                "guild_messages" => &mut intents.guild_messages,
                "message_content" => &mut intents.message_content,
                _ => {
                    return Err(ConfigError::Invalid {
                        key: "DISCORD_INTENTS",
                        why: format!(
                            "`{name}` is not an intent pitcrew uses; list any of guilds, \
                             guild_messages, message_content (comma-separated), or none"
                        ),
                    })
                }
            };
            *slot = true;
        }
        Ok(intents)
    }
}
