//! The registration payload and the parsers cannot drift: every invocation Discord could send
//! for what pitcrew registers is built from the registered JSON itself and must parse to the
//! typed command it means; anything else must not parse.

use std::collections::BTreeMap;

use serde_json::{json, Value as Json};

use super::*;
use crate::domain::WhenNothingFits;

const ROLE: u64 = 11;
const CHANNEL: u64 = 12;

/// The registered commands as Discord receives them.
fn registered() -> Vec<Json> {
    definitions()
        .iter()
        .map(|c| serde_json::to_value(c).expect("a command serializes"))
        .collect()
}

fn options(of: &Json) -> Vec<Json> {
    of["options"].as_array().cloned().unwrap_or_default()
}

/// The values Discord could send for a registered option: each of its choices, or one value
/// of its type within its bounds.
fn values(option: &Json) -> Vec<Json> {
    if let Some(choices) = option["choices"].as_array().filter(|c| !c.is_empty()) {
        return choices.iter().map(|c| c["value"].clone()).collect();
    }
    vec![match option["type"].as_u64() {
        Some(3) => json!("wheel-drill"),
        Some(4) => option["max_value"].clone(),
        Some(7) => json!(CHANNEL.to_string()),
        Some(8) => json!(ROLE.to_string()),
        other => panic!("no sample for option type {other:?}: {option:#}"),
    }]
}

/// Every way to give each of `params` a value (one per choice).
fn fill(params: &[&Json]) -> Vec<BTreeMap<String, Json>> {
    let mut all = vec![BTreeMap::new()];
    for p in params {
        let name = p["name"].as_str().expect("option name");
        let mut next = Vec::new();
        for given in &all {
            for v in values(p) {
                let mut given = given.clone();
                given.insert(name.to_string(), v);
                next.push(given);
            }
        }
        all = next;
    }
    all
}

/// Every way to fill `params`: all of them, and the required ones alone.
fn fillings(params: &[Json]) -> Vec<BTreeMap<String, Json>> {
    let mut all = fill(&params.iter().collect::<Vec<_>>());
    let required: Vec<&Json> = params.iter().filter(|p| p["required"] == true).collect();
    if required.len() < params.len() {
        all.extend(fill(&required));
    }
    all
}

fn data(name: &str, options: Json) -> CommandData {
    serde_json::from_value(json!({"id": "1", "name": name, "type": 1, "options": options}))
        .expect("Discord's command data shape")
}

fn as_options(given: &BTreeMap<String, Json>, params: &[Json]) -> Json {
    let kind = |name: &str| {
        params
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["type"].clone())
    };
    Json::Array(
        given
            .iter()
            .map(|(name, value)| json!({"name": name, "type": kind(name), "value": value}))
            .collect(),
    )
}

/// Every invocation the registration allows, by command path ("pitcrew setup"), with what
/// was given.
fn invocations() -> Vec<(String, BTreeMap<String, Json>, CommandData)> {
    let mut out = Vec::new();
    for cmd in registered() {
        let name = cmd["name"].as_str().expect("name").to_string();
        let top = options(&cmd);
        let subs: Vec<&Json> = top.iter().filter(|o| o["type"] == 1).collect();
        if subs.is_empty() {
            for given in fillings(&top) {
                let d = data(&name, as_options(&given, &top));
                out.push((name.clone(), given, d));
            }
        }
        for sub in subs {
            let params = options(sub);
            let sub_name = sub["name"].as_str().expect("sub name");
            for given in fillings(&params) {
                let inner = as_options(&given, &params);
                let d = data(
                    &name,
                    json!([{"name": sub_name, "type": 1, "options": inner}]),
                );
                out.push((format!("{name} {sub_name}"), given, d));
            }
        }
    }
    out
}

