//! `pitcrew invite` as an operator runs it: the real binary against the local Discord server,
//! which answers `GET /oauth2/applications/@me` as Discord does.

use std::process::Stdio;

use pitcrew::discord::permissions;
use tokio::process::Command;

use crate::fake::FakeDiscord;
use crate::harness::T;

async fn invite(server: &FakeDiscord, token: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_pitcrew"))
        .arg("invite")
        .env_clear()
        .env("DISCORD_TOKEN", token)
        .env("DISCORD_API_URL", server.api_url())
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("pitcrew starts");
    tokio::time::timeout(T, child.wait_with_output())
        .await
        .expect("pitcrew exits")
        .expect("output")
}

#[tokio::test]
async fn invite_prints_the_tokens_application_with_exactly_the_permissions_used() {
    let server = FakeDiscord::start().await;
    let out = invite(&server, server.token()).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.trim(),
        format!(
            "https://discord.com/oauth2/authorize?client_id={}&scope=bot+applications.commands&permissions={}",
            server.application_id(),
            permissions::all().bits()
        )
    );
    assert_eq!(
        server.requests_to("GET", "/oauth2/applications/@me").len(),
        1
    );
    server.assert_no_violations();
}

#[tokio::test]
async fn invite_with_a_rejected_token_exits_2_without_printing_it() {
    let server = FakeDiscord::start().await;
    let token = "MTIz.wrong.never-print-me";
    let out = invite(&server, token).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("rejected DISCORD_TOKEN"), "{stderr}");
    assert!(!stderr.contains("never-print-me"));
    assert!(out.stdout.is_empty());
    let _ = server.take_violations();
}
