//! The numbers and words of each region. Someone in danger reads these, so every number was
//! checked against an official source (or the service's own) when it was written here, and
//! re-read (2026-12-03) against the public pages named after "also":
//!
//! - US 911: <https://www.911.gov/> (no national police non-emergency number; local lines);
//!   also county pages quoting 911.gov: <https://www.skowhegan.org/FAQ.aspx?QID=95>.
//! - CA 911: <https://crtc.gc.ca/eng/phone/911/> (CRTC, 9-1-1 services); also the CRTC's
//!   letter of 2024 on 9-1-1: <https://crtc.gc.ca/eng/archive/2024/lt240125.htm>.
//! - GB 999 and 112 (same call centres), police non-emergency 101:
//!   <https://www.police.uk/pu/contact-us/>, <https://www.lincs.police.uk/> (999 danger, 101 not).
//! - IE 112 and 999: <https://www.gov.ie/> (Emergency Call Answering Service); no national Garda
//!   non-emergency number: <https://www.garda.ie/en/contact-us/> (the local station); also the
//!   HSE: <https://www2.hse.ie/emergencies/when-to-call-112-or-999/> ("two emergency numbers in
//!   Ireland — 112 and 999") and <http://www.112.ie/What_happens_/128>.
//! - EU 112 in every member state (DE, AT, FR, NL, BE, ES, IT):
//!   <https://digital-strategy.ec.europa.eu/en/policies/112>, and the Commission's FAQ
//!   <http://europa.eu/rapid/press-release_MEMO-05-363_en.htm>.
//! - DE 112 fire and ambulance, 110 police: <https://www.bmi.bund.de/> (Notrufnummern); also
//!   the fire services of Mainz and Bonn:
//!   <https://www.mainz.de/en/microsite/feuerwehr/buergerinformation/kontakt/Notfallnummern>,
//!   <https://international.bonn.de/services/fire-and-rescue-service/emergency-telephone-numbers.php>.
//! - AT 112 and 133 reach the police, 144 ambulance, 122 fire: the regulator
//!   <https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/informationen_fuer_konsumenten/TKKS_Notrufe.de.html>
//!   and <https://polizei.gv.at/>.
//! - CH 112 (the police control centre), 117 police, 118 fire, 144 ambulance:
//!   <https://ch.ch/en/road-accident-what-should-i-do>.
//! - FR 112, 15 SAMU, 17 police, 18 pompiers; non-urgent: the nearest commissariat or
//!   gendarmerie: <https://www.service-public.fr/particuliers/vosdroits/F33954>.
//! - NL 112, police non-emergency 0900-8844: <https://www.politie.nl/contact>; also a local
//!   police notice on 112 versus 0900-8844 (2017):
//!   <http://parkstadactueel.nl/2017/02/16/politie-nodig-waneer-belt-112-en-wanneer-0900-8844/>.
//! - AU 000 (112 from mobiles), Police Assistance Line 131 444 in every state and territory
//!   (Victoria since July 2019): <https://www.triplezero.gov.au/triple-zero/other-emergency-numbers>,
//!   <https://www.acma.gov.au/emergency-calls>,
//!   <https://www.police.wa.gov.au/contact-us/about-calling-000-and-131-444>.
//! - NZ 111, police non-emergency 105: <https://www.police.govt.nz/contact-us/calling-emergency-111>,
//!   <https://www.police.govt.nz/use-105>.
//!
//! Roadside words name the clubs and services members of each country know, kept modest: the
//! member's own insurer or carmaker's assistance is always as good an answer.

use super::Region;

/// What a region's screens say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbers {
    /// The number to call, written after "call" and in bold on the banner; `None` for
    /// [`Region::Other`], whose screens name [`SIDE_BY_SIDE`] instead.
    pub emergency: Option<&'static str>,
    /// Other numbers that reach help, said after it in brackets; empty when there are none
    /// worth a stressed reader's attention. Numbers only: the words around them are said in
    /// the reader's language (`Speech`).
    pub also: &'static [Also],
    /// The police for what is not an emergency: its number, or where to look for one. The
    /// words around it are said in the reader's language (`Region::police_non_emergency_in`).
    pub police: Police,
    /// Who helps with a broken-down car.
    pub roadside: &'static str,
}