/// What an invocation must mean. A new command fails here until it is added.
fn meant(path: &str, given: &BTreeMap<String, Json>) -> Command {
    let text = |k: &str| given.get(k).and_then(Json::as_str).map(str::to_string);
    match path {
        "triage" => Command::Triage {
            guide: text("guide"),
        },
        "pitcrew setup" => Command::Setup(SetupOptions {
            volunteer_role: given.get("volunteer_role").map(|_| RoleId(ROLE)),
            cards_channel: given.get("cards_channel").map(|_| ChannelId(CHANNEL)),
            help_channel: given.get("help_channel").map(|_| ChannelId(CHANNEL)),
            renotify: given
                .get("renotify_minutes")
                .and_then(Json::as_u64)
                .map(|m| Duration::from_secs(m * 60)),
            region: text("region").map(|c| Region::parse(&c).expect("a registered choice")),
            log_channel: given.get("log_channel").map(|_| ChannelId(CHANNEL)),
        }),
        "pitcrew status" => Command::Status,
        "pitcrew forum" => Command::Forum(ForumOptions {
            channel: ChannelId(CHANNEL),
            watch: text("watch").as_deref() == Some("on"),
            when_nothing_fits: text("when_nothing_fits")
                .map(|w| WhenNothingFits::parse(&w).expect("a registered choice")),
        }),
        "pitcrew reload" => Command::Reload,
        "volunteer queue" => Command::Queue,
        "volunteer duty" => Command::Duty {
            on: text("state").as_deref() == Some("on"),
        },
        "car set" => Command::Car(CarCommand::Set {
            make: text("make")
                .and_then(|m| m.parse().ok())
                .expect("make is required and a known one"),
            model: text("model"),
            year: given
                .get("year")
                .and_then(Json::as_u64)
                .and_then(|y| u16::try_from(y).ok()),
            key: text("key").and_then(|k| k.parse().ok()),
        }),
        "car show" => Command::Car(CarCommand::Show),
        "car forget" => Command::Car(CarCommand::Forget),
        "forget-me" => Command::ForgetMe,
        "pitcrew stats" | "pitcrew graph" => {
            let o = InsightOptions {
                guide: text("guide").map(|g| g.trim().to_string()),
                since_days: given
                    .get("since_days")
                    .and_then(Json::as_u64)
                    .and_then(|d| u32::try_from(d).ok()),
            };
            if path == "pitcrew stats" {
                Command::Stats(o)
            } else {
                Command::Graph(o)
            }
        }
        other => panic!("`{other}` is registered but this test does not know what it means"),
    }
}

/// Names every kind of command, so a new variant must be reached by some invocation.
fn kind(c: &Command) -> &'static str {
    match c {
        Command::Triage { .. } => "triage",
        Command::Cancel => "cancel",
        Command::Setup(_) => "setup",
        Command::Status => "status",
        Command::Reload => "reload",
        Command::Queue => "queue",
        Command::Duty { on: true } => "duty on",
        Command::Duty { on: false } => "duty off",
        Command::Car(CarCommand::Set { .. }) => "car set",
        Command::Car(CarCommand::Show) => "car show",
        Command::Car(CarCommand::Forget) => "car forget",
        Command::Forum(_) => "forum",
        Command::ForgetMe => "forget-me",
        Command::Stats(_) => "stats",
        Command::Graph(_) => "graph",
    }
}

#[test]
fn every_registered_invocation_parses_to_what_it_means() {
    let mut seen = std::collections::BTreeSet::new();
    for (path, given, d) in invocations() {
        let parsed = parse(&d);
        assert_eq!(parsed, Some(meant(&path, &given)), "/{path} {given:?}");
        seen.extend(parsed.as_ref().map(kind));
    }
    let cancel = parse(&data(
        "triage",
        json!([{"name": "guide", "type": 3, "value": " Cancel "}]),
    ));
    assert_eq!(cancel, Some(Command::Cancel));
    seen.extend(cancel.as_ref().map(kind));
    let all = [
        "triage",
        "cancel",
        "setup",
        "status",
        "reload",
        "queue",
        "duty on",
        "duty off",
        "car set",
        "car show",
        "car forget",
        "forum",
        "forget-me",
        "stats",
        "graph",
    ];
    assert_eq!(
        seen,
        all.into_iter().collect(),
        "every kind of command is reachable"
    );
}

