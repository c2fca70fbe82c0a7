//! Car conditions: which cars a node, a choice or a whole guide is written for.
//!
//! The rule everywhere: a condition only rules a car out on what the member actually told.
//! No car saved, or a car without a key type, fits a `key` condition; so a member who said
//! nothing sees every step, as before conditions existed.

use std::fmt;
use std::str::FromStr;

use crate::domain::{Car, KeyType, Make};

/// The fields a `when` table may name, as moderators write them.
pub const WHEN_FIELDS: [&str; 3] = ["make", "key", "years"];

/// `when = { make = "MINI", key = ["flat-key", "smart-key"], years = "2005-2008" }`: every field
/// given must fit (and), any value listed for one field will do (or).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    pub makes: Vec<Make>,
    pub keys: Vec<KeyType>,
    pub years: Option<Years>,
}

/// Model years, both ends included: `2002-2004`, `2009-` (and later), `-2001`, or `2006`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    pub from: u16,
    pub to: u16,
}

impl When {
    /// Whether `car` may be one this is written for (see the module's rule).
    pub fn fits(&self, car: &Car) -> bool {
        let make = self.makes.is_empty() || self.makes.contains(&car.make);
        let key = match car.key {
            Some(key) => self.keys.is_empty() || self.keys.contains(&key),
            None => true,
        };
        let years = match (self.years, car.year) {
            (Some(range), Some(year)) => range.contains(year),
            _ => true,
        };
        make && key && years
    }

    /// Whether the condition narrows anything at all.
    pub fn is_empty(&self) -> bool {
        self.makes.is_empty() && self.keys.is_empty() && self.years.is_none()
    }
}

impl Years {
    pub fn contains(self, year: u16) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

/// Why a years value cannot be read; the checker turns it into a located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadYears;

impl FromStr for Years {
    type Err = BadYears;

    fn from_str(s: &str) -> Result<Years, BadYears> {
        use crate::domain::car::{YEAR_MAX, YEAR_MIN};
        let year = |w: &str, open: u16| -> Result<u16, BadYears> {
            let w = w.trim();
            if w.is_empty() {
                return Ok(open);
            }
            let y: u16 = w.parse().map_err(|_| BadYears)?;
            (YEAR_MIN..=YEAR_MAX)
                .contains(&y)
                .then_some(y)
                .ok_or(BadYears)
        };
        // Moderators type an en dash as often as a hyphen.
        let s = s.trim().replace(['–', '—'], "-");
        if s.is_empty() || s == "-" {
            return Err(BadYears);
        }
        let (from, to) = match s.split_once('-') {
            Some((from, to)) => (year(from, YEAR_MIN)?, year(to, YEAR_MAX)?),
            None => {
                let y = year(&s, YEAR_MIN)?;
                (y, y)
            }
        };
        if from > to {
            return Err(BadYears);
        }
        Ok(Years { from, to })
    }
}

impl fmt::Display for Years {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.from, self.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn car(s: &str) -> Car {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn years_read_ranges_open_ends_and_single_years() {
        assert_eq!(
            "2002-2004".parse(),
            Ok(Years {
                from: 2002,
                to: 2004
            })
        );
        assert_eq!(
            "2002–2004".parse(),
            Ok(Years {
                from: 2002,
                to: 2004
            })
        );
        assert_eq!(
            "2009-".parse(),
            Ok(Years {
                from: 2009,
                to: 2100
            })
        );
        assert_eq!(
            "2006".parse(),
            Ok(Years {
                from: 2006,
                to: 2006
            })
        );
        for bad in ["", "-", "2004-2002", "soon", "20066"] {
            assert_eq!(bad.parse::<Years>(), Err(BadYears), "{bad:?}");
        }
    }

    #[test]
    fn a_condition_rules_out_only_on_what_the_car_tells() {
        let clamshell = When {
            keys: vec![KeyType::Clamshell],
            years: Some(Years {
                from: 2002,
                to: 2004,
            }),
            ..When::default()
        };
        assert!(clamshell.fits(&car("MINI clamshell")));
        assert!(clamshell.fits(&car("MINI Cooper 2003")));
        assert!(clamshell.fits(&car("MINI")));
        assert!(!clamshell.fits(&car("MINI flat-key")));
        assert!(!clamshell.fits(&car("MINI One 2006")));
    }
}
