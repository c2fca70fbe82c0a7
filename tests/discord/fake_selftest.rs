//! Proves the fake server against a minimal real serenity 0.12 bot, wired the way the product
//! wires its client (proxy + ratelimiter disabled + `ClientBuilder::new_with_http`).

mod bot;
mod files;
mod offline;

use std::time::Duration;

use serde_json::{json, Value};
use serenity::all::{ClientBuilder, GatewayIntents, HttpBuilder};
use tokio::sync::mpsc::unbounded_channel;

use crate::fake::builders::{autocomplete, button, command, modal_submit};
use crate::fake::{Config, FakeDiscord};
use bot::{discord_error, ready_pair, start_bot, SelfTestBot, T};

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
    // A dropped connection makes serenity RESUME on a new socket; what was sent meanwhile is
    // replayed: the bot resumes from a sequence number older than the interaction's.
    assert!(server.disconnect_gateway(4000));
    let h = server.dispatch(command("triage").by(&scene.actor)).await;
    bot.outcome("triage").await.expect("answered after resume");
    assert!(server.wait_response(&h, T).await.unwrap().accepted());
    assert_eq!(server.resumed_count(), 1);
    let resume = server
        .gateway_frames()
        .into_iter()
        .find(|f| f.op == 6)
        .expect("RESUME");
    assert!(
        resume.d["seq"].as_u64().unwrap() < h.seq,
        "the interaction came by replay"
    );
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
async fn short_heartbeats_are_acknowledged() {
    let cfg = Config {
        heartbeat_interval_ms: 100,
        ..Config::default()
    };
    let server = FakeDiscord::start_with(cfg).await;
    let mut bot = start_bot(&server, server.token()).await;
    server.wait_ready(T).await.unwrap();
    bot.outcome("register").await.unwrap();
    let beats = |s: &FakeDiscord| s.gateway_frames().iter().filter(|f| f.op == 1).count();
    server
        .wait_until(T, "two heartbeats", |s| Some(beats(s)).filter(|n| *n >= 2))
        .await
        .unwrap();
    // An unacknowledged heartbeat would have made serenity reconnect.
    assert_eq!((server.identified_count(), server.resumed_count()), (1, 0));
    bot.stop().await;
    server.assert_no_violations();
}

/// Two live sessions on one shard would both get its events: Discord's answer is a mess, the
/// fake's is a violation (a restarted bot's new IDENTIFY, after its old socket closed, is fine:
/// see `resume_then_a_restarted_bot_takes_over`).
#[tokio::test]
async fn a_second_identify_for_a_connected_shard_is_a_violation() {
    let (server, bot, _scene) = ready_pair().await;
    let other = start_bot(&server, server.token()).await;
    server.wait_identified_count(2, T).await.unwrap();
    server
        .wait_until(T, "the duplicate judged", |s| {
            (!s.violations().is_empty()).then_some(())
        })
        .await
        .unwrap();
    let v = server.expect_violation(4010);
    assert!(format!("{v}").contains("already connected"), "{v}");
    other.stop().await;
    bot.stop().await;
}
