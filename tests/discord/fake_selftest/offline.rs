//! Checks that need no gateway bot: the limits on hand-written JSON, every builder yielding a
//! payload serenity accepts, and the REST model driven through serenity's `Http` alone.

use serde_json::{json, Value};

use serenity::all::{HttpBuilder, Interaction};

use crate::fake::builders::{
    autocomplete, button, command, modal_submit, string_select, user_select,
};
use crate::fake::{limits, Config, FakeDiscord, StoredMessage};

use super::bot::discord_error;

#[test]
fn limits_on_hand_written_json() {
    let ok = json!({
        "content": "ż".repeat(2000),
        "components": [{"type": 1, "components": [
            {"type": 2, "style": 1, "label": "Next", "custom_id": "next"},
            {"type": 2, "style": 5, "label": "Map", "url": "https://example.org"},
        ]}],
        "allowed_mentions": {"parse": ["users"]},
    });
    assert_eq!(
        limits::check_message(&ok, &[]),
        [],
        "2000 two-byte chars are within the limit"
    );

    let bad = json!({
        "content": "x".repeat(2001),
        "embeds": [{"title": "t".repeat(257), "fields": [{"name": "", "value": "v"}]}],
        "components": [
            {"type": 1, "components": [
                {"type": 2, "style": 1, "label": "a", "custom_id": "dup"},
                {"type": 2, "style": 1, "label": "b", "custom_id": "dup"},
                {"type": 2, "style": 5, "label": "c", "custom_id": "x", "url": "https://example.org"},
                {"type": 2, "style": 2, "label": "d"},
            ]},
            {"type": 1, "components": [
                {"type": 3, "custom_id": "pick", "options": [{"label": "A", "value": "a"}]},
                {"type": 2, "style": 1, "label": "e", "custom_id": "e"},
            ]},
        ],
        "allowed_mentions": {"parse": ["users"], "users": ["1"]},
    });
    let mut paths: Vec<String> = limits::check_message(&bad, &[])
        .iter()
        .map(|e| e.dotted())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "allowed_mentions.users",
            "components.0.components.1.custom_id",
            "components.0.components.2.custom_id",
            "components.0.components.3.custom_id",
            "components.1.components",
            "content",
            "embeds.0.fields.0.name",
            "embeds.0.title",
        ]
    );
    let body = limits::invalid_form_body(&limits::check_message(
        &json!({"content": "x".repeat(2001)}),
        &["data"],
    ));
    assert_eq!(
        body["errors"]["data"]["content"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );

    let too_big =
        json!({"embeds": [{"description": "d".repeat(4096)}, {"description": "d".repeat(2000)}]});
    assert_eq!(
        limits::check_message(&too_big, &[])[0].code,
        "MAX_EMBED_SIZE_EXCEEDED"
    );

    let modal = json!({"custom_id": "m", "title": "t".repeat(46), "components": [{"type": 1, "components": [
        {"type": 4, "custom_id": "i", "label": "L", "style": 1, "min_length": 10, "max_length": 5},
    ]}]});
    let mut paths: Vec<String> = limits::check_modal(&modal)
        .iter()
        .map(|e| e.dotted())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        ["data.components.0.components.0.min_length", "data.title"]
    );

    let choices: Vec<Value> = (0..26)
        .map(|i| json!({"name": format!("c{i}"), "value": "v"}))
        .collect();
    assert_eq!(
        limits::check_autocomplete(&json!({"choices": choices}))[0].dotted(),
        "data.choices"
    );

    let commands = json!([
        {"name": "Triage", "description": "ok"},
        {"name": "help", "description": "", "options": [
            {"type": 3, "name": "a", "description": "x"},
            {"type": 3, "name": "b", "description": "y", "required": true},
        ]},
    ]);
    let mut paths: Vec<String> = limits::check_commands(&commands)
        .iter()
        .map(|e| e.dotted())
        .collect();
    paths.sort();
    assert_eq!(paths, ["0.name", "1.description", "1.options.1.required"]);
    assert_eq!(
        limits::check_thread_create(&json!({"name": "", "type": 12}))[0].dotted(),
        "name"
    );
}

