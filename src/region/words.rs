//! The words around a region's numbers (the banner, "if anyone is in danger", "police: 110"),
//! in each language a member can read. They live here rather than in the Fluent files because
//! guide placeholders are filled by the engine, which sits below `i18n`; the numbers stay in
//! `numbers.rs` and are only ever put into these sentences, never written in them.
//!
//! The German here is not a native speaker's: review it together with `locales/de/` and the
//! `content/*.de.toml` translations.

use super::numbers::{Also, Place, Police, Station, SIDE_BY_SIDE};
use super::Region;

/// A language the region's words are written in. `guide::Lang` maps onto it; it is its own
/// type so that `region` keeps using nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Speech {
    #[default]
    En,
    De,
}

/// `also` as said in `speech`. A free function, not a method, so `numbers` (which defines the
/// type) does not depend on this module.
fn also_said(also: Also, speech: Speech) -> String {
    match (also, speech) {
        (Also::Or(n), Speech::En) => format!("or {n}"),
        (Also::Or(n), Speech::De) => format!("oder {n}"),
        (Also::OrFromMobile(n), Speech::En) => format!("or {n} from a mobile"),
        (Also::OrFromMobile(n), Speech::De) => format!("oder {n} vom Handy"),
        (Also::Police(n), Speech::En) => format!("police: {n}"),
        (Also::Police(n), Speech::De) => format!("Polizei: {n}"),
        (Also::Ambulance(n), Speech::En) => format!("ambulance: {n}"),
        (Also::Ambulance(n), Speech::De) => format!("Rettungsdienst: {n}"),
    }
}

/// `place` as said in `speech`.
fn place_said(place: Place, speech: Speech) -> &'static str {
    match (place, speech) {
        (Place::UsCanada, Speech::En) => "the US/Canada",
        (Place::UsCanada, Speech::De) => "den USA/Kanada",
        (Place::Europe, Speech::En) => "Europe",
        (Place::Europe, Speech::De) => "Europa",
        (Place::Uk, Speech::En) => "the UK",
        (Place::Uk, Speech::De) => "Großbritannien",
        (Place::Australia, Speech::En) => "Australia",
        (Place::Australia, Speech::De) => "Australien",
        (Place::NewZealand, Speech::En) => "New Zealand",
        (Place::NewZealand, Speech::De) => "Neuseeland",
    }
}

/// The local station where there is no national non-emergency number, as said after "call".
fn station_said(station: Station, speech: Speech) -> &'static str {
    match (station, speech) {
        (Station::Police, Speech::En) => "your local police station",
        // Germany, Austria, Switzerland, Belgium, Spain: no national non-emergency number.
        (Station::Police, Speech::De) => "Ihre örtliche Polizeidienststelle",
        (Station::Garda, Speech::En) => "your local Garda station",
        (Station::Garda, Speech::De) => "Ihre örtliche Garda-Wache",
        (Station::PoliceOrGendarmerie, Speech::En) => "your local police or gendarmerie station",
        (Station::PoliceOrGendarmerie, Speech::De) => {
            "Ihr örtliches Kommissariat oder Ihre Gendarmerie"
        }
        (Station::PoliceOrCarabinieri, Speech::En) => "your local police or Carabinieri station",
        (Station::PoliceOrCarabinieri, Speech::De) => {
            "Ihre örtliche Polizei- oder Carabinieri-Dienststelle"
        }
    }
}

