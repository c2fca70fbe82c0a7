//! `pitcrew doctor` as an operator runs it: the real binary against the local Discord server.

use std::process::{Output, Stdio};

use tokio::process::Command;

use crate::fake::FakeDiscord;
use crate::harness::{manifest, Pit, T};

async fn doctor(env: &[(&str, String)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitcrew"));
    cmd.arg("doctor")
        .env_clear()
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("pitcrew starts");
    tokio::time::timeout(T, child.wait_with_output())
        .await
        .expect("pitcrew exits")
        .expect("output")
}

fn report(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn a_running_bots_setup_is_all_ok_in_order() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, std::time::Duration::from_secs(600)).await;
    // Invited with `pitcrew invite`'s link: a role with exactly what it uses.
    let role = pit.server.add_role(
        pit.scene.guild_id,
        "pitcrew",
        pitcrew::discord::permissions::all().bits(),
    );
    pit.server
        .add_member(pit.scene.guild_id, pit.server.bot_user_id(), &[role]);
    let env = [
        ("DISCORD_TOKEN", pit.server.token().to_string()),
        ("DISCORD_API_URL", pit.server.api_url()),
        ("DATABASE_URL", pit.db_url.clone()),
        ("CONTENT_DIR", pit.content.display().to_string()),
    ];
    let out = doctor(&env).await;
    let lines = report(&out);
    let whats: Vec<&str> = lines
        .iter()
        .map(|l| l.split(':').next().unwrap_or_default())
        .collect();
    assert_eq!(
        whats,
        [
            "ok    settings",
            "ok    content",
            "ok    database",
            "ok    token",
            "ok    gateway",
            "ok    commands",
            &*format!("ok    server {}", pit.scene.guild_id),
        ],
        "{lines:#?}"
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        lines[3].contains(&pit.server.application_id().to_string()),
        "{}",
        lines[3]
    );
    assert!(lines[2].contains("migrated, writable"), "{}", lines[2]);
    assert!(lines[2].contains("MB free"), "{}", lines[2]);

    // The help channel shuts pitcrew's role out of private threads.
    pit.server
        .set_overwrites(crew.help, &[(role, 0, 0, 1 << 36)]);
    let out = doctor(&env).await;
    let lines = report(&out);
    assert_eq!(out.status.code(), Some(1), "{lines:#?}");
    let last = lines.last().unwrap();
    assert!(
        last.starts_with(&format!(
            "FAIL  server {}: ⚠️ pitcrew lacks **Create Private Threads** in <#{}>",
            pit.scene.guild_id, crew.help
        )),
        "{last}"
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn what_is_broken_is_named_with_its_fix_and_exits_1() {
    let server = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let base = vec![
        ("DISCORD_API_URL", server.api_url()),
        ("CONTENT_DIR", manifest("content").display().to_string()),
        (
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("pitcrew.db").display()),
        ),
    ];
    // A token Discord refuses: said once, and nothing after it is tried.
    let mut env = base.clone();
    env.push(("DISCORD_TOKEN", "MTIz.wrong.never-print-me".into()));
    let out = doctor(&env).await;
    let lines = report(&out);
    assert_eq!(out.status.code(), Some(1));
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("FAIL  token: Discord rejected DISCORD_TOKEN"),
        "{lines:#?}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("never-print-me"));
    assert!(
        lines[2].starts_with("ok    database: ") && lines[2].contains("does not exist yet"),
        "{lines:#?}"
    );

    // A good token, but the bot never ran: its commands are not registered.
    let mut env = base.clone();
    env.push(("DISCORD_TOKEN", server.token().to_string()));
    let out = doctor(&env).await;
    let lines = report(&out);
    assert_eq!(out.status.code(), Some(1), "{lines:#?}");
    assert!(
        lines[5].starts_with("FAIL  commands: not registered: /triage"),
        "{lines:#?}"
    );
    assert!(lines[5].contains("pitcrew run"), "{lines:#?}");

    // No token at all.
    let out = doctor(&base).await;
    let lines = report(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        lines[0].starts_with("FAIL  settings: DISCORD_TOKEN is not set"),
        "{lines:#?}"
    );
    let _ = server.take_violations();
}