#[tokio::test]
async fn every_builder_yields_a_serenity_interaction() {
    let server = FakeDiscord::start().await;
    let scene = server.simple_guild("driver");
    let helper = server.add_user("helper");
    let dm = server.dm_actor(scene.user.id);
    let msg = StoredMessage {
        id: 2,
        channel_id: scene.channel_id,
        json: json!({
            "id": "2", "channel_id": scene.channel_id.to_string(),
            "author": {"id": "3", "username": "pitcrew", "discriminator": "0", "bot": true},
            "content": "", "timestamp": "2024-01-01T00:00:00.000000+00:00", "edited_timestamp": null,
            "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": [], "pinned": false, "type": 0, "flags": 0,
            "components": [
                {"type": 1, "components": [{"type": 2, "style": 1, "label": "Go", "custom_id": "go"}]},
                {"type": 1, "components": [{"type": 3, "custom_id": "pick", "options": [{"label": "A", "value": "a"}]}]},
                {"type": 1, "components": [{"type": 5, "custom_id": "who"}]},
            ],
        }),
        visible_to: None,
        interaction_id: None,
        deleted: false,
        edits: 0,
    };
    for actor in [&scene.actor, &dm] {
        let payloads = [
            command("triage").string("vehicle", "car").by(actor),
            command("volunteer")
                .group("admin")
                .sub("add")
                .user("who", &helper)
                .integer("n", 2)
                .boolean("b", true)
                .number("x", 1.5)
                .by(actor),
            autocomplete("triage").focused("vehicle", "c").by(actor),
            button(&msg, "go").by(actor),
            string_select(&msg, "pick", &["a"]).by(actor),
            user_select(&msg, "who", &[&helper]).by(actor),
            modal_submit("report", &[("details", "x")]).by(actor),
        ];
        for p in payloads {
            let interaction: Interaction =
                serde_json::from_value(p.clone()).unwrap_or_else(|e| panic!("{e}: {p:#}"));
            assert_eq!(interaction.guild_id().map(|g| g.get()), actor.guild_id);
            let user = match &interaction {
                Interaction::Command(i) | Interaction::Autocomplete(i) => i.user.id,
                Interaction::Component(i) => i.user.id,
                Interaction::Modal(i) => i.user.id,
                other => panic!("unexpected {other:?}"),
            };
            assert_eq!(
                user.get(),
                scene.user.id,
                "the invoking user, from `member` or `user`"
            );
        }
    }
}

#[tokio::test]
async fn role_and_channel_options_resolve_in_serenity_as_discord_sends_them() {
    use serenity::all::ResolvedValue;
    let server = FakeDiscord::start().await;
    let scene = server.simple_guild("moderator");
    let role = server.add_role(scene.guild_id, "Volunteers", 0);
    let cards = server.add_text_channel(scene.guild_id, "cards");
    let payload = command("pitcrew")
        .sub("setup")
        .role("volunteer_role", &server.role_json(role))
        .channel("cards_channel", &server.resolved_channel(cards))
        .by(&scene.actor);
    let Interaction::Command(cmd) =
        serde_json::from_value::<Interaction>(payload.clone()).expect("an interaction")
    else {
        panic!("not a command: {payload:#}");
    };
    let options = cmd.data.options();
    let ResolvedValue::SubCommand(subs) = &options[0].value else {
        panic!("{options:?}");
    };
    match (&subs[0].value, &subs[1].value) {
        (ResolvedValue::Role(r), ResolvedValue::Channel(c)) => {
            assert_eq!((r.id.get(), r.name.as_str()), (role, "Volunteers"));
            assert_eq!((c.id.get(), c.name.as_deref()), (cards, Some("cards")));
        }
        other => panic!("unresolved: {other:?}"),
    }
}

