//! The member's car, as they told it once: make, model, year and key type.
//!
//! Make and key type are small closed vocabularies rather than free text because guides match
//! on them (`when = { key = "clamshell" }`): a typo on either side must be an error somebody
//! sees, not a condition that silently never fits. The model stays free text: it is shown to
//! volunteers, never matched.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// Makes the shipped guides are written for. Adding one is a one-line change here; `check`
/// and the `/car` command pick it up from [`Make::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Make {
    Bmw,
    Mini,
}

/// How the car is opened and started, in the words owners use. Only the distinctions the
/// guides need: which battery can be swapped, whether the car senses the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyType {
    /// MINI 2002–2004: rounded remote that opens up to a coin cell, turned in the ignition.
    Clamshell,
    /// MINI first generation from 2005 (R50/R53 hatch to 2006, R52 convertible to 2008): flat
    /// remote with a metal blade turned in the ignition, sealed self-charging battery. Not the
    /// 2007-on R56 hatch, which has a start button: the label says what the key looks like.
    FlatKey,
    /// Later MINIs: the round key pushed into a slot, or a start button.
    SmartKey,
    /// Keyless entry: the car senses the key (BMW and MINI "Comfort Access").
    ComfortAccess,
    /// BMW key with a touch screen.
    DisplayKey,
    /// A plain remote with lock buttons and no keyless entry.
    RemoteKey,
}

/// Years a guide or a car can name. Outside this, a number is a typo, not a car.
pub const YEAR_MIN: u16 = 1950;
pub const YEAR_MAX: u16 = 2100;
/// The model is shown to volunteers on a card and in a field; short keeps it one line.
pub const MODEL_MAX_CHARS: usize = 40;
/// The same bound as Discord's option length takes it.
pub const MODEL_MAX_CHARS_U16: u16 = 40;

/// A member's car. Only `make` is required: a member who does not know their key type still
/// gets the guides ranked for their make, and an unknown field never hides anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Car {
    pub make: Make,
    model: Option<String>,
    pub year: Option<u16>,
    pub key: Option<KeyType>,
}

/// Why a car as told cannot be kept; each says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CarError {
    #[error("unknown make `{0}`: pitcrew knows {known}", known = Make::names())]
    UnknownMake(String),
    #[error("unknown key type `{0}`: pitcrew knows {known}", known = KeyType::names())]
    UnknownKey(String),
    #[error("the year must be a number between {YEAR_MIN} and {YEAR_MAX}")]
    Year,
    #[error("the model is longer than {MODEL_MAX_CHARS} characters")]
    ModelTooLong,
    #[error("a {} has no {} key", .make, .key)]
    KeyNotForMake { make: Make, key: KeyType },
}

impl Make {
    pub const ALL: [Make; 2] = [Make::Bmw, Make::Mini];

    /// The stable name kept in the store and written in guides.
    pub fn as_str(self) -> &'static str {
        match self {
            Make::Bmw => "BMW",
            Make::Mini => "MINI",
        }
    }

    fn names() -> String {
        list(Make::ALL.iter().map(|m| m.as_str()))
    }
}

impl FromStr for Make {
    type Err = CarError;

    /// Case-insensitive: owners write "Mini" as often as "MINI".
    fn from_str(s: &str) -> Result<Make, CarError> {
        Make::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| CarError::UnknownMake(s.to_string()))
    }
}

impl fmt::Display for Make {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl KeyType {
    pub const ALL: [KeyType; 6] = [
        KeyType::Clamshell,
        KeyType::FlatKey,
        KeyType::SmartKey,
        KeyType::ComfortAccess,
        KeyType::DisplayKey,
        KeyType::RemoteKey,
    ];

    /// The stable name kept in the store and written in guides' conditions.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::Clamshell => "clamshell",
            KeyType::FlatKey => "flat-key",
            KeyType::SmartKey => "smart-key",
            KeyType::ComfortAccess => "comfort-access",
            KeyType::DisplayKey => "display-key",
            KeyType::RemoteKey => "remote-key",
        }
    }

    /// The words a member reads when picking it.
    pub fn label(self) -> &'static str {
        match self {
            KeyType::Clamshell => "MINI rounded clamshell turned in the ignition (2002–2004)",
            KeyType::FlatKey => "MINI flat key turned in the ignition (2005–2008)",
            KeyType::SmartKey => "MINI fob pushed into a slot, or start button",
            KeyType::ComfortAccess => "Comfort Access (keyless entry)",
            KeyType::DisplayKey => "BMW display key",
            KeyType::RemoteKey => "Remote with lock buttons, no keyless",
        }
    }

    /// Whether this key exists on cars of `make`; a BMW clamshell is a slip of the finger.
    pub fn fits_make(self, make: Make) -> bool {
        match self {
            KeyType::Clamshell | KeyType::FlatKey | KeyType::SmartKey => make == Make::Mini,
            KeyType::DisplayKey => make == Make::Bmw,
            KeyType::ComfortAccess | KeyType::RemoteKey => true,
        }
    }

    fn names() -> String {
        list(KeyType::ALL.iter().map(|k| k.as_str()))
    }
}

