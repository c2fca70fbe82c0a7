//! Live content: guide files added, edited, broken and fixed in the bot's content folder while
//! it runs, without a restart. The bot watches the folder; a change that passes `check` is live
//! at once (autocomplete, the picker, new walks), a session open across an edit continues under
//! the rules for edited guides, and a change that fails keeps the running guides and tells the
//! moderators' log channel once. `/pitcrew reload` does the same on demand.
//!
//! Every file is written the way editors save: to a temporary name, then renamed over the guide.
//! Every wait is on a condition the member or the moderator can see, with a timeout.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::fake::builders::{autocomplete, command};
use crate::fake::{Actor, StoredMessage};
use crate::harness::logs::logged;
use crate::harness::screen::{description, labels};
use crate::harness::{Options, Pit, DRILL};

/// A reload waits for the folder to settle, then loads every guide: allow for a slow machine.
const RELOADED: Duration = Duration::from_secs(15);

/// Writes `text` to `dir/name` as editors do: a temporary file renamed over the guide.
fn save(dir: &Path, name: &str, text: &str) {
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).expect("write the temporary file");
    std::fs::rename(&tmp, dir.join(name)).expect("rename over the guide");
}

/// The drill guide as shipped in the fixtures, with `title` instead of its own.
fn drill(pit: &Pit, title: &str) -> String {
    let text = std::fs::read_to_string(crate::harness::manifest(
        "tests/fixtures/discord/wheel-drill.toml",
    ))
    .expect("the drill fixture");
    assert!(pit.content.join(format!("{DRILL}.toml")).exists());
    text.replace(
        "title = \"Wheel change drill\"",
        &format!("title = \"{title}\""),
    )
}

/// (title, id) of every choice the bot's autocomplete offers for `typed`.
async fn offered(pit: &Pit, actor: &Actor, typed: &str) -> Vec<(String, String)> {
    let payload = autocomplete("triage").focused("guide", typed).by(actor);
    let answer = pit.answer(pit.server.dispatch(payload).await).await;
    answer.callback.data["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .map(|c: &Value| {
            let s = |k: &str| c[k].as_str().expect("a string choice").to_string();
            (s("name"), s("value"))
        })
        .collect()
}

