//! The languages pitcrew speaks. A closed set on purpose: a language needs its Fluent strings
//! (`locales/`) as well as guide translations, so adding one is a code change that the
//! compiler walks through every `match`.

use std::fmt;
use std::str::FromStr;

/// A language a member can read pitcrew in. Guides are written in [`Lang::GUIDES`]; every
/// other language is a translation that falls back to it, text by text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// English: the language guides are written in and the fallback for everything.
    #[default]
    En,
    /// German.
    De,
}

impl Lang {
    /// Every language, the guides' own first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];
    /// The language guide files are written in.
    pub const GUIDES: Lang = Lang::En;

    /// The tag used in file names (`guide.de.toml`, `locales/de/`) and on the command line.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language for a Discord locale (`de`, `en-US`, `en-GB`, …). Discord sends a locale
    /// with every interaction; one we do not speak reads the guides' own language.
    pub fn from_discord_locale(locale: &str) -> Lang {
        Lang::from_tag_prefix(locale).unwrap_or(Lang::GUIDES)
    }

    /// The language of a POSIX locale such as `de_DE.UTF-8` (the `LANG` variable); `None`
    /// for `C`, `POSIX` or a language we do not speak.
    pub fn from_posix_locale(locale: &str) -> Option<Lang> {
        Lang::from_tag_prefix(locale)
    }

    /// The primary language subtag (`de` of `de-AT`, `de_DE.UTF-8`), case-insensitively.
    fn from_tag_prefix(locale: &str) -> Option<Lang> {
        let primary = locale
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default();
        primary.parse().ok()
    }
}

/// The language the region's words (the banner, "police: 110") are said in.
impl From<Lang> for crate::region::Speech {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::En => crate::region::Speech::En,
            Lang::De => crate::region::Speech::De,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A language tag pitcrew does not speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
        write!(
            f,
            "unknown language `{}`; pitcrew speaks {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// An exact tag, ignoring case: `de`, `EN`.
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownLang(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discord_locales_pick_german_or_fall_back() {
        assert_eq!(Lang::from_discord_locale("de"), Lang::De);
        assert_eq!(Lang::from_discord_locale("en-US"), Lang::En);
        assert_eq!(Lang::from_discord_locale("en-GB"), Lang::En);
        assert_eq!(Lang::from_discord_locale("fr"), Lang::En);
        assert_eq!(Lang::from_discord_locale(""), Lang::En);
    }

    #[test]
    fn posix_locales_and_tags() {
        assert_eq!(Lang::from_posix_locale("de_DE.UTF-8"), Some(Lang::De));
        assert_eq!(Lang::from_posix_locale("C"), None);
        assert_eq!("DE".parse::<Lang>(), Ok(Lang::De));
        assert!("deu".parse::<Lang>().is_err());
        assert_eq!(Lang::De.to_string(), "de");
    }
}
