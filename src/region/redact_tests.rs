//! The redaction table: each row is what a member might type, the region of the server, and
//! what the volunteers' card shows. Near-misses (model names, years, mileages, dates, the
//! emergency numbers themselves) must come through untouched.

use super::*;

const M: &str = MASK;

fn table() -> Vec<(Region, &'static str, String)> {
    let masked = |s: &str| s.replace("{M}", M);
    vec![
        // VINs: 17 characters, no I, O or Q, letters and digits mixed.
        (
            Region::Gb,
            "VIN WBA3A5C51CF256985 thanks",
            masked("VIN {M} thanks"),
        ),
        (Region::Us, "vin is 1hgcm82633a004352", masked("vin is {M}")),
        (Region::Us, "WBA3A5C51CF25698", "WBA3A5C51CF25698".into()), // 16: not a VIN
        (
            Region::Us,
            "WBA3A5C51CF2569851",
            "WBA3A5C51CF2569851".into(),
        ), // 18
        (Region::Us, "WBA3A5C51CF25698O", "WBA3A5C51CF25698O".into()), // has an O
        (Region::Us, "internationalized", "internationalized".into()), // letters only
        // Phone numbers in the ways people write them.
        (
            Region::Gb,
            "call me on 07700 900123 please",
            masked("call me on {M} please"),
        ),
        (Region::Gb, "ring +44 7700 900123", masked("ring {M}")),
        (Region::De, "Handy 0151 23456789", masked("Handy {M}")),
        (Region::De, "Tel. +49 (0)30 1234567", masked("Tel. {M}")),
        (Region::Us, "text 555-123-4567", masked("text {M}")),
        (
            Region::Us,
            "(555) 123-4567 is my cell",
            masked("{M} is my cell"),
        ),
        (Region::Au, "mobile 0412 345 678", masked("mobile {M}")),
        // Near-misses: emergency numbers, years, mileage, dates, times.
        (
            Region::Gb,
            "I called 999 and 112",
            "I called 999 and 112".into(),
        ),
        (
            Region::Us,
            "my 2019 MINI at 120,000 miles",
            "my 2019 MINI at 120,000 miles".into(),
        ),
        (
            Region::De,
            "seit 01.05.2024 kaputt",
            "seit 01.05.2024 kaputt".into(),
        ),
        (Region::Us, "since 2024-05-01", "since 2024-05-01".into()),
        (
            Region::Us,
            "waited 10 - 15 minutes",
            "waited 10 - 15 minutes".into(),
        ),
        // Plates, in the formats of their countries.
        (Region::Gb, "plate AB12 CDE", masked("plate {M}")),
        (Region::Gb, "reg ab12cde", masked("reg {M}")),
        (
            Region::De,
            "Kennzeichen M-AB 1234",
            masked("Kennzeichen {M}"),
        ),
        (
            Region::De,
            "Kennzeichen B XY 123E",
            masked("Kennzeichen {M}"),
        ),
        (Region::Nl, "kenteken 12-ABC-3", masked("kenteken {M}")),
        (Region::Fr, "plaque AB-123-CD", masked("plaque {M}")),
        (Region::It, "targa AB 123 CD", masked("targa {M}")),
        (Region::Ie, "reg 191-D-12345", masked("reg {M}")),
        (Region::Es, "matrícula 1234 BCD", masked("matrícula {M}")),
        (Region::Us, "plate 7ABC123", masked("plate {M}")),
        (Region::Us, "plate ABC-1234", masked("plate {M}")),
        (Region::Ch, "Nummer ZH 123456", masked("Nummer {M}")),
        // Near-misses: models, engines, speeds, years beside makes.
        (Region::De, "BMW X5 von 2019", "BMW X5 von 2019".into()),
        (
            Region::Us,
            "E46 330i with the N52",
            "E46 330i with the N52".into(),
        ),
        (Region::Us, "2019 MINI R56", "2019 MINI R56".into()),
        (Region::Us, "BMW M340i", "BMW M340i".into()),
        (Region::Fr, "at 120 km/h", "at 120 km/h".into()),
        (Region::Es, "un 2019 BMW", "un 2019 BMW".into()),
        (Region::Nl, "sinds 2024-05-01", "sinds 2024-05-01".into()),
        (Region::Gb, "a well-to-do area", "a well-to-do area".into()),
        // Everything at once, and the member's words around it kept.
        (
            Region::Gb,
            "Silver MINI AB12 CDE, VIN WMWXM510X0T123456, call 07700 900123",
            masked("Silver MINI {M}, VIN {M}, call {M}"),
        ),
    ]
}

#[test]
fn the_table_masks_what_identifies_and_keeps_the_rest() {
    let mut wrong = Vec::new();
    for (region, typed, shown) in table() {
        let got = redact(typed, region);
        if got != shown {
            wrong.push(format!("{region:?} {typed:?}: got {got:?}, want {shown:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} rows wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_pattern_compiles() {
    // `patterns` leaves out one that does not compile; all ten must be there.
    assert_eq!(patterns().len(), 10);
}

#[test]
fn text_without_anything_to_mask_is_lent_back() {
    assert!(matches!(
        redact("my fob died", Region::Gb),
        Cow::Borrowed(_)
    ));
}
