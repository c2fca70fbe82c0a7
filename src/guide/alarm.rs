//! Whether a member's own words read as an emergency: a child or a pet locked in, someone
//! trapped or hurt, fire, smoke, a crash, in English or German. The forum helper reads every
//! new post with it and puts the region's emergency number first when it says yes.
//!
//! Erring towards yes is cheap (an emergency number shown to someone who did not need it, an
//! urgent card a volunteer closes), erring towards no is not; so the rules are plain word
//! lists, with only the negations and idioms people really write ("nobody is hurt", "no
//! smoke", "fire up the engine") taken out. The table of phrasings in the tests is the spec.

/// Words that are an emergency on their own, unless negated.
const DANGER: &[&str] = &[
    // English
    "fire",
    "fires",
    "flames",
    "flame",
    "burning",
    "smoke",
    "smoking",
    "smoky",
    "smouldering",
    "smoldering",
    "crash",
    "crashed",
    "collision",
    "collided",
    "accident",
    "injured",
    "injury",
    "hurt",
    "bleeding",
    "unconscious",
    "ambulance",
    // German
    "feuer",
    "brand",
    "brennt",
    "brennen",
    "flammen",
    "rauch",
    "raucht",
    "qualm",
    "qualmt",
    "unfall",
    "zusammenstoß",
    "zusammenstoss",
    "verletzt",
    "verletzung",
    "blutet",
    "bewusstlos",
    "krankenwagen",
    "notarzt",
];

/// Whom a locked car endangers within minutes: children and animals.
const VULNERABLE: &[&str] = &[
    "child",
    "children",
    "kid",
    "kids",
    "baby",
    "babies",
    "toddler",
    "infant",
    "son",
    "daughter",
    "dog",
    "dogs",
    "puppy",
    "cat",
    "cats",
    "pet",
    "pets",
    "kind",
    "kinder",
    "kleinkind",
    "säugling",
    "sohn",
    "tochter",
    "hund",
    "hunde",
    "welpe",
    "katze",
    "haustier",
];

/// Shut in: said of a child or an animal, an emergency.
const CONFINED: &[&str] = &[
    "locked",
    "inside",
    "trapped",
    "stuck",
    "shut",
    "eingesperrt",
    "eingeschlossen",
    "drin",
    "drinnen",
    "abgeschlossen",
    "verriegelt",
    "zugesperrt",
    "gefangen",
];

/// Trapped: said of anyone, an emergency (a key "stuck" or "locked" inside is not).
const TRAPPED: &[&str] = &[
    "trapped",
    "pinned",
    "eingeklemmt",
    "eingesperrt",
    "gefangen",
];

/// People, for [`TRAPPED`].
const PERSON: &[&str] = &[
    "someone",
    "somebody",
    "person",
    "people",
    "i",
    "me",
    "we",
    "us",
    "he",
    "she",
    "they",
    "passenger",
    "driver",
    "friend",
    "wife",
    "husband",
    "mum",
    "mom",
    "dad",
    "jemand",
    "ich",
    "wir",
    "er",
    "sie",
    "beifahrer",
    "fahrer",
    "freund",
    "freundin",
    "frau",
    "mann",
];

/// Words that take back a danger word within [`NEGATION_REACH`] words before it ("nobody is
/// hurt", "no smoke or fire", "doesn't hurt", "kein Unfall").
const NEGATIONS: &[&str] = &[
    "no", "not", "nobody", "none", "noone", "never", "without", "t", "kein", "keine", "keinen",
    "niemand", "nicht", "ohne", "nie",
];
const NEGATION_REACH: usize = 3;

/// A danger word followed by one of these is an idiom, not an emergency ("fire up the
/// engine", "crash course", "accident-free", "unfallfrei" is one word and never matches).
const IDIOM_AFTER: &[&str] = &["up", "course", "free", "frei", "test", "tests"];

/// Whether `text` reads as an emergency.
pub fn reads_as_emergency(text: &str) -> bool {
    let words = words(text);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let danger = words.iter().enumerate().any(|(i, w)| {
        DANGER.contains(&w.as_str())
            && !words[i.saturating_sub(NEGATION_REACH)..i]
                .iter()
                .any(|n| NEGATIONS.contains(&n.as_str()))
            && !words
                .get(i + 1)
                .is_some_and(|next| IDIOM_AFTER.contains(&next.as_str()))
    });
    danger || (has(VULNERABLE) && has(CONFINED)) || (has(PERSON) && has(TRAPPED))
}

/// Lowercased words, split at anything that is not a letter or a digit ("kid's" is "kid" and
/// "s"; "don't" is "don" and "t", which is how the negation is seen).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::reads_as_emergency;

    /// (post, reads as an emergency). Titles and first lines as members write them.
    const TABLE: &[(&str, bool)] = &[
        // A child or a pet locked in.
        ("Baby locked in the car, keys inside!", true),
        ("my dog is stuck inside the car and it's hot", true),
        ("Kid locked in BMW, fob on the seat", true),
        ("Kind im Auto eingesperrt, Schlüssel liegt drin", true),
        ("Hund im Auto eingeschlossen", true),
        // Someone trapped or hurt.
        ("Someone is trapped in the car after it rolled", true),
        ("my passenger is hurt", true),
        ("I'm bleeding a bit from the airbag", true),
        ("Beifahrer eingeklemmt", true),
        ("Fahrer verletzt, was tun?", true),
        // Fire, smoke, a crash.
        ("Smoke coming from under the bonnet", true),
        ("Engine on FIRE on the M4", true),
        ("Just crashed into a wall", true),
        ("Rauch aus dem Motorraum", true),
        ("Auto brennt!", true),
        ("Unfall auf der A9, was jetzt?", true),
        ("Not hurt but the car is on fire", true),
        // Near misses: the same words, no emergency.
        ("Keys locked inside the car", false),
        ("Fob locked in the boot", false),
        ("MINI fob stopped locking after battery change", false),
        ("Key stuck in the ignition", false),
        ("Nobody is hurt, just a dent", false),
        ("no smoke or fire, just a warning light", false),
        ("How do I fire up the engine with a flat fob?", false),
        ("Kein Unfall, nur der Schlüssel ist weg", false),
        ("Schlüssel im Kofferraum eingeschlossen", false),
        ("I'm stuck on the motorway with a flat tyre", false),
        ("It doesn't hurt to ask: which battery for the fob?", false),
        ("My kid's fob battery is flat", false),
        ("Trunk won't open, medication inside", false),
    ];

    #[test]
    fn emergency_phrasings_and_near_misses() {
        let wrong: Vec<_> = TABLE
            .iter()
            .filter(|(text, want)| reads_as_emergency(text) != *want)
            .collect();
        assert!(wrong.is_empty(), "misread: {wrong:#?}");
    }
}
