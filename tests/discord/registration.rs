//! What the bot tells Discord at READY: one bulk overwrite with `/triage` and its autocompleted
//! `guide` option, usable in servers and in DMs; to one server when DISCORD_GUILD_ID is set.

use serde_json::{json, Value};

use crate::harness::{Options, Pit};

/// `/triage` for members, `/pitcrew` for moderators' setup, `/volunteer` for volunteers, `/car`
/// for members' cars, `/forget-me` for any member who wants their data gone.
fn only_triage(list: &[Value]) -> &Value {
    let names: Vec<&str> = list.iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(
        names,
        ["triage", "pitcrew", "volunteer", "car", "forget-me"],
        "{list:#?}"
    );
    let forget = &list[4];
    assert!(
        forget["default_member_permissions"].is_null(),
        "every member may ask to be forgotten"
    );
    assert_eq!(forget["contexts"], json!([0, 1]), "in servers and in DMs");
    assert!(forget["options"].as_array().map_or(true, Vec::is_empty));
    let car = &list[3];
    assert!(
        car["default_member_permissions"].is_null(),
        "every member may tell their car"
    );
    assert_eq!(
        car["contexts"],
        json!([0, 1]),
        "in servers and in DMs with the bot"
    );
    let admin = &list[1];
    assert_eq!(
        admin["default_member_permissions"], "32",
        "setup is gated to Manage Server"
    );
    assert_eq!(admin["contexts"], json!([0]), "setup is for servers only");
    &list[0]
}

#[track_caller]
fn assert_triage_shape(cmd: &Value) {
    assert_eq!(cmd["name"], "triage");
    assert!(
        cmd["type"].is_null() || cmd["type"] == 1,
        "a chat-input command (Discord's default type)"
    );
    let description = cmd["description"].as_str().unwrap();
    assert!(!description.is_empty() && description.chars().count() <= 100);
    assert_eq!(
        cmd["contexts"],
        json!([0, 1]),
        "usable in servers (0) and in the bot's DMs (1)"
    );
    let options = cmd["options"].as_array().expect("options");
    assert_eq!(options.len(), 1, "{options:#?}");
    let guide = &options[0];
    assert_eq!(guide["name"], "guide");
    assert_eq!(guide["type"], 3, "a string option");
    assert_eq!(guide["autocomplete"], true);
    assert_ne!(guide["required"], true, "/triage alone opens the picker");
    let choices = &guide["choices"];
    assert!(
        choices.is_null() || choices == &json!([]),
        "autocomplete excludes fixed choices"
    );
}

#[tokio::test]
async fn global_registration_is_one_bulk_put_of_triage() {
    let pit = Pit::start().await;
    let puts = pit.server.requests_to("PUT", "/applications/*/commands");
    assert_eq!(puts.len(), 1, "one bulk overwrite");
    let body = puts[0].body.clone().expect("a body");
    let sent = body.as_array().expect("a list");
    assert_triage_shape(only_triage(sent));
    assert!(
        pit.server
            .requests_to("PUT", "/applications/*/guilds/*/commands")
            .is_empty(),
        "nothing registered per server"
    );
    assert!(
        pit.server
            .requests_to("POST", "/applications/*/commands")
            .is_empty(),
        "no one-by-one creation"
    );
    assert_triage_shape(only_triage(&pit.server.commands(None)));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn guild_id_registers_to_that_server_only() {
    let pit = Pit::start_with(Options {
        guild_scoped: true,
        ..Options::default()
    })
    .await;
    let route = format!("/applications/*/guilds/{}/commands", pit.scene.guild_id);
    let puts = pit.server.requests_to("PUT", &route);
    assert_eq!(puts.len(), 1, "one bulk overwrite to the server");
    assert!(pit
        .server
        .requests_to("PUT", "/applications/*/commands")
        .is_empty());
    assert!(pit.server.commands(None).is_empty(), "nothing global");
    let cmd = only_triage(&pit.server.commands(Some(pit.scene.guild_id))).clone();
    assert_eq!(cmd["name"], "triage");
    assert_eq!(cmd["options"][0]["autocomplete"], true);
    // And it works there at once.
    let answer = pit
        .triage(&pit.scene.actor, Some(crate::harness::DRILL))
        .await;
    assert_eq!(answer.kind(), 4);
    pit.server.assert_no_violations();
}

/// Every command and option description carries a German `description_localizations`, from
/// the same Fluent files the bot speaks; names stay the same in every language.
#[tokio::test]
async fn registration_carries_german_descriptions_for_every_command_and_option() {
    let pit = Pit::start().await;
    let puts = pit.server.requests_to("PUT", "/applications/*/commands");
    let body = puts[0].body.clone().expect("a body");
    let sent = body.as_array().expect("a list");
    let triage = only_triage(sent);
    assert_eq!(
        triage["description_localizations"]["de"],
        "Schritt für Schritt Hilfe, wenn Sie mit dem Auto festsitzen (nur für Sie sichtbar)"
    );
    assert!(triage["options"][0]["description_localizations"]["de"]
        .as_str()
        .is_some_and(|d| d.starts_with("Was ist passiert?")));
    // Every command, sub-command and option, at any depth.
    fn walk(v: &Value, path: &str, seen: &mut usize) {
        let name = v["name"].as_str().unwrap_or("?");
        let here = format!("{path}/{name}");
        let de = v["description_localizations"]["de"].as_str();
        assert!(
            de.is_some_and(|d| !d.is_empty() && d.chars().count() <= 100),
            "{here} has no German description: {v:#}"
        );
        assert_ne!(
            de,
            v["description"].as_str(),
            "{here}: German equals English"
        );
        *seen += 1;
        for o in v["options"].as_array().into_iter().flatten() {
            walk(o, &here, seen);
        }
    }
    let mut seen = 0;
    for cmd in sent {
        walk(cmd, "", &mut seen);
    }
    assert!(seen >= 12, "commands and options walked: {seen}");
    // The setup's countries read in German too (the stored value stays the code).
    let pitcrew = sent
        .iter()
        .find(|c| c["name"] == "pitcrew")
        .expect("/pitcrew");
    let setup = pitcrew["options"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["name"] == "setup")
        .expect("/pitcrew setup");
    let region = setup["options"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["name"] == "region")
        .expect("setup's region option");
    let gb = region["choices"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["value"] == "GB")
        .expect("the GB choice");
    assert_eq!(gb["name_localizations"]["de"], "Vereinigtes Königreich");
    pit.server.assert_no_violations();
}
