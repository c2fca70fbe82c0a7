//! `pitcrew forget --user ID` end to end: it asks first, clears the member's rows, says how
//! many, and says plainly that the cards already on Discord keep their text.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use pitcrew::domain::{Car, GuildId, Member, Timestamp, UserId};
use pitcrew::store::Store;

const ALICE: UserId = UserId(80_351_110_224_678_912);
const BOB: UserId = UserId(80_351_110_224_678_913);

fn pitcrew(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitcrew"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("DATABASE_URL", db_url(dir))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pitcrew starts");
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("pitcrew finishes")
}

fn db_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("pitcrew.db").display())
}

/// Alice and Bob each with a saved car and Alice on duty; the store is closed again.
async fn plant(dir: &Path) {
    let store = Store::open(&db_url(dir)).await.expect("open");
    let car: Car = "MINI Cooper 2006".parse().expect("car");
    for who in [ALICE, BOB] {
        store
            .save_car(&Member::Discord(who), &car, Timestamp(1))
            .await
            .expect("car");
    }
    store
        .set_on_duty(GuildId(1), ALICE, true, Timestamp(1))
        .await
        .expect("duty");
    store.close().await;
}

async fn cars(dir: &Path) -> (bool, bool) {
    let store = Store::open(&db_url(dir)).await.expect("open");
    let out = (
        store
            .car(&Member::Discord(ALICE))
            .await
            .expect("read")
            .is_some(),
        store
            .car(&Member::Discord(BOB))
            .await
            .expect("read")
            .is_some(),
    );
    store.close().await;
    out
}

#[tokio::test]
async fn forget_asks_first_and_a_no_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    plant(dir.path()).await;
    let out = pitcrew(
        dir.path(),
        &["forget", "--user", &ALICE.get().to_string()],
        "no\n",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("Type yes"), "{stdout}");
    assert!(stdout.contains("Nothing was changed"), "{stdout}");
    assert_eq!(cars(dir.path()).await, (true, true));
}

#[tokio::test]
async fn forget_with_yes_clears_the_member_and_says_what_it_did() {
    let dir = tempfile::tempdir().expect("temp dir");
    plant(dir.path()).await;
    let out = pitcrew(
        dir.path(),
        &["forget", "--user", &ALICE.get().to_string()],
        "yes\n",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("0 session(s) and 0 handoff(s) cleared")
            && stdout.contains("saved car deleted"),
        "{stdout}"
    );
    assert_eq!(cars(dir.path()).await, (false, true));
    // `--yes` does not ask; nothing is left the second time.
    let out = pitcrew(
        dir.path(),
        &["forget", "--user", &ALICE.get().to_string(), "--yes"],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("Type yes") && stdout.contains("no saved car"),
        "{stdout}"
    );
}

#[test]
fn forget_refuses_the_anonymous_marker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = pitcrew(dir.path(), &["forget", "--user", "0", "--yes"], "");
    assert_eq!(out.status.code(), Some(2));
}