impl FromStr for KeyType {
    type Err = CarError;

    fn from_str(s: &str) -> Result<KeyType, CarError> {
        KeyType::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| CarError::UnknownKey(s.to_string()))
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Car {
    /// A car as a member told it: the model trimmed (empty means not given), the year within
    /// [`YEAR_MIN`]..=[`YEAR_MAX`], and a key that exists on that make.
    pub fn new(
        make: Make,
        model: Option<&str>,
        year: Option<u16>,
        key: Option<KeyType>,
    ) -> Result<Car, CarError> {
        let model = model.map(str::trim).filter(|m| !m.is_empty());
        if model.is_some_and(|m| m.chars().count() > MODEL_MAX_CHARS) {
            return Err(CarError::ModelTooLong);
        }
        if year.is_some_and(|y| !(YEAR_MIN..=YEAR_MAX).contains(&y)) {
            return Err(CarError::Year);
        }
        if let Some(key) = key.filter(|k| !k.fits_make(make)) {
            return Err(CarError::KeyNotForMake { make, key });
        }
        Ok(Car {
            make,
            model: model.map(str::to_string),
            year,
            key,
        })
    }

    pub fn model(&self) -> Option<&str> {
        self.model.as_deref()
    }
}

/// One line for cards and screens, e.g. `MINI Cooper 2006, flat-key key`.
impl fmt::Display for Car {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.make.as_str())?;
        if let Some(model) = &self.model {
            write!(f, " {model}")?;
        }
        if let Some(year) = self.year {
            write!(f, " {year}")?;
        }
        if let Some(key) = self.key {
            write!(f, ", {key} key")?;
        }
        Ok(())
    }
}

/// Parses the terminal's one-line form, `MAKE [MODEL…] [YEAR] [KEY]`, e.g.
/// `MINI Cooper S 2006 flat-key`: the first word is the make, a last word naming a key type is
/// the key, a four-digit word is the year, and what is left is the model.
impl FromStr for Car {
    type Err = CarError;

    fn from_str(s: &str) -> Result<Car, CarError> {
        let mut words: Vec<&str> = s.split_whitespace().collect();
        if words.is_empty() {
            return Err(CarError::UnknownMake(String::new()));
        }
        let make: Make = words.remove(0).parse()?;
        let key = match words.last().map(|w| w.parse::<KeyType>()) {
            Some(Ok(key)) => {
                words.pop();
                Some(key)
            }
            _ => None,
        };
        let year_at = words
            .iter()
            .position(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
        let year = match year_at {
            Some(i) => Some(words.remove(i).parse::<u16>().map_err(|_| CarError::Year)?),
            None => None,
        };
        let model = words.join(" ");
        Car::new(make, Some(&model), year, key)
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_form_parses_make_model_year_key() {
        let car: Car = "mini Cooper S 2006 flat-key".parse().expect("a car");
        assert_eq!(car.make, Make::Mini);
        assert_eq!(car.model(), Some("Cooper S"));
        assert_eq!(car.year, Some(2006));
        assert_eq!(car.key, Some(KeyType::FlatKey));
        assert_eq!(car.to_string(), "MINI Cooper S 2006, flat-key key");
        let bare: Car = "BMW".parse().expect("make alone");
        assert_eq!((bare.model(), bare.year, bare.key), (None, None, None));
    }

    #[test]
    fn refuses_unknown_make_key_for_another_make_and_odd_years() {
        assert!(matches!(
            "Tesla 3".parse::<Car>(),
            Err(CarError::UnknownMake(_))
        ));
        assert_eq!(
            "BMW 2010 clamshell".parse::<Car>(),
            Err(CarError::KeyNotForMake {
                make: Make::Bmw,
                key: KeyType::Clamshell
            })
        );
        assert_eq!("MINI 1066".parse::<Car>(), Err(CarError::Year));
        assert_eq!(
            Car::new(Make::Mini, Some(&"x".repeat(41)), None, None),
            Err(CarError::ModelTooLong)
        );
    }
}
