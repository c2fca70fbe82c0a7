//! `pitcrew run` as an operator starts it: the real binary, a clean environment, its own
//! working folder, and the fake server as DISCORD_API_URL.

use std::path::Path;
use std::process::{Output, Stdio};

use tokio::process::Command;

use crate::fake::FakeDiscord;
use crate::harness::{manifest, T};

/// `pitcrew run` with exactly `env`, in a fresh folder (so no stray `.env` is read).
pub fn pitcrew_run(dir: &Path, env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitcrew"));
    cmd.arg("run")
        .env_clear()
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

async fn finish(cmd: &mut Command) -> Output {
    let child = cmd.spawn().expect("pitcrew starts");
    tokio::time::timeout(T, child.wait_with_output())
        .await
        .expect("pitcrew exits on its own")
        .expect("output")
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn base_env(dir: &Path, content: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("CONTENT_DIR", content.display().to_string()),
        (
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("pitcrew.db").display()),
        ),
    ]
}

#[tokio::test]
async fn without_a_token_run_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let env = base_env(dir.path(), &manifest("content"));
    let out = finish(&mut pitcrew_run(dir.path(), &env)).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stdout, "");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one clear line: {stderr}");
    assert!(
        lines[0].starts_with("error: DISCORD_TOKEN is not set"),
        "{}",
        lines[0]
    );
}

#[tokio::test]
async fn a_rejected_token_exits_2_and_is_never_printed() {
    let server = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx9Zab.wrong-secret-never-print-me";
    let mut env = base_env(dir.path(), &manifest("content"));
    env.push(("DISCORD_TOKEN", token.into()));
    env.push(("DISCORD_API_URL", server.api_url()));
    // The most talkative logging there is: the token must not appear even there.
    env.push(("RUST_LOG", "trace".into()));
    let out = finish(&mut pitcrew_run(dir.path(), &env)).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for secret in [token, "wrong-secret-never-print-me"] {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "the token leaked:\n{stdout}\n{stderr}"
        );
    }
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].contains("rejected DISCORD_TOKEN") && errors[0].contains("401"),
        "{}",
        errors[0]
    );
    assert!(!stderr.contains("panicked"));
    // It asked once, with the bad token, and never tried the gateway.
    let asked = server.requests_to("GET", "/users/@me");
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].status, 401);
    assert_eq!(server.identified_count(), 0);
    let violations = server.take_violations();
    assert!(
        violations.iter().all(|v| v.status == 401),
        "{violations:#?}"
    );
}

#[tokio::test]
async fn content_that_fails_check_keeps_the_bot_from_starting() {
    let server = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::copy(
        manifest("tests/fixtures/guides/unknown-target/stuck-key.toml"),
        content.join("stuck-key.toml"),
    )
    .unwrap();
    let mut env = base_env(dir.path(), &content);
    env.push(("DISCORD_TOKEN", server.token().to_string()));
    env.push(("DISCORD_API_URL", server.api_url()));
    let out = finish(&mut pitcrew_run(dir.path(), &env)).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("have problems"), "{stderr}");
    assert!(
        stderr.lines().any(|l| l.contains("stuck-key.toml:")),
        "each problem names its file and line: {stderr}"
    );
    assert!(!stdout.contains(server.token()) && !stderr.contains(server.token()));
    assert!(
        server.requests().is_empty(),
        "refused before contacting Discord"
    );
}

#[tokio::test]
async fn sigint_stops_a_connected_bot_with_exit_0() {
    let server = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut env = base_env(dir.path(), &manifest("content"));
    env.push(("DISCORD_TOKEN", server.token().to_string()));
    env.push(("DISCORD_API_URL", server.api_url()));
    // IDENTIFY carries the token; not even trace logging may show it.
    env.push(("RUST_LOG", "trace".into()));
    // Trace logs outgrow a pipe's buffer long before the test reads it, and a child blocked
    // on a full pipe stops talking to Discord: the log goes to a file instead.
    let log_path = dir.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let child = pitcrew_run(dir.path(), &env)
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap();
    server.wait_ready(T).await.expect("the binary connects");
    server
        .wait_request("PUT", "/applications/*/commands", T)
        .await
        .expect("and registers /triage");
    let pid = child.id().expect("running").to_string();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = tokio::time::timeout(T, child.wait_with_output())
        .await
        .expect("exits after SIGINT")
        .unwrap();
    let stderr = std::fs::read_to_string(&log_path).unwrap();
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    assert_eq!(out.status.code(), Some(0), "{:?} {tail:?}", out.status);
    assert!(stderr.contains("stopped"), "{stderr}");
    assert!(stderr.lines().count() > 10, "trace logging was on");
    assert!(
        !stderr.contains(server.token()),
        "the token leaked into the log"
    );
    server.assert_no_violations();
}
