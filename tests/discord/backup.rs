//! `pitcrew backup` while members walk guides: the copy opens, passes the integrity check and
//! holds every answer committed before the backup began; and the bot's own daily backup.

use std::collections::BTreeMap;
use std::process::Stdio;

use pitcrew::domain::SessionId;
use pitcrew::store::{self, Store};
use tokio::sync::oneshot;

use crate::fake::{Actor, FakeDiscord};
use crate::harness::screen::step_of;
use crate::harness::{manifest, Pit, DRILL, T};

/// Presses between the safety screen and the next one, `n` times; after `signal_after`
/// presses, says so on `signal` (once).
async fn walk(
    pit: &Pit,
    me: &Actor,
    n: usize,
    mut signal: Option<(usize, oneshot::Sender<()>)>,
) -> SessionId {
    let first = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&first);
    for i in 0..n {
        let label = if i % 2 == 0 {
            "Yes, we are safe"
        } else {
            "Back"
        };
        let answer = pit.press(me, &first, label).await;
        assert_eq!(answer.kind(), 7, "{label} advanced in place");
        if signal.as_ref().is_some_and(|(after, _)| *after == i + 1) {
            if let Some((_, tx)) = signal.take() {
                let _ = tx.send(());
            }
        }
    }
    session
}

#[tokio::test]
async fn a_backup_while_members_walk_holds_every_answer_committed_before_it() {
    let pit = Pit::start().await;
    let members = [
        pit.scene.actor.clone(),
        pit.other_member("second_driver"),
        pit.other_member("third_driver"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    let (go, started) = oneshot::channel();
    let backup = async {
        // Members have answered a few steps and keep going meanwhile.
        started.await.expect("the first member signals");
        let mut before: BTreeMap<SessionId, Vec<String>> = BTreeMap::new();
        for m in &members {
            if let Some(s) = pit.open_session(m).await {
                before.insert(s.id, pit.answer_labels(s.id).await);
            }
        }
        let report = store::backup(&pit.db_url, &copy)
            .await
            .expect("backup while the bot runs");
        (before, report)
    };
    let (a, b, c, (before, report)) = tokio::join!(
        walk(&pit, &members[0], 24, Some((6, go))),
        walk(&pit, &members[1], 24, None),
        walk(&pit, &members[2], 24, None),
        backup,
    );
    assert!(
        before.contains_key(&a),
        "the signalling member had a session"
    );
    assert!(report.answers >= 6, "{report}");

    let checked = store::check_copy(&copy)
        .await
        .expect("integrity check passes");
    assert_eq!(checked, report);
    let opened = Store::open(&format!("sqlite://{}", copy.display()))
        .await
        .expect("the copy opens as a pitcrew database");
    for (session, answered) in &before {
        let kept: Vec<String> = opened
            .answers(*session)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.choice)
            .collect();
        assert!(
            kept.starts_with(answered),
            "session {session}: every answer committed before the backup is in it\nbefore: {answered:?}\nkept: {kept:?}"
        );
    }
    opened.close().await;
    for s in [a, b, c] {
        assert_eq!(pit.answers(s).await.len(), 24, "the bot kept answering");
    }
    pit.server.assert_no_violations();
}

/// `pitcrew run` with BACKUP_DIR takes its first backup at once (none is there yet) and still
/// stops cleanly on SIGTERM with the backup task tracked.
#[tokio::test]
async fn the_running_bot_takes_its_daily_backup_and_stops_cleanly() {
    let server = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let env = [
        ("DISCORD_TOKEN", server.token().to_string()),
        ("DISCORD_API_URL", server.api_url()),
        ("CONTENT_DIR", manifest("content").display().to_string()),
        (
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("pitcrew.db").display()),
        ),
        ("BACKUP_DIR", backups.display().to_string()),
        ("BACKUP_KEEP", "3".to_string()),
    ];
    let child = crate::binary::pitcrew_run(dir.path(), &env)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    server.wait_ready(T).await.expect("the binary connects");
    // The file system has no change signal the test can wait on: look until it is there.
    let finished = || {
        std::fs::read_dir(&backups)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .find(|n| pitcrew::store::taken_at(n).is_some())
    };
    let name = tokio::time::timeout(T, async {
        loop {
            if let Some(n) = finished() {
                return n;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("a backup is taken at start");
    let pid = child.id().expect("running").to_string();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = tokio::time::timeout(T, child.wait_with_output())
        .await
        .expect("exits after SIGTERM")
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    pitcrew::store::check_copy(&backups.join(name))
        .await
        .expect("the backup passes the check");
}