impl Region {
    /// The number to call, or for [`Region::Other`] the words for the local one.
    fn number(self, speech: Speech) -> &'static str {
        match (self.numbers().emergency, speech) {
            (Some(n), _) => n,
            (None, Speech::En) => "your local emergency number",
            (None, Speech::De) => "Ihre örtliche Notrufnummer",
        }
    }

    /// What goes in brackets after the number: the other numbers, or for [`Region::Other`]
    /// every number side by side with where it applies. Empty when there is nothing.
    fn also(self, speech: Speech) -> String {
        let n = self.numbers();
        if n.emergency.is_none() {
            // "in" is the same word in English and German.
            let all: Vec<String> = SIDE_BY_SIDE
                .iter()
                .map(|(number, place)| format!("{number} in {}", place_said(*place, speech)))
                .collect();
            return all.join(", ");
        }
        let all: Vec<String> = n.also.iter().map(|a| also_said(*a, speech)).collect();
        all.join(", ")
    }

    /// What to call in an emergency, as said after "call": `999 (or 112)`, `911`, or for
    /// [`Region::Other`] the numbers side by side. In English.
    pub fn emergency(self) -> String {
        self.emergency_in(Speech::En)
    }

    /// [`Region::emergency`] in `speech`.
    pub fn emergency_in(self, speech: Speech) -> String {
        let number = self.number(speech);
        match self.also(speech) {
            also if also.is_empty() => number.to_string(),
            also => format!("{number} ({also})"),
        }
    }

    /// The line that opens every emergency screen: the action first, the number written out.
    /// In English.
    pub fn banner(self) -> String {
        self.banner_in(Speech::En)
    }

    /// [`Region::banner`] in `speech`.
    pub fn banner_in(self, speech: Speech) -> String {
        let number = self.number(speech);
        let also = match self.also(speech) {
            also if also.is_empty() => String::new(),
            also => format!(" ({also})"),
        };
        match speech {
            Speech::En => {
                format!("🚨 **EMERGENCY: call {number} now**{also} if anyone may be in danger.")
            }
            Speech::De => format!(
                "🚨 **NOTFALL: Rufen Sie jetzt {number} an**{also}, wenn jemand in Gefahr sein könnte."
            ),
        }
    }

    /// Who helps at the roadside, as said after "call" (in German in the accusative: "rufen
    /// Sie … an"). The English is the table's own; the German names the same services.
    pub fn roadside_in(self, speech: Speech) -> &'static str {
        match speech {
            Speech::En => self.numbers().roadside,
            Speech::De => self.roadside_de(),
        }
    }

    fn roadside_de(self) -> &'static str {
        match self {
            Region::Us => "einen Pannendienst (AAA, Ihre Versicherung oder den Dienst Ihres Herstellers)",
            Region::Ca => "einen Pannendienst (CAA, Ihre Versicherung oder den Dienst Ihres Herstellers)",
            Region::Gb => "einen Pannendienst (AA, RAC, Green Flag oder Ihre Versicherung)",
            Region::Ie => "einen Pannendienst (AA Ireland oder Ihre Versicherung)",
            Region::De => "einen Pannendienst (ADAC, Ihren Automobilclub oder Ihre Versicherung)",
            Region::At => "einen Pannendienst (ÖAMTC, ARBÖ oder Ihre Versicherung)",
            Region::Ch => "einen Pannendienst (TCS oder Ihre Versicherung)",
            Region::Fr => "den Pannendienst Ihrer Versicherung (auf der Autobahn über die orangefarbenen Notrufsäulen)",
            Region::Nl => "einen Pannendienst (ANWB Wegenwacht oder Ihre Versicherung)",
            Region::Be => "einen Pannendienst (Touring, VAB oder Ihre Versicherung)",
            Region::Es => "den Pannendienst Ihrer Versicherung (asistencia en carretera)",
            Region::It => "einen Pannendienst (ACI oder Ihre Versicherung)",
            Region::Au => "einen Pannendienst (NRMA, RACV, RACQ, RAA, RAC WA oder Ihre Versicherung)",
            Region::Nz => "einen Pannendienst (AA Roadservice oder Ihre Versicherung)",
            Region::Other => "einen Pannendienst (Ihren Automobilclub oder Ihre Versicherung)",
        }
    }

    /// The police for what is not an emergency, as said after "call" (in German in the
    /// accusative: "rufen Sie … an"): `the police on 101`, `die Polizei unter 101`.
    pub fn police_non_emergency_in(self, speech: Speech) -> String {
        match (self.numbers().police, speech) {
            (Police::Number(n), Speech::En) => format!("the police on {n}"),
            (Police::Number(n), Speech::De) => format!("die Polizei unter {n}"),
            (Police::AssistanceLine(n), Speech::En) => {
                format!("the Police Assistance Line on {n}")
            }
            (Police::AssistanceLine(n), Speech::De) => {
                format!("die Police Assistance Line der Polizei unter {n}")
            }
            (Police::LocalLine, Speech::En) => "your local police non-emergency line".into(),
            (Police::LocalLine, Speech::De) => {
                "die Nicht-Notruf-Nummer Ihrer örtlichen Polizei".into()
            }
            (Police::Station(s), speech) => station_said(s, speech).into(),
        }
    }

    /// "If anyone is in danger, call … now." for the notes around a guide. In English.
    pub fn in_danger(self) -> String {
        self.in_danger_in(Speech::En)
    }

    /// [`Region::in_danger`] in `speech`.
    pub fn in_danger_in(self, speech: Speech) -> String {
        let emergency = self.emergency_in(speech);
        match speech {
            Speech::En => format!("If anyone is in danger, call {emergency} now."),
            Speech::De => format!("Wenn jemand in Gefahr ist, rufen Sie jetzt {emergency} an."),
        }
    }
}

impl Region {
    /// The country's name in `speech` (the setup's choices, `/pitcrew status`).
    pub fn name_in(self, speech: Speech) -> &'static str {
        match speech {
            Speech::En => self.name(),
            Speech::De => match self {
                Region::Us => "Vereinigte Staaten",
                Region::Ca => "Kanada",
                Region::Gb => "Vereinigtes Königreich",
                Region::Ie => "Irland",
                Region::De => "Deutschland",
                Region::At => "Österreich",
                Region::Ch => "Schweiz",
                Region::Fr => "Frankreich",
                Region::Nl => "Niederlande",
                Region::Be => "Belgien",
                Region::Es => "Spanien",
                Region::It => "Italien",
                Region::Au => "Australien",
                Region::Nz => "Neuseeland",
                Region::Other => "Andere (die Nummern nebeneinander zeigen)",
            },
        }
    }
}
