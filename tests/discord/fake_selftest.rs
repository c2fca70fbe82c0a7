//! Proves the fake server against a minimal real serenity 0.12 bot, wired the way the product
//! wires its client (proxy + ratelimiter disabled + `ClientBuilder::new_with_http`).

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use serenity::all::{
    ButtonStyle, ClientBuilder, Command, CommandOptionType, Context, CreateActionRow,
    CreateAutocompleteResponse, CreateButton, CreateCommand, CreateCommandOption, CreateInputText,
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateModal, EditInteractionResponse, EventHandler, GatewayIntents, HttpBuilder,
    InputTextStyle, Interaction, Ready, ShardManager,
};
use serenity::async_trait;
use serenity::http::HttpError;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

use crate::fake::builders::{autocomplete, button, command, modal_submit};
use crate::fake::{limits, FakeDiscord};

const T: Duration = Duration::from_secs(5);

/// What the bot's handlers did, so tests see serenity's side of each exchange too.
struct Outcome {
    step: String,
    result: serenity::Result<()>,
}

struct SelfTestBot {
    tx: UnboundedSender<Outcome>,
}

impl SelfTestBot {
    fn report(&self, step: impl Into<String>, result: serenity::Result<()>) {
        let _ = self.tx.send(Outcome {
            step: step.into(),
            result,
        });
    }
}

fn safety_buttons() -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(vec![
        CreateButton::new("safe:yes")
            .label("Yes, I'm safe")
            .style(ButtonStyle::Success),
        CreateButton::new("safe:no")
            .label("No")
            .style(ButtonStyle::Danger),
    ])]
}

fn labelled(ids: impl IntoIterator<Item = String>, label: &str) -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(
        ids.into_iter()
            .map(|id| CreateButton::new(id).label(label))
            .collect(),
    )]
}

