//! Which region's numbers a Discord screen gives: the server's setup when a moderator chose
//! one, else the member's Discord locale where it is clear, else all of them side by side
//! ([`Region::resolve`]). Worked out at most once per interaction, and only when a screen
//! needs it, so a press on an ordinary step costs no extra read.

use std::sync::OnceLock;

use serenity::all::GuildId;

use crate::desk::Desk;
use crate::domain::Region;
use crate::guide::Lang;
use crate::region::placeholders;
use crate::triage::View;

/// The reader of one interaction: where they are and what their Discord speaks.
pub struct Reader<'a> {
    desk: &'a Desk,
    guild: Option<GuildId>,
    locale: &'a str,
    resolved: OnceLock<Region>,
}

impl<'a> Reader<'a> {
    pub fn new(desk: &'a Desk, guild: Option<GuildId>, locale: &'a str) -> Reader<'a> {
        Reader {
            desk,
            guild,
            locale,
            resolved: OnceLock::new(),
        }
    }

    /// The language this reader's Discord is set to, as far as guides speak it.
    pub fn lang(&self) -> Lang {
        Lang::from_discord_locale(self.locale)
    }

    /// The region this reader's screens use.
    pub async fn region(&self) -> Region {
        if let Some(r) = self.resolved.get() {
            return *r;
        }
        let server = match self.guild {
            None => None,
            // A store that cannot answer must not keep a number off an emergency screen: the
            // locale (or the side-by-side text) stands in.
            Some(g) => match self.desk.store().guild_setup(g.into()).await {
                Ok(setup) => setup.and_then(|s| s.region),
                Err(e) => {
                    tracing::warn!(error = %e, "could not read the server's region");
                    None
                }
            },
        };
        *self
            .resolved
            .get_or_init(|| Region::resolve(server, Some(self.locale)))
    }

    /// The region `view` needs to be drawn: only an emergency screen or text with
    /// placeholders asks the store; any other screen reads the same in every region.
    pub async fn region_for(&self, view: &View) -> Region {
        let has_placeholder = !placeholders(&view.text).is_empty()
            || view
                .choices
                .iter()
                .any(|c| !placeholders(&c.label).is_empty());
        if view.flags.emergency || has_placeholder {
            self.region().await
        } else {
            Region::Other
        }
    }
}

/// The region from the locale alone, for answers given without the store (a restart).
pub fn from_locale(locale: &str) -> Region {
    Region::resolve(None, Some(locale))
}
