//! Generated guides for scale tests: valid, shaped like the shipped ones (safety first, an
//! emergency one tap away, a chain of steps each with a way out, a volunteer at the end), with
//! texts, tags and synonyms of realistic length, each guide different.

use std::fmt::Write as _;
use std::path::Path;

/// Steps in each generated guide's main chain; each adds a step, a check and a resolution.
pub const STEPS: usize = 8;

const MAKES: [&str; 6] = ["BMW", "MINI", "Audi", "Volvo", "Toyota", "Ford"];
const PARTS: [&str; 10] = [
    "key fob",
    "trunk release",
    "door lock",
    "battery",
    "immobiliser",
    "steering lock",
    "fuel cap",
    "tailgate",
    "sunroof",
    "parking brake",
];
const TROUBLES: [&str; 5] = [
    "stopped working",
    "is stuck",
    "does nothing",
    "won't release",
    "works only sometimes",
];

/// Writes `n` guides (`gen-000.toml`, ...) into `dir`; returns their ids.
pub fn write(dir: &Path, n: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).expect("guide folder");
    (0..n)
        .map(|i| {
            let (id, text) = guide(i);
            std::fs::write(dir.join(format!("{id}.toml")), text).expect("write a guide");
            id
        })
        .collect()
}

/// One guide's id and TOML text.
pub fn guide(i: usize) -> (String, String) {
    let make = MAKES[i % MAKES.len()];
    let part = PARTS[(i / MAKES.len()) % PARTS.len()];
    let trouble = TROUBLES[i % TROUBLES.len()];
    let id = format!("gen-{i:03}");
    let mut t = String::new();
    let _ = writeln!(t, "id = \"{id}\"");
    let _ = writeln!(t, "title = \"{make} {part} {trouble} (case {i})\"");
    let _ = writeln!(
        t,
        "summary = \"The {part} of a {make} {trouble}: safe checks, who to call, what to avoid.\""
    );
    let _ = writeln!(
        t,
        "tags = [\"{}\", \"{}\", \"{}\", \"roadside\", \"stuck\", \"case{i}\", \"help\", \"tow\"]",
        make.to_lowercase(),
        part,
        trouble.split(' ').next().unwrap_or("stuck"),
    );
    let _ = writeln!(
        t,
        "synonyms = [\"my {part} {trouble}\", \"{make} {part} problem\", \"{part} broke on the road\", \
         \"can't use the {part}\", \"{part} failure {i}\", \"stuck with a broken {part}\"]"
    );
    t.push_str("start = \"start\"\nvolunteer = \"volunteer\"\n\n");
    let _ = writeln!(t, "[applies_to]\nmakes = [\"{make}\"]\n");
    node(
        &mut t,
        "start",
        None,
        &format!(
            "Let's sort out the {part} safely. First: **is anyone in danger?**\n\n\
             - Someone shut in the car, or unwell\n\
             - You're near fast traffic, or you feel unsafe where you are"
        ),
        &[
            ("Someone may be in danger", "emergency"),
            ("We're safe, carry on", "step-1"),
        ],
    );
    node(
        &mut t,
        "emergency",
        Some("emergency"),
        "**Call {emergency} now.** Stay out of traffic, put your hazard \
         lights on if you can reach them, and wait somewhere safe.",
        &[],
    );
    for k in 1..=STEPS {
        let next = if k == STEPS {
            "volunteer".to_string()
        } else {
            format!("step-{}", k + 1)
        };
        let step = format!("step-{k}");
        let check = format!("check-{k}");
        let fixed = format!("fixed-{k}");
        node(
            &mut t,
            &step,
            None,
            &format!(
                "**Step {k}.** Owners of a {make} whose {part} {trouble} report that this helps: \
                 try it once, gently, and watch what happens. Do not force anything: a broken \
                 {part} costs far more than a short wait.\n\n\
                 - Check the obvious first (the right key, the right button, the car in park)\n\
                 - Give it a few seconds before trying again\n\
                 - If you hear a click but nothing moves, note it for the volunteer"
            ),
            &[
                ("That worked", &fixed),
                ("Still stuck", &next),
                ("Something else happened", &check),
            ],
        );
        node(
            &mut t,
            &check,
            None,
            &format!(
                "What did you notice at step {k}? A volunteer will want to know whether the \
                 {part} reacted at all."
            ),
            &[
                ("It reacted a little", &next),
                ("Nothing at all", "volunteer"),
            ],
        );
        node(
            &mut t,
            &fixed,
            Some("resolved"),
            &format!(
                "Glad the {part} works again. Get it checked at your next service, and keep a \
                 note of what fixed it (step {k})."
            ),
            &[],
        );
    }
    node(
        &mut t,
        "volunteer",
        Some("escalate"),
        &format!(
            "A club volunteer can take it from here, with everything you answered. Meanwhile, \
             roadside assistance or a locksmith who knows {make} can help."
        ),
        &[],
    );
    // `check` refuses a guide without sources.
    t.push_str("[[source]]\ntitle = \"Generated for the benchmark\"\npublisher = \"pitcrew\"\n");
    (id, t)
}

fn node(t: &mut String, id: &str, outcome: Option<&str>, text: &str, choices: &[(&str, &str)]) {
    let _ = writeln!(t, "[[node]]\nid = \"{id}\"");
    if let Some(o) = outcome {
        let _ = writeln!(t, "outcome = \"{o}\"");
    }
    let _ = writeln!(t, "text = \"\"\"{text}\"\"\"");
    if !choices.is_empty() {
        t.push_str("choices = [\n");
        for (label, goto) in choices {
            let _ = writeln!(t, "  {{ label = \"{label}\", goto = \"{goto}\" }},");
        }
        t.push_str("]\n");
    }
    t.push('\n');
}