/// Asks autocomplete until it offers a guide titled `title` (the reload is live).
async fn wait_offered(pit: &Pit, actor: &Actor, typed: &str, title: &str) {
    let start = Instant::now();
    loop {
        let now = offered(pit, actor, typed).await;
        if now.iter().any(|(t, _)| t == title) {
            return;
        }
        assert!(
            start.elapsed() < RELOADED,
            "autocomplete never offered `{title}` for {typed:?}: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Adds a log channel and a moderator, and sets the log channel with `/pitcrew setup`.
async fn log_channel(pit: &Pit) -> (u64, Actor) {
    let crew = pit.crew();
    let log = pit.server.add_text_channel(pit.scene.guild_id, "mod-log");
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);
    let setup = command("pitcrew")
        .sub("setup")
        .channel("log_channel", &pit.server.resolved_channel(log))
        .by(&moderator);
    let said = pit.answer(pit.server.dispatch(setup).await).await.message();
    assert!(
        said.content().contains(&format!(
            "Moderators' log (guide problems at a reload): <#{log}>"
        )),
        "{}",
        said.content()
    );
    (log, moderator)
}

/// `/pitcrew reload` by `actor`: the private answer.
async fn reload(pit: &Pit, actor: &Actor) -> StoredMessage {
    let cmd = command("pitcrew").sub("reload").by(actor);
    let note = pit.answer(pit.server.dispatch(cmd).await).await.message();
    assert!(note.is_ephemeral(), "the result is for the moderator only");
    note
}

#[tokio::test]
async fn guides_added_edited_broken_and_fixed_while_the_bot_runs() {
    let pit = Pit::start_with(Options {
        watch: true,
        ..Options::default()
    })
    .await;
    let (log, moderator) = log_channel(&pit).await;
    let member = pit.scene.actor.clone();
    let other = pit.other_member("second_driver");

    // A session open on the drill's second step, across every change below.
    let first = pit.triage(&member, Some(DRILL)).await.message();
    let on_jack = pit
        .press(&member, &first, "Yes, we are safe")
        .await
        .message();
    assert!(description(&on_jack).contains("Find the jack"));

    // Added: a new guide is offered and can be started at once.
    let added = drill(&pit, "Spare wheel drill")
        .replace(&format!("id = \"{DRILL}\""), "id = \"spare-drill\"");
    save(&pit.content, "spare-drill.toml", &added);
    wait_offered(&pit, &other, "spare", "Spare wheel drill").await;
    let started = pit.triage(&other, Some("spare-drill")).await.message();
    assert!(
        description(&started).contains("Is everyone safe"),
        "{started:?}"
    );

    // Edited: the drill's new title is live, and the open session continues: its node still
    // exists, so the member's next choice first shows the edited guide, then goes on.
    let edited = drill(&pit, "Wheel change drill, revised")
        .replace("in the boot floor", "under the boot floor");
    save(&pit.content, &format!("{DRILL}.toml"), &edited);
    wait_offered(&pit, &other, "wheel", "Wheel change drill, revised").await;
    let updated = pit.press(&member, &on_jack, "Found them").await.message();
    let text = description(&updated);
    assert!(text.contains("under the boot floor"), "{text}");
    let moved = pit.press(&member, &updated, "Found them").await.message();
    assert!(
        description(&moved).contains("Loosen each wheel nut"),
        "{moved:?}"
    );

    // Broken: an unknown target. The running set stays, and the log channel hears it once,
    // with the file and line as `pitcrew check` prints them.
    let broken = edited.replace("goto = \"done\"", "goto = \"nowhere\"");
    save(&pit.content, &format!("{DRILL}.toml"), &broken);
    let posted = pit
        .wait_messages(log, 1, "the refusal in the log channel")
        .await;
    let said = posted[0].content();
    assert!(said.contains("running guides stay"), "{said}");
    let file = pit.content.join(format!("{DRILL}.toml"));
    // FILE:LINE as `check` prints them: the line of the broken target.
    let line = 1 + broken
        .lines()
        .position(|l| l.contains("\"nowhere\""))
        .expect("the broken line");
    assert!(
        said.contains(&format!("{}:{line}:", file.display())) && said.contains("nowhere"),
        "{said}"
    );
    let post = pit
        .server
        .requests_to("POST", &format!("/channels/{log}/messages"));
    let body = post[0].body.clone().expect("a body");
    assert_eq!(
        body["allowed_mentions"]["parse"],
        serde_json::json!([]),
        "guide text pings no one"
    );
    let dir = pit.content.display().to_string();
    let in_log = logged(|e| {
        e.level == tracing::Level::WARN
            && e.fields.get("dir") == Some(&dir)
            && e.message.contains("nowhere")
    });
    assert!(!in_log.is_empty(), "the problems go to the log too");
    let still = offered(&pit, &other, "wheel").await;
    assert!(
        still
            .iter()
            .any(|(t, _)| t == "Wheel change drill, revised"),
        "the running set stays: {still:?}"
    );
    // The member carries on on the running guide.
    let done = pit
        .press(&member, &moved, "Wheel is changed")
        .await
        .message();
    assert!(description(&done).contains("Well done"), "{done:?}");

    // The same broken content met again (saved again, and reloaded by hand) is not news.
    save(&pit.content, &format!("{DRILL}.toml"), &broken);
    let again = reload(&pit, &moderator).await;
    assert!(again.content().contains("nowhere"), "{}", again.content());

    // Fixed: live again, and the log channel said the breakage once.
    save(
        &pit.content,
        &format!("{DRILL}.toml"),
        &drill(&pit, "Wheel change drill, fixed"),
    );
    wait_offered(&pit, &other, "wheel", "Wheel change drill, fixed").await;
    let third = pit.other_member("third_driver");
    let after = pit.triage(&third, Some(DRILL)).await.message();
    assert!(labels(&after).iter().any(|l| l == "Yes, we are safe"));
    assert_eq!(
        pit.server.channel_messages(log).len(),
        1,
        "one post for one broken change"
    );
    assert_eq!(
        pit.server.requests_to("PUT", &pit.commands_route()).len(),
        1,
        "the commands did not change, so they were not registered again"
    );
    pit.server.assert_no_violations();
    // The watcher is one of the tasks a stop waits for, and it ends at the stop.
    let mut pit = pit;
    pit.stop().await;
}

#[tokio::test]
async fn pitcrew_reload_answers_with_the_result_when_watching_is_off() {
    let pit = Pit::start().await;
    let (log, moderator) = log_channel(&pit).await;
    let member = pit.scene.actor.clone();

    // Watching is off: a moderator's reload makes the new guide live.
    let added = drill(&pit, "Spare wheel drill")
        .replace(&format!("id = \"{DRILL}\""), "id = \"spare-drill\"");
    save(&pit.content, "spare-drill.toml", &added);
    let guides = pitcrew::guide::load_library(&pit.content).unwrap().len();
    let said = reload(&pit, &moderator).await;
    assert_eq!(
        said.content(),
        format!("✅ Reloaded: {guides} guide(s) are live. Open guides continue where they can.")
    );
    let now = offered(&pit, &member, "spare").await;
    assert!(now.iter().any(|(_, id)| id == "spare-drill"), "{now:?}");
    assert_eq!(
        pit.server.requests_to("PUT", &pit.commands_route()).len(),
        1,
        "a new guide changes no command: nothing registered again"
    );

    // Broken: the answer lists the problems, the log channel hears them, the set stays.
    let broken = added.replace("goto = \"done\"", "goto = \"nowhere\"");
    save(&pit.content, "spare-drill.toml", &broken);
    let said = reload(&pit, &moderator).await;
    let text = said.content();
    assert!(text.contains("were not reloaded"), "{text}");
    let file = pit.content.join("spare-drill.toml");
    assert!(text.contains(&format!("{}:", file.display())), "{text}");
    assert!(text.chars().count() <= 2000);
    let posted = pit
        .wait_messages(log, 1, "the refusal in the log channel")
        .await;
    assert!(posted[0].content().contains("nowhere"));
    // Watching was off all along: the folder was never watched.
    let this_folder = |message: &str| {
        let dir = pit.content.display().to_string();
        logged(move |e| e.message.starts_with(message) && e.fields.get("dir") == Some(&dir)).len()
    };
    assert_eq!(this_folder("CONTENT_WATCH is off"), 1);
    assert_eq!(this_folder("watching the content folder"), 0);
    let still = offered(&pit, &member, "spare").await;
    assert!(still.iter().any(|(_, id)| id == "spare-drill"), "{still:?}");

    // A member without Manage Server is refused, and nothing is reloaded.
    let refused = reload(&pit, &member).await;
    assert!(
        refused.content().contains("Manage Server"),
        "{}",
        refused.content()
    );
    assert_eq!(pit.server.channel_messages(log).len(), 1);
    pit.server.assert_no_violations();
}

/// A German moderator's `/pitcrew reload` answers in German, and a German server's log channel
/// hears the refusal in German (the server's language, recorded by its setup).
#[tokio::test]
async fn a_german_server_hears_reloads_in_german() {
    use pitcrew::guide::Lang;
    use pitcrew::i18n::{text_with, Arg, Msg};
    let pit = Pit::start().await;
    let crew = pit.crew();
    let log = pit.server.add_text_channel(pit.scene.guild_id, "mod-log");
    let moderator = pit
        .actor_in(pit.scene.channel_id, crew.moderator.id)
        .with_locale("de")
        .with_guild_locale("de");
    let setup = command("pitcrew")
        .sub("setup")
        .channel("log_channel", &pit.server.resolved_channel(log))
        .by(&moderator);
    pit.answer(pit.server.dispatch(setup).await).await.message();

    let guides = pitcrew::guide::load_library(&pit.content).unwrap().len();
    let said = reload(&pit, &moderator).await;
    let done = text_with(
        Lang::De,
        Msg::ReloadDone,
        &[(Arg::Number, &guides.to_string())],
    );
    assert_eq!(said.content(), done);

    let broken = drill(&pit, "Spare wheel drill")
        .replace(&format!("id = \"{DRILL}\""), "id = \"spare-drill\"")
        .replace("goto = \"done\"", "goto = \"nowhere\"");
    save(&pit.content, "spare-drill.toml", &broken);
    // Two problems: the broken goto, and the end node it no longer reaches.
    let refused = text_with(Lang::De, Msg::ReloadRefused, &[(Arg::Number, "2")]);
    let said = reload(&pit, &moderator).await;
    assert!(said.content().starts_with(&refused), "{}", said.content());
    let posted = pit
        .wait_messages(log, 1, "the refusal in the log channel")
        .await;
    assert!(
        posted[0].content().starts_with(&refused),
        "{}",
        posted[0].content()
    );
    pit.server.assert_no_violations();
}