#[tokio::test]
async fn rest_model_answers_like_discord() {
    let server = FakeDiscord::start().await;
    let scene = server.simple_guild("driver");
    let volunteer = server.add_user("volunteer");
    let http = HttpBuilder::new(server.token())
        .proxy(server.api_url())
        .ratelimiter_disabled(true)
        .build();
    let (guild, channel) = (scene.guild_id.into(), scene.channel_id.into());

    let me = http.get_current_user().await.unwrap();
    assert_eq!(me.id.get(), server.bot_user_id());
    assert!(http.get_current_application_info().await.is_ok());
    assert_eq!(
        http.get_bot_gateway().await.unwrap().url,
        server.gateway_url()
    );

    let member = http.get_member(guild, scene.user.id.into()).await.unwrap();
    assert_eq!(member.user.id.get(), scene.user.id);
    let (status, code, _) = discord_error(
        http.get_member(guild, volunteer.id.into())
            .await
            .map(|_| ()),
    );
    assert_eq!((status, code), (404, 10007));
    server.add_member(scene.guild_id, volunteer.id, &[]);

    let body = json!({"name": "Flat tyre on the A1", "type": 12, "invitable": false});
    let thread = http.create_thread(channel, &body, None).await.unwrap();
    assert_eq!(thread.parent_id, Some(channel));
    http.add_thread_channel_member(thread.id, volunteer.id.into())
        .await
        .unwrap();
    assert!(server
        .thread_members(thread.id.get())
        .contains(&volunteer.id));
    let archived = http
        .edit_thread(thread.id, &json!({"archived": true, "locked": true}), None)
        .await
        .unwrap();
    assert!(archived.thread_metadata.unwrap().archived);
    assert!(http.get_channel(thread.id).await.is_ok());

    let long_name = json!({"name": "n".repeat(101), "type": 12});
    let (status, code, paths) = discord_error(
        http.create_thread(channel, &long_name, None)
            .await
            .map(|_| ()),
    );
    assert_eq!(
        (status, code, paths),
        (400, 50035, vec!["name".to_string()])
    );
    server.expect_violation(50035);

    server.deny("POST", "/channels/*/threads");
    let (status, code, _) =
        discord_error(http.create_thread(channel, &body, None).await.map(|_| ()));
    assert_eq!((status, code), (403, 50013));

    let dm = http
        .create_private_channel(&json!({"recipient_id": volunteer.id.to_string()}))
        .await
        .unwrap();
    let sent = http
        .send_message(dm.id, vec![], &json!({"content": "A driver needs help"}))
        .await
        .unwrap();
    assert_eq!(
        server.message(sent.id.get()).unwrap().content(),
        "A driver needs help"
    );
    let edited = http
        .edit_message(dm.id, sent.id, &json!({"content": "Taken"}), vec![])
        .await
        .unwrap();
    assert_eq!(edited.content, "Taken");

    let bad = HttpBuilder::new("wrong")
        .proxy(server.api_url())
        .ratelimiter_disabled(true)
        .build();
    let (status, _, _) = discord_error(bad.get_current_user().await.map(|_| ()));
    assert_eq!(status, 401);
    assert_eq!(server.take_violations().len(), 1);
    server.assert_no_violations();
}

#[tokio::test]
async fn unknown_routes_and_tokens_are_violations() {
    let server = FakeDiscord::start().await;
    let scene = server.simple_guild("driver");
    let http = HttpBuilder::new(server.token())
        .proxy(server.api_url())
        .ratelimiter_disabled(true)
        .application_id(server.application_id().into())
        .build();
    // GET /guilds/{id} is not modelled: a JSON 404, recorded, never a silent success.
    let (status, code, _) = discord_error(http.get_guild(scene.guild_id.into()).await.map(|_| ()));
    assert_eq!((status, code), (404, 0));
    let edit = json!({"content": "x"});
    let result = http
        .edit_original_interaction_response("no-such-token", &edit, vec![])
        .await;
    let (status, code, _) = discord_error(result.map(|_| ()));
    assert_eq!((status, code), (404, 10015));
    let codes: Vec<u64> = server.take_violations().iter().map(|v| v.code).collect();
    assert_eq!(codes, [0, 10015]);
}

#[tokio::test]
#[should_panic(expected = "not a valid serenity Interaction")]
async fn a_malformed_payload_fails_the_test_at_once() {
    let server = FakeDiscord::start().await;
    server
        .dispatch(json!({"type": 2, "data": {"name": "triage"}}))
        .await;
}

#[tokio::test]
#[should_panic(expected = "/triage is not registered")]
async fn an_unregistered_command_cannot_be_dispatched() {
    let cfg = Config {
        dispatch_wait: std::time::Duration::from_millis(100),
        ..Config::default()
    };
    let server = FakeDiscord::start_with(cfg).await;
    let scene = server.simple_guild("driver");
    server.dispatch(command("triage").by(&scene.actor)).await;
}
