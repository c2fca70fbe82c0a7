//! `pitcrew backup` and `pitcrew restore` as an operator runs them: exit codes and the one
//! line each prints.

use std::path::Path;
use std::process::{Command, Output};

use pitcrew::domain::{Member, Scope, Timestamp};
use pitcrew::guide::GuideVersion;
use pitcrew::store::Store;
use pitcrew::triage::{State, Status};

fn pitcrew(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pitcrew"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("pitcrew.db").display()),
        )
        .output()
        .expect("pitcrew runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn backup_then_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("pitcrew.db").display());
    let store = Store::open(&url).await.unwrap();
    let state = State {
        node: "start".into(),
        path: vec![],
        step: 0,
        status: Status::Active,
    };
    let kept = store
        .start_session(
            &Member::Local("you".into()),
            &Scope::Dm,
            "drill",
            &GuideVersion("v".into()),
            &state,
            Timestamp(1),
        )
        .await
        .unwrap();
    // Still open, as the bot would have it: backups do not mind.
    let out = pitcrew(dir.path(), &["backup", "copy.db"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("copy.db: backup written (integrity ok"),
        "{said}"
    );
    assert!(said.contains("1 sessions"), "{said}");

    let again = pitcrew(dir.path(), &["backup", "copy.db"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );

    // Restores wait for the bot to stop.
    let busy = pitcrew(dir.path(), &["restore", "copy.db"]);
    assert_eq!(busy.status.code(), Some(1));
    assert!(stderr(&busy).contains("is in use"), "{}", stderr(&busy));
    store.close().await;

    let out = pitcrew(dir.path(), &["restore", "copy.db"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let back = Store::open(&url).await.unwrap();
    assert!(back.session(kept.id).await.unwrap().is_some());
    back.close().await;
}
