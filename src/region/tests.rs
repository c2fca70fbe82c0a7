use super::*;

#[test]
fn clear_locales_pick_their_country_and_the_rest_pick_nothing() {
    assert_eq!(Region::from_locale("en-GB"), Some(Region::Gb));
    assert_eq!(Region::from_locale("en-US"), Some(Region::Us));
    assert_eq!(Region::from_locale("de"), Some(Region::De));
    assert_eq!(Region::from_locale("fr"), Some(Region::Fr));
    assert_eq!(Region::from_locale("nl"), Some(Region::Nl));
    assert_eq!(Region::from_locale("es-ES"), Some(Region::Es));
    assert_eq!(Region::from_locale("it"), Some(Region::It));
    assert_eq!(Region::from_locale("en_GB"), Some(Region::Gb));
    for unclear in ["en", "es-419", "pt-BR", "ja", "", "english", "de-XX-"] {
        assert_eq!(Region::from_locale(unclear), None, "{unclear}");
    }
}

#[test]
fn codes_parse_both_ways_and_uk_means_gb() {
    for r in Region::ALL {
        assert_eq!(Region::parse(r.code()), Some(r));
        assert_eq!(Region::parse(&r.code().to_lowercase()), Some(r));
        assert_eq!(r.code().parse::<Region>(), Ok(r));
        assert!(r.name().chars().count() <= 100);
    }
    assert_eq!(Region::parse(" uk "), Some(Region::Gb));
    assert_eq!(Region::parse("gb"), Some(Region::Gb));
    assert_eq!(Region::parse("XX"), None);
    let err = "narnia".parse::<Region>().unwrap_err().to_string();
    assert!(err.contains("GB") && err.contains("narnia"), "{err}");
}

#[test]
fn the_server_wins_then_the_locale_then_side_by_side() {
    assert_eq!(Region::resolve(Some(Region::Gb), Some("en-US")), Region::Gb);
    assert_eq!(
        Region::resolve(Some(Region::Other), Some("de")),
        Region::Other
    );
    assert_eq!(Region::resolve(None, Some("de")), Region::De);
    assert_eq!(Region::resolve(None, Some("es-419")), Region::Other);
    assert_eq!(Region::resolve(None, None), Region::Other);
}

#[test]
fn each_region_names_its_own_number_first() {
    let first = |r: Region| r.numbers().emergency.unwrap_or_default();
    assert_eq!(first(Region::Us), "911");
    assert_eq!(first(Region::Ca), "911");
    assert_eq!(first(Region::Gb), "999");
    assert_eq!(Region::Gb.emergency(), "999 (or 112)");
    assert_eq!(first(Region::Au), "000");
    assert_eq!(first(Region::Nz), "111");
    for eu in [
        Region::Ie,
        Region::De,
        Region::At,
        Region::Ch,
        Region::Fr,
        Region::Nl,
        Region::Be,
        Region::Es,
        Region::It,
    ] {
        assert_eq!(first(eu), "112", "{eu}");
    }
    assert_eq!(
        Region::Gb.police_non_emergency_in(Speech::En),
        "the police on 101"
    );
    assert_eq!(
        Region::Nz.police_non_emergency_in(Speech::En),
        "the police on 105"
    );
    assert_eq!(
        Region::Au.police_non_emergency_in(Speech::En),
        "the Police Assistance Line on 131 444"
    );
    assert!(Region::Gb
        .banner()
        .starts_with("🚨 **EMERGENCY: call 999 now** (or 112)"));
    assert!(Region::Us
        .banner()
        .starts_with("🚨 **EMERGENCY: call 911 now** if"));
}

#[test]
fn unknown_names_every_number_side_by_side() {
    let all = Region::Other.emergency();
    for n in [
        "911 in the US/Canada",
        "112 in Europe",
        "999 in the UK",
        "000 in Australia",
        "111 in New Zealand",
    ] {
        assert!(all.contains(n), "{all}");
        assert!(Region::Other.banner().contains(n));
    }
}

#[test]
fn fill_replaces_known_placeholders_and_keeps_the_rest() {
    let text =
        "**Call {emergency} now.** Then {roadside}; call {police_non_emergency}. {foo} {} {x";
    assert_eq!(
        fill(text, Region::Gb),
        "**Call 999 (or 112) now.** Then a breakdown service (AA, RAC, Green Flag or your \
         insurer's); call the police on 101. {foo} {} {x"
    );
    assert!(fill("Call {emergency}.", Region::Us) == "Call 911.");
    assert!(fill("{emergency}", Region::De).starts_with("112"));
    assert!(fill("{emergency}", Region::Other).contains("000 in Australia"));
    assert_eq!(fill("no braces, ünïcode", Region::Nz), "no braces, ünïcode");
}

#[test]
fn placeholders_are_found_with_their_offsets() {
    let found = placeholders("a {emergency} b {foo_bar} {} {Bad-one} {x");
    assert_eq!(found, vec![(2, "emergency"), (16, "foo_bar")]);
}

#[test]
fn literal_numbers_match_whole_numbers_only() {
    let found =
        literal_numbers("Call 911 now, or 112. Not 2000, 1,000, 112.5, E112, 9111 or 0001; 000!");
    let numbers: Vec<&str> = found.iter().map(|(_, n)| *n).collect();
    assert_eq!(numbers, vec!["911", "112", "000"]);
    assert_eq!(found[0].0, 5);
    assert!(literal_numbers("In 2000 a R53 had 111kW").is_empty());
    assert_eq!(literal_numbers("(999)").len(), 1);
}

#[test]
fn german_says_the_same_numbers_in_german_words() {
    assert_eq!(
        Region::De.banner_in(Speech::De),
        "🚨 **NOTFALL: Rufen Sie jetzt 112 an** (Polizei: 110), wenn jemand in Gefahr sein könnte."
    );
    assert_eq!(
        Region::At.emergency_in(Speech::De),
        "112 (Polizei: 133, Rettungsdienst: 144)"
    );
    assert_eq!(
        Region::Gb.in_danger_in(Speech::De),
        "Wenn jemand in Gefahr ist, rufen Sie jetzt 999 (oder 112) an."
    );
    let all = Region::Other.emergency_in(Speech::De);
    assert!(
        all.starts_with("Ihre örtliche Notrufnummer (911 in den USA/Kanada"),
        "{all}"
    );
    assert_eq!(
        fill_in("Rufen Sie {emergency} an.", Region::De, Speech::De),
        "Rufen Sie 112 (Polizei: 110) an."
    );
    // English stays as it was, word for word.
    assert_eq!(Region::De.emergency(), "112 (police: 110)");
    assert_eq!(Region::Au.emergency(), "000 (or 112 from a mobile)");
}

#[test]
fn the_police_non_emergency_is_said_in_the_readers_language_with_the_regions_number() {
    let text = "rufen Sie {police_non_emergency} an";
    assert_eq!(
        fill_in(text, Region::Gb, Speech::De),
        "rufen Sie die Polizei unter 101 an"
    );
    assert_eq!(
        fill_in(text, Region::De, Speech::De),
        "rufen Sie Ihre örtliche Polizeidienststelle an"
    );
    assert_eq!(
        fill("call {police_non_emergency}", Region::Nl),
        "call the police on 0900-8844"
    );
    for region in Region::ALL {
        let de = region.police_non_emergency_in(Speech::De);
        assert!(!de.contains("police "), "{region}: {de}");
    }
}
