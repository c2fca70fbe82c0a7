//! Countries and regions: which emergency number a member should call, and the words for the
//! other help around them. Plain data that uses no other module, so guides (`check`), the
//! engine's views, the domain's server setup, the handoff texts and both front ends all draw
//! the number from this one place.
//!
//! [`Region::Other`] is also what an unknown region resolves to: it names the numbers side by
//! side, so a member whose country we cannot tell still reads theirs.

mod fill;
mod numbers;
pub mod redact;
mod words;

use std::fmt;
use std::str::FromStr;

pub use fill::{fill, fill_in, literal_numbers, placeholders, Placeholder, LITERAL_NUMBERS};
pub use numbers::{Also, Numbers, Place, Police, Station, SIDE_BY_SIDE};
pub use words::Speech;

/// A country (or "other") a server or a member is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    Us,
    Ca,
    Gb,
    Ie,
    De,
    At,
    Ch,
    Fr,
    Nl,
    Be,
    Es,
    It,
    Au,
    Nz,
    /// Not listed, or not known: the screen names the numbers side by side.
    Other,
}

impl Region {
    /// Every region, in the order the setup command lists them.
    pub const ALL: [Region; 15] = [
        Region::Us,
        Region::Ca,
        Region::Gb,
        Region::Ie,
        Region::De,
        Region::At,
        Region::Ch,
        Region::Fr,
        Region::Nl,
        Region::Be,
        Region::Es,
        Region::It,
        Region::Au,
        Region::Nz,
        Region::Other,
    ];

    /// The code stored in the database and offered in setup: ISO 3166-1 alpha-2, or `OTHER`.
    pub fn code(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Ca => "CA",
            Region::Gb => "GB",
            Region::Ie => "IE",
            Region::De => "DE",
            Region::At => "AT",
            Region::Ch => "CH",
            Region::Fr => "FR",
            Region::Nl => "NL",
            Region::Be => "BE",
            Region::Es => "ES",
            Region::It => "IT",
            Region::Au => "AU",
            Region::Nz => "NZ",
            Region::Other => "OTHER",
        }
    }

    /// The name a moderator picks from (at most 100 characters, Discord's choice name limit).
    pub fn name(self) -> &'static str {
        match self {
            Region::Us => "United States",
            Region::Ca => "Canada",
            Region::Gb => "United Kingdom",
            Region::Ie => "Ireland",
            Region::De => "Germany",
            Region::At => "Austria",
            Region::Ch => "Switzerland",
            Region::Fr => "France",
            Region::Nl => "Netherlands",
            Region::Be => "Belgium",
            Region::Es => "Spain",
            Region::It => "Italy",
            Region::Au => "Australia",
            Region::Nz => "New Zealand",
            Region::Other => "Other (show the numbers side by side)",
        }
    }

    /// A code as typed by a person or stored by us: case and surrounding spaces ignored, and
    /// `UK` taken for `GB` because that is what people in the UK type.
    pub fn parse(code: &str) -> Option<Region> {
        let code = code.trim().to_ascii_uppercase();
        if code == "UK" {
            return Some(Region::Gb);
        }
        Region::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The region a Discord locale points to, only where it is clear. `en-US` and `en-GB` name
    /// a country; `de`, `fr`, `nl` and `it` are taken for the country where most of their
    /// speakers on our clubs live, which is safe for the number because the neighbours that
    /// share the language (AT, CH, BE) use the same 112. Spanish for Latin America (`es-419`),
    /// and every language we have no region for, tell nothing: `None`.
    pub fn from_locale(locale: &str) -> Option<Region> {
        match locale
            .trim()
            .replace('_', "-")
            .to_ascii_lowercase()
            .as_str()
        {
            "en-us" => Some(Region::Us),
            "en-gb" => Some(Region::Gb),
            "de" | "de-de" => Some(Region::De),
            "fr" | "fr-fr" => Some(Region::Fr),
            "nl" | "nl-nl" => Some(Region::Nl),
            "es-es" => Some(Region::Es),
            "it" | "it-it" => Some(Region::It),
            _ => None,
        }
    }

    /// The region a screen uses: the server's when a moderator set one (even `Other`: they
    /// know their members are spread out), else the member's locale where it is clear, else
    /// the numbers side by side.
    pub fn resolve(server: Option<Region>, locale: Option<&str>) -> Region {
        server
            .or_else(|| locale.and_then(Region::from_locale))
            .unwrap_or(Region::Other)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing a region code: names what would have been accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRegion(pub String);

impl fmt::Display for UnknownRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = Region::ALL.iter().map(|r| r.code()).collect();
        write!(
            f,
            "`{}` is not a region pitcrew knows; use one of {}",
            self.0,
            codes.join(", ")
        )
    }
}

impl std::error::Error for UnknownRegion {}

impl FromStr for Region {
    type Err = UnknownRegion;

    fn from_str(s: &str) -> Result<Region, UnknownRegion> {
        Region::parse(s).ok_or_else(|| UnknownRegion(s.to_string()))
    }
}

#[cfg(test)]
mod tests;