#[async_trait]
impl EventHandler for SelfTestBot {
    async fn ready(&self, ctx: Context, _ready: Ready) {
        let vehicle = CreateCommandOption::new(
            CommandOptionType::String,
            "vehicle",
            "What are you driving?",
        )
        .set_autocomplete(true);
        let case =
            CreateCommandOption::new(CommandOptionType::String, "case", "Which probe to run")
                .required(true);
        let commands = vec![
            CreateCommand::new("triage")
                .description("Start a roadside triage")
                .add_option(vehicle),
            CreateCommand::new("probe")
                .description("Self-test probes")
                .add_option(case),
        ];
        let result = Command::set_global_commands(&ctx.http, commands)
            .await
            .map(|_| ());
        self.report("register", result);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(cmd) if cmd.data.name == "triage" => {
                let msg = CreateInteractionResponseMessage::new()
                    .content("Are you somewhere safe, away from traffic?")
                    .ephemeral(true)
                    .components(safety_buttons());
                self.report(
                    "triage",
                    cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            Interaction::Command(cmd) => {
                let case = cmd
                    .data
                    .options
                    .first()
                    .and_then(|o| o.value.as_str())
                    .unwrap_or_default()
                    .to_string();
                let reply =
                    |m: CreateInteractionResponseMessage| CreateInteractionResponse::Message(m);
                let msg = CreateInteractionResponseMessage::new();
                match case.as_str() {
                    "content2001" => {
                        // serenity checks content length itself and never sends this...
                        let too_long = msg.content("x".repeat(2001));
                        self.report(
                            "content2001:builder",
                            cmd.create_response(&ctx.http, reply(too_long)).await,
                        );
                        // ...so the raw route is how an over-long body reaches Discord.
                        let body = json!({"type": 4, "data": {"content": "é".repeat(2001)}});
                        self.report(
                            "content2001:raw",
                            ctx.http
                                .create_interaction_response(cmd.id, &cmd.token, &body, vec![])
                                .await,
                        );
                    }
                    "six_buttons" => {
                        let m = msg
                            .content("pick")
                            .components(labelled((0..6).map(|i| format!("b{i}")), "ok"));
                        self.report(case, cmd.create_response(&ctx.http, reply(m)).await);
                    }
                    "long_label" => {
                        let m = msg
                            .content("pick")
                            .components(labelled(["b".to_string()], &"l".repeat(81)));
                        self.report(case, cmd.create_response(&ctx.http, reply(m)).await);
                    }
                    "long_custom_id" => {
                        let m = msg
                            .content("pick")
                            .components(labelled(["c".repeat(101)], "ok"));
                        self.report(case, cmd.create_response(&ctx.http, reply(m)).await);
                    }
                    "double" => {
                        self.report(
                            "double:first",
                            cmd.create_response(&ctx.http, reply(msg.clone().content("one")))
                                .await,
                        );
                        self.report(
                            "double:second",
                            cmd.create_response(&ctx.http, reply(msg.content("two")))
                                .await,
                        );
                    }
                    "slow" => {
                        tokio::time::sleep(Duration::from_millis(3200)).await;
                        self.report(
                            case,
                            cmd.create_response(&ctx.http, reply(msg.content("finally")))
                                .await,
                        );
                    }
                    "defer" => {
                        let defer = CreateInteractionResponse::Defer(msg.ephemeral(true));
                        self.report("defer:ack", cmd.create_response(&ctx.http, defer).await);
                        let edit = EditInteractionResponse::new().content("Checked your location.");
                        self.report(
                            "defer:edit",
                            cmd.edit_response(&ctx.http, edit).await.map(|_| ()),
                        );
                        let follow = CreateInteractionResponseFollowup::new()
                            .content("A volunteer will join you.")
                            .ephemeral(true);
                        self.report(
                            "defer:followup",
                            cmd.create_followup(&ctx.http, follow).await.map(|_| ()),
                        );
                    }
                    "modal" => {
                        let input = CreateInputText::new(
                            InputTextStyle::Paragraph,
                            "What happened?",
                            "details",
                        )
                        .max_length(500);
                        let modal = CreateModal::new("report", "Describe the problem")
                            .components(vec![CreateActionRow::InputText(input)]);
                        self.report(
                            case,
                            cmd.create_response(&ctx.http, CreateInteractionResponse::Modal(modal))
                                .await,
                        );
                    }
                    _ => self.report(
                        "unknown",
                        cmd.create_response(&ctx.http, reply(msg.content("?")))
                            .await,
                    ),
                }
            }
            Interaction::Component(press) => {
                let next = CreateInteractionResponseMessage::new()
                    .content(format!(
                        "You said {}. Switch on your hazard lights.",
                        press.data.custom_id
                    ))
                    .components(labelled(["lights:on".to_string()], "Done"));
                self.report(
                    "press",
                    press
                        .create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(next))
                        .await,
                );
            }
            Interaction::Autocomplete(ac) => {
                let typed = ac
                    .data
                    .autocomplete()
                    .map(|o| o.value.to_string())
                    .unwrap_or_default();
                let choices = ["car", "camper", "motorbike", "van"]
                    .iter()
                    .filter(|v| v.starts_with(&typed))
                    .fold(CreateAutocompleteResponse::new(), |r, v| {
                        r.add_string_choice(*v, *v)
                    });
                self.report(
                    "autocomplete",
                    ac.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(choices))
                        .await,
                );
            }
            Interaction::Modal(submit) => {
                let text = submit
                    .data
                    .components
                    .first()
                    .and_then(|r| r.components.first())
                    .map(|c| format!("{c:?}"))
                    .unwrap_or_default();
                let msg = CreateInteractionResponseMessage::new()
                    .content(format!("Noted: {}", text.len()))
                    .ephemeral(true);
                self.report(
                    "modal:submit",
                    submit
                        .create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            _ => {}
        }
    }
}

struct Bot {
    shard_manager: Arc<ShardManager>,
    task: JoinHandle<serenity::Result<()>>,
    events: UnboundedReceiver<Outcome>,
}

async fn start_bot(server: &FakeDiscord, token: &str) -> Bot {
    let http = HttpBuilder::new(token)
        .proxy(server.api_url())
        .ratelimiter_disabled(true)
        .build();
    let (tx, events) = unbounded_channel();
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
        .event_handler(SelfTestBot { tx })
        .await
        .expect("client builds");
    let shard_manager = Arc::clone(&client.shard_manager);
    let task = tokio::spawn(async move { client.start().await });
    Bot {
        shard_manager,
        task,
        events,
    }
}

impl Bot {
    /// The result of the handler step `step`, skipping other steps.
    async fn outcome(&mut self, step: &str) -> serenity::Result<()> {
        let deadline = tokio::time::Instant::now() + T;
        loop {
            let next = tokio::time::timeout_at(deadline, self.events.recv()).await;
            match next {
                Ok(Some(o)) if o.step == step => return o.result,
                Ok(Some(_)) => {}
                _ => panic!("the bot never reported `{step}`"),
            }
        }
    }