#[test]
fn what_was_never_registered_does_not_parse() {
    for (name, options) in [
        ("help", json!([])),
        (
            "triage",
            json!([{"name": "guides", "type": 3, "value": "x"}]),
        ),
        ("triage", json!([{"name": "guide", "type": 4, "value": 1}])),
        (
            "triage",
            json!([{"name": "guide", "type": 3, "value": "a"}, {"name": "guide", "type": 3, "value": "b"}]),
        ),
        ("pitcrew", json!([])),
        (
            "pitcrew",
            json!([{"name": "reset", "type": 1, "options": []}]),
        ),
        (
            "pitcrew",
            json!([{"name": "status", "type": 1, "options": [{"name": "volunteer_role", "type": 8, "value": "1"}]}]),
        ),
        (
            "pitcrew",
            json!([{"name": "setup", "type": 1, "options": [{"name": "volunteer_role", "type": 7, "value": "1"}]}]),
        ),
        (
            "pitcrew",
            json!([{"name": "setup", "type": 1, "options": []}, {"name": "status", "type": 1, "options": []}]),
        ),
        (
            "volunteer",
            json!([{"name": "duty", "type": 1, "options": []}]),
        ),
        (
            "volunteer",
            json!([{"name": "duty", "type": 1, "options": [{"name": "state", "type": 3, "value": "maybe"}]}]),
        ),
        (
            "volunteer",
            json!([{"name": "queue", "type": 1, "options": [{"name": "state", "type": 3, "value": "on"}]}]),
        ),
        // A make or key pitcrew never offered, a year past Discord's bounds, no make at all.
        (
            "car",
            json!([{"name": "set", "type": 1, "options": [{"name": "make", "type": 3, "value": "Tesla"}]}]),
        ),
        (
            "car",
            json!([{"name": "set", "type": 1, "options": [{"name": "make", "type": 3, "value": "MINI"}, {"name": "key", "type": 3, "value": "flat key"}]}]),
        ),
        (
            "car",
            json!([{"name": "set", "type": 1, "options": [{"name": "make", "type": 3, "value": "MINI"}, {"name": "year", "type": 4, "value": 70000}]}]),
        ),
        (
            "car",
            json!([{"name": "set", "type": 1, "options": [{"name": "year", "type": 4, "value": 2006}]}]),
        ),
        (
            "car",
            json!([{"name": "show", "type": 1, "options": [{"name": "make", "type": 3, "value": "MINI"}]}]),
        ),
        // /forget-me takes nothing: any option is forged.
        (
            "forget-me",
            json!([{"name": "user", "type": 6, "value": "1"}]),
        ),
    ] {
        assert_eq!(
            parse(&data(name, options.clone())),
            None,
            "/{name} {options}"
        );
    }
}

#[test]
fn a_forged_reminder_interval_is_brought_within_discords_bounds() {
    let setup = |m: i64| {
        parse(&data(
            "pitcrew",
            json!([{"name": "setup", "type": 1, "options": [{"name": "renotify_minutes", "type": 4, "value": m}]}]),
        ))
    };
    let renotify = |m| match setup(m) {
        Some(Command::Setup(o)) => o.renotify,
        other => panic!("{other:?}"),
    };
    assert_eq!(renotify(-5), Some(Duration::from_secs(60)));
    assert_eq!(renotify(1_000_000), Some(Duration::from_secs(24 * 60 * 60)));
}

#[test]
fn setup_offers_every_region_and_refuses_a_forged_one() {
    let setup = registered()
        .into_iter()
        .find(|c| c["name"] == "pitcrew")
        .expect("/pitcrew");
    let sub = options(&setup)
        .into_iter()
        .find(|o| o["name"] == "setup")
        .expect("setup");
    let region = options(&sub)
        .into_iter()
        .find(|o| o["name"] == "region")
        .expect("a region option");
    let codes: Vec<Json> = region["choices"]
        .as_array()
        .expect("a choice list")
        .iter()
        .map(|c| c["value"].clone())
        .collect();
    let all: Vec<Json> = Region::ALL.iter().map(|r| json!(r.code())).collect();
    assert_eq!(codes, all);
    let given = |code: &str| {
        parse(&data(
            "pitcrew",
            json!([{"name": "setup", "type": 1, "options": [{"name": "region", "type": 3, "value": code}]}]),
        ))
    };
    match given("GB") {
        Some(Command::Setup(o)) => assert_eq!(o.region, Some(Region::Gb)),
        other => panic!("{other:?}"),
    }
    assert_eq!(given("XX"), None);
}

#[test]
fn the_forum_subcommand_offers_forum_channels_only() {
    let pitcrew = registered()
        .into_iter()
        .find(|c| c["name"] == "pitcrew")
        .expect("/pitcrew is registered");
    let forum = options(&pitcrew)
        .into_iter()
        .find(|o| o["name"] == "forum")
        .expect("/pitcrew forum");
    let channel = options(&forum)
        .into_iter()
        .find(|o| o["name"] == "channel")
        .expect("its channel option");
    assert_eq!(channel["channel_types"], json!([15]), "GUILD_FORUM only");
    assert_eq!(channel["required"], true);
}

#[test]
fn forget_me_is_for_every_member_in_a_server_and_in_a_dm() {
    let cmd = registered()
        .into_iter()
        .find(|c| c["name"] == "forget-me")
        .expect("/forget-me is registered");
    // 0: a server, 1: a DM with the bot.
    assert_eq!(cmd["contexts"], json!([0, 1]));
    assert!(
        cmd.get("default_member_permissions")
            .map_or(true, Json::is_null),
        "no permission may hide it from a member: {cmd:#}"
    );
}