/// Another number that reaches help, beside the emergency number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Also {
    /// Reaches the same help: "or 112".
    Or(&'static str),
    /// Reaches the same help from a mobile phone: "or 112 from a mobile".
    OrFromMobile(&'static str),
    /// The police directly.
    Police(&'static str),
    /// The ambulance directly.
    Ambulance(&'static str),
}

/// Who takes a police call that is not an emergency. Numbers only; the words are in `words.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Police {
    /// A national number the police answer: Police::Number("101").
    Number(&'static str),
    /// Australia's Police Assistance Line, a named national line.
    AssistanceLine(&'static str),
    /// No national number: each place has its own non-emergency line.
    LocalLine,
    /// No national number: the local station, named as people there call it.
    Station(Station),
}

/// What the local police station is called where there is no national number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Station {
    Police,
    Garda,
    PoliceOrGendarmerie,
    PoliceOrCarabinieri,
}

/// Where a number of [`SIDE_BY_SIDE`] is the one to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    UsCanada,
    Europe,
    Uk,
    Australia,
    NewZealand,
}

/// The numbers side by side, for a region we do not know.
pub const SIDE_BY_SIDE: [(&str, Place); 5] = [
    ("911", Place::UsCanada),
    ("112", Place::Europe),
    ("999", Place::Uk),
    ("000", Place::Australia),
    ("111", Place::NewZealand),
];

impl Region {
    pub fn numbers(self) -> Numbers {
        let (emergency, also, police, roadside): (_, &'static [Also], _, _) = match self {
            Region::Us => (
                Some("911"),
                &[],
                Police::LocalLine,
                "roadside assistance (AAA, your insurer or your carmaker's program)",
            ),
            Region::Ca => (
                Some("911"),
                &[],
                Police::LocalLine,
                "roadside assistance (CAA, your insurer or your carmaker's program)",
            ),
            Region::Gb => (
                Some("999"),
                &[Also::Or("112")],
                Police::Number("101"),
                "a breakdown service (AA, RAC, Green Flag or your insurer's)",
            ),
            Region::Ie => (
                Some("112"),
                &[Also::Or("999")],
                Police::Station(Station::Garda),
                "a breakdown service (AA Ireland or your insurer's)",
            ),
            Region::De => (
                Some("112"),
                &[Also::Police("110")],
                Police::Station(Station::Police),
                "a breakdown service (ADAC Pannenhilfe or your insurer's)",
            ),
            Region::At => (
                Some("112"),
                &[Also::Police("133"), Also::Ambulance("144")],
                Police::Station(Station::Police),
                "a breakdown service (ÖAMTC, ARBÖ or your insurer's)",
            ),
            Region::Ch => (
                Some("112"),
                &[Also::Police("117"), Also::Ambulance("144")],
                Police::Station(Station::Police),
                "a breakdown service (TCS or your insurer's)",
            ),
            Region::Fr => (
                Some("112"),
                &[Also::Ambulance("15"), Also::Police("17")],
                Police::Station(Station::PoliceOrGendarmerie),
                "your insurer's breakdown assistance (on a motorway, use the orange emergency phones)",
            ),
            Region::Nl => (
                Some("112"),
                &[],
                Police::Number("0900-8844"),
                "a breakdown service (ANWB Wegenwacht or your insurer's)",
            ),
            Region::Be => (
                Some("112"),
                &[],
                Police::Station(Station::Police),
                "a breakdown service (Touring, VAB or your insurer's)",
            ),
            Region::Es => (
                Some("112"),
                &[],
                Police::Station(Station::Police),
                "your insurer's roadside assistance (asistencia en carretera)",
            ),
            Region::It => (
                Some("112"),
                &[],
                Police::Station(Station::PoliceOrCarabinieri),
                "roadside assistance (ACI or your insurer's)",
            ),
            Region::Au => (
                Some("000"),
                &[Also::OrFromMobile("112")],
                Police::AssistanceLine("131 444"),
                "roadside assistance (NRMA, RACV, RACQ, RAA, RAC WA or your insurer's)",
            ),
            Region::Nz => (
                Some("111"),
                &[],
                Police::Number("105"),
                "roadside assistance (AA Roadservice or your insurer's)",
            ),
            Region::Other => (
                None,
                &[],
                Police::LocalLine,
                "roadside assistance (your motoring club or insurer)",
            ),
        };
        Numbers {
            emergency,
            also,
            police,
            roadside,
        }
    }
}