    async fn stop(self) {
        self.shard_manager.shutdown_all().await;
        let _ = tokio::time::timeout(T, self.task)
            .await
            .expect("client stops after shutdown_all");
    }
}

/// Server + bot, with the commands registered and a guild member to act as.
async fn ready_pair() -> (FakeDiscord, Bot, crate::fake::GuildScene) {
    let server = FakeDiscord::start().await;
    let scene = server.simple_guild("stranded_driver");
    let mut bot = start_bot(&server, server.token()).await;
    server.wait_ready(T).await.expect("READY");
    bot.outcome("register").await.expect("commands registered");
    (server, bot, scene)
}

/// Discord's JSON error code and per-field paths, from a serenity error.
fn discord_error(result: serenity::Result<()>) -> (u16, isize, Vec<String>) {
    match result {
        Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(e))) => (
            e.status_code.as_u16(),
            e.error.code,
            e.error.errors.iter().map(|x| x.path.clone()).collect(),
        ),
        other => panic!("expected an HTTP error from Discord, got {other:?}"),
    }
}

#[tokio::test]
async fn ready_and_registration_are_recorded() {
    let (server, bot, _) = ready_pair().await;
    // What serenity calls at start: GET /gateway (unauthenticated) before connecting.
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.path == "/api/v10/gateway")
            .count(),
        1
    );
    let upgrade = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/gateway")
        .expect("ws upgrade");
    assert_eq!(upgrade.query, "v=10");
    let identify = server.current_identify().expect("identified");
    assert_eq!(
        identify["token"],
        format!("Bot {}", server.token()),
        "serenity identifies with the HTTP header value"
    );
    assert_eq!(identify["intents"], 0);
    let put = server.requests_to("PUT", "/applications/*/commands");
    assert_eq!(put.len(), 1);
    assert_eq!(put[0].status, 200);
    let names: Vec<Value> = server
        .commands(None)
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(names, [json!("triage"), json!("probe")]);
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn command_round_trip_then_button_updates_in_place() {
    let (server, mut bot, scene) = ready_pair().await;
    let h = server.dispatch(command("triage").by(&scene.actor)).await;
    let response = server.wait_response(&h, T).await.unwrap();
    assert!(response.accepted());
    assert_eq!(response.kind, 4);
    bot.outcome("triage").await.expect("triage answered");
    let msg = server.original_message(&h).expect("response message");
    assert!(msg.is_ephemeral());
    assert_eq!(msg.visible_to, Some(scene.user.id));
    assert_eq!(msg.custom_ids(), ["safe:yes", "safe:no"]);
    assert_eq!(msg.to_serenity().components.len(), 1);

    let press = server
        .dispatch(button(&msg, "safe:yes").by(&scene.actor))
        .await;
    let update = server.wait_response(&press, T).await.unwrap();
    assert_eq!((update.kind, update.status), (7, 204));
    bot.outcome("press").await.expect("press answered");
    let after = server.message(msg.id).expect("same message");
    assert!(after.content().starts_with("You said safe:yes"));
    assert_eq!(after.custom_ids(), ["lights:on"]);
    assert!(after.is_ephemeral(), "an update keeps the message private");
    assert_eq!(
        server.channel_messages(scene.channel_id).len(),
        1,
        "updated in place, not re-sent"
    );
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn autocomplete_answers_with_choices() {
    let (server, mut bot, scene) = ready_pair().await;
    let h = server
        .dispatch(
            autocomplete("triage")
                .focused("vehicle", "ca")
                .by(&scene.actor),
        )
        .await;
    let r = server.wait_response(&h, T).await.unwrap();
    bot.outcome("autocomplete")
        .await
        .expect("autocomplete answered");
    assert_eq!(r.kind, 8);
    assert_eq!(
        r.data["choices"],
        json!([{"name": "car", "value": "car"}, {"name": "camper", "value": "camper"}])
    );
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn over_limit_payloads_get_50035_and_are_recorded() {
    let (server, mut bot, scene) = ready_pair().await;

    server
        .dispatch(
            command("probe")
                .string("case", "content2001")
                .by(&scene.actor),
        )
        .await;
    let local = bot.outcome("content2001:builder").await;
    assert!(
        matches!(local, Err(serenity::Error::Model(_))),
        "serenity refuses >2000 chars before sending: {local:?}"
    );
    let (status, code, paths) = discord_error(bot.outcome("content2001:raw").await);
    assert_eq!(
        (status, code, paths),
        (400, 50035, vec!["data.content".to_string()])
    );

    for (case, path) in [
        ("six_buttons", "data.components.0.components"),
        ("long_label", "data.components.0.components.0.label"),
        ("long_custom_id", "data.components.0.components.0.custom_id"),
    ] {
        server
            .dispatch(command("probe").string("case", case).by(&scene.actor))
            .await;
        let (status, code, paths) = discord_error(bot.outcome(case).await);
        assert_eq!((status, code), (400, 50035), "{case}");
        assert_eq!(paths, [path], "{case}");
    }
    let violations = server.take_violations();
    assert_eq!(violations.len(), 4, "{violations:#?}");
    assert!(violations
        .iter()
        .all(|v| v.code == 50035 && v.request.contains("/callback")));
    bot.stop().await;
}

#[tokio::test]
async fn second_acknowledgement_gets_40060() {
    let (server, mut bot, scene) = ready_pair().await;
    let h = server
        .dispatch(command("probe").string("case", "double").by(&scene.actor))
        .await;
    bot.outcome("double:first")
        .await
        .expect("first ack accepted");
    let (status, code, _) = discord_error(bot.outcome("double:second").await);
    assert_eq!((status, code), (400, 40060));
    let statuses: Vec<u16> = server.callbacks(&h).iter().map(|c| c.status).collect();
    assert_eq!(statuses, [204, 400]);
    assert_eq!(server.original_message(&h).unwrap().content(), "one");
    server.expect_violation(40060);
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn first_response_after_three_seconds_gets_10062() {
    let (server, mut bot, scene) = ready_pair().await;
    let h = server
        .dispatch(command("probe").string("case", "slow").by(&scene.actor))
        .await;
    let (status, code, _) = discord_error(bot.outcome("slow").await);
    assert_eq!((status, code), (404, 10062));
    let first = server.wait_response(&h, T).await.unwrap();
    assert!(!first.accepted() && first.latency > Duration::from_secs(3));
    assert!(server.original_message(&h).is_none());
    server.expect_violation(10062);
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn deferred_response_edit_and_followup() {
    let (server, mut bot, scene) = ready_pair().await;
    let h = server
        .dispatch(command("probe").string("case", "defer").by(&scene.actor))
        .await;
    for step in ["defer:ack", "defer:edit", "defer:followup"] {
        bot.outcome(step)
            .await
            .unwrap_or_else(|e| panic!("{step}: {e:?}"));
    }
    assert_eq!(server.wait_response(&h, T).await.unwrap().kind, 5);
    let original = server
        .wait_original(&h, T, |m| !m.is_loading())
        .await
        .unwrap();
    assert_eq!(original.content(), "Checked your location.");
    assert!(original.is_ephemeral());
    let followups = server.followups(&h);
    assert_eq!(followups.len(), 1);
    assert!(followups[0].is_ephemeral());
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn modal_open_and_submit() {
    let (server, mut bot, scene) = ready_pair().await;
    let h = server
        .dispatch(command("probe").string("case", "modal").by(&scene.actor))
        .await;
    bot.outcome("modal").await.expect("modal opened");
    assert_eq!(server.modal(&h).unwrap()["custom_id"], "report");
    let submit = server
        .dispatch(modal_submit("report", &[("details", "Flat tyre on the A1")]).by(&scene.actor))
        .await;
    bot.outcome("modal:submit").await.expect("submit answered");
    assert!(server
        .original_message(&submit)
        .unwrap()
        .content()
        .starts_with("Noted"));
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn dm_interaction_round_trip() {
    let server = FakeDiscord::start().await;
    let driver = server.add_user("dm_driver");
    let mut bot = start_bot(&server, server.token()).await;
    server.wait_ready(T).await.unwrap();
    bot.outcome("register").await.unwrap();
    let actor = server.dm_actor(driver.id);
    let h = server.dispatch(command("triage").by(&actor)).await;
    bot.outcome("triage").await.expect("answered in DM");
    let msg = server.original_message(&h).unwrap();
    assert_eq!(msg.channel_id, actor.channel_id);
    assert_eq!(server.interaction(&h).payload["context"], 1);
    let press = server.dispatch(button(&msg, "safe:no").by(&actor)).await;
    assert_eq!(server.wait_response(&press, T).await.unwrap().kind, 7);
    bot.stop().await;
    server.assert_no_violations();
}

#[tokio::test]
async fn bad_token_makes_the_client_fail_instead_of_hanging() {
    let server = FakeDiscord::start().await;
    let bot = start_bot(&server, "not-the-token").await;
    let result = tokio::time::timeout(T, bot.task)
        .await
        .expect("client returns")
        .expect("task ran");
    assert!(
        matches!(
            result,
            Err(serenity::Error::Gateway(
                serenity::gateway::GatewayError::InvalidAuthentication
            ))
        ),
        "{result:?}"
    );
    assert_eq!(
        server
            .take_violations()
            .iter()
            .map(|v| v.code)
            .collect::<Vec<_>>(),
        [4004]
    );
    assert_eq!(server.identified_count(), 0);
}

#[tokio::test]
async fn resume_then_a_restarted_bot_takes_over() {
    let (server, mut bot, scene) = ready_pair().await;
    // A dropped connection makes serenity RESUME on a new socket; the session carries on.
    assert!(server.disconnect_gateway(4000));
    server.wait_resumed_count(1, T).await.unwrap();
    let h = server.dispatch(command("triage").by(&scene.actor)).await;
    bot.outcome("triage").await.expect("answered after resume");
    assert!(server.wait_response(&h, T).await.unwrap().accepted());
    bot.stop().await;

    // A crashed process: its runtime goes away with its sockets, mid-session.
    let (api, token) = (server.api_url(), server.token().to_string());
    let crashed = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    crashed.spawn(async move {
        let http = HttpBuilder::new(token)
            .proxy(api)
            .ratelimiter_disabled(true)
            .build();
        let (tx, _rx) = unbounded_channel();
        let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
            .event_handler(SelfTestBot { tx })
            .await
            .unwrap();
        let _ = client.start().await;
    });
    server.wait_identified_count(2, T).await.unwrap();
    crashed.shutdown_background();

    // The next process identifies afresh and dispatches go to it.
    let mut fresh = start_bot(&server, server.token()).await;
    server.wait_identified_count(3, T).await.unwrap();
    fresh.outcome("register").await.unwrap();
    let h = server.dispatch(command("triage").by(&scene.actor)).await;
    fresh.outcome("triage").await.expect("the new bot answers");
    assert!(server.wait_response(&h, T).await.unwrap().accepted());
    fresh.stop().await;
    server.assert_no_violations();
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
