//! Backups and restores on real SQLite files: a backup taken while the store writes holds
//! every answer committed before it began and passes the check; a restore refuses a database
//! in use and a damaged or foreign copy, and otherwise brings the copy's rows back; the daily
//! backups keep the newest N, on paused time.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use pitcrew::domain::time::TokioClock;
use pitcrew::domain::{
    ChannelId, Clock, GuildId, Member, NewAnswer, Scope, SessionRecord, Timestamp, UserId,
};
use pitcrew::guide::GuideVersion;
use pitcrew::store::{self, Advance, BackupError, Store};
use pitcrew::triage::{State, Status};
use tempfile::TempDir;
use tokio_util::sync::CancellationToken;

fn url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

fn scope() -> Scope {
    Scope::Guild {
        guild: GuildId(1),
        channel: ChannelId(2),
    }
}

fn state(step: u32) -> State {
    State {
        node: "start".into(),
        path: vec![],
        step,
        status: Status::Active,
    }
}

fn v1() -> GuideVersion {
    GuideVersion("sha256:aaaa".into())
}

async fn session(store: &Store, user: u64) -> SessionRecord {
    store
        .start_session(
            &Member::Discord(UserId(user)),
            &scope(),
            "drill",
            &v1(),
            &state(0),
            Timestamp(1_000),
        )
        .await
        .expect("session starts")
}

/// Moves `s` one step on, with an answer; returns the new row.
async fn press(store: &Store, s: &SessionRecord, choice: &str) -> SessionRecord {
    let next = state(s.state.step + 1);
    let answer = NewAnswer {
        node: "start".into(),
        choice: choice.into(),
    };
    match store
        .advance(s.id, s.state.step, &next, &v1(), &answer, Timestamp(2_000))
        .await
        .expect("advance")
    {
        Advance::Applied(row) => row,
        Advance::Stale(_) => panic!("nobody else presses"),
    }
}

#[tokio::test]
async fn a_backup_while_answers_are_written_holds_every_answer_committed_before_it() {
    let dir = TempDir::new().unwrap();
    let live = url(&dir.path().join("pitcrew.db"));
    let store = Store::open(&live).await.unwrap();
    let s = session(&store, 7).await;
    let mut row = s.clone();
    for i in 0..50 {
        row = press(&store, &row, &format!("before {i}")).await;
    }
    // A writer that keeps answering through the backup, as members do.
    let writer = {
        let store = store.clone();
        let other = session(&store, 8).await;
        tokio::spawn(async move {
            let mut row = other;
            for i in 0..200 {
                row = press(&store, &row, &format!("during {i}")).await;
            }
        })
    };
    let before = store.answers(s.id).await.unwrap();
    let copy = dir.path().join("copy.db");
    let report = store::backup(&live, &copy)
        .await
        .expect("backup while writing");
    writer.await.unwrap();
    assert!(report.answers >= 50, "{report}");
    assert!(
        !dir.path().join("copy.db.partial").exists(),
        "no partial file left"
    );
    assert_eq!(store::check_copy(&copy).await.unwrap(), report);

    let restored = Store::open(&url(&copy)).await.expect("the copy opens");
    assert_eq!(restored.answers(s.id).await.unwrap(), before);
    restored.close().await;

    // Never over an existing file.
    let again = store::backup(&live, &copy).await.unwrap_err();
    assert!(matches!(again, BackupError::Exists { .. }), "{again}");
    store.close().await;
}

#[tokio::test]
async fn backup_of_a_mistyped_database_creates_nothing() {
    let dir = TempDir::new().unwrap();
    let missing = url(&dir.path().join("typo.db"));
    let err = store::backup(&missing, &dir.path().join("copy.db"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("DATABASE_URL="), "{err}");
    assert!(!dir.path().join("typo.db").exists());
    assert!(!dir.path().join("copy.db").exists());
}

#[tokio::test]
async fn restore_refuses_a_database_in_use_and_brings_the_copy_back_once_it_is_not() {
    let dir = TempDir::new().unwrap();
    let live = url(&dir.path().join("pitcrew.db"));
    let store = Store::open(&live).await.unwrap();
    let s = session(&store, 7).await;
    let mut row = press(&store, &s, "kept").await;
    let copy = dir.path().join("copy.db");
    store::backup(&live, &copy).await.unwrap();
    row = press(&store, &row, "after the backup").await;
    let later = session(&store, 9).await;

    // The store (the bot) still has it open: refused, and nothing changed.
    let err = store::restore(&copy, &live).await.unwrap_err();
    assert!(matches!(err, BackupError::InUse { .. }), "{err}");
    assert_eq!(store.answers(s.id).await.unwrap().len(), 2);
    assert_eq!(row.state.step, 2);
    store.close().await;

    let report = store::restore(&copy, &live)
        .await
        .expect("restore once stopped");
    assert_eq!(report.answers, 1);
    let back = Store::open(&live)
        .await
        .expect("the restored database opens");
    let answers: Vec<String> = back
        .answers(s.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.choice)
        .collect();
    assert_eq!(answers, ["kept"]);
    assert!(
        back.session(later.id).await.unwrap().is_none(),
        "written after the backup"
    );
    // The triggers came back too: an advance still logs its answer.
    let s = back.session(s.id).await.unwrap().unwrap();
    press(&back, &s, "on the restored database").await;
    assert_eq!(back.answers(s.id).await.unwrap().len(), 2);
    back.close().await;
}

#[tokio::test]
async fn restore_refuses_a_damaged_or_foreign_copy_and_leaves_the_database_alone() {
    let dir = TempDir::new().unwrap();
    let live = url(&dir.path().join("pitcrew.db"));
    let store = Store::open(&live).await.unwrap();
    session(&store, 7).await;
    store.close().await;

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, vec![7u8; 8192]).unwrap();
    let foreign = dir.path().join("foreign.db");
    {
        let other = Store::open(&url(&foreign)).await.unwrap();
        other.close().await;
        // A migration this build does not have: written by a newer pitcrew.
        let raw = format!("{}", foreign.display());
        let status = std::process::Command::new("sqlite3")
            .arg(&raw)
            .arg("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', 1, x'00', 0)")
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            // No sqlite3 shell here: plant it through sqlx instead.
            use sqlx::{ConnectOptions, Connection};
            let mut c = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(&foreign)
                .connect()
                .await
                .unwrap();
            sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', 1, x'00', 0)")
                .execute(&mut c)
                .await
                .unwrap();
            c.close().await.unwrap();
        }
    }
    for (copy, says) in [
        (&garbage, "not a database"),
        (&foreign, "newer pitcrew"),
        (&dir.path().join("nowhere.db"), "no such file"),
    ] {
        let err = store::restore(copy, &live).await.unwrap_err();
        assert!(matches!(err, BackupError::BadCopy { .. }), "{err}");
        assert!(err.to_string().contains(says), "{err}");
    }
    let still = Store::open(&live).await.unwrap();
    assert!(still
        .active_session(&Member::Discord(UserId(7)), &scope())
        .await
        .unwrap()
        .is_some());
    still.close().await;
}

#[tokio::test]
async fn the_daily_backup_runs_once_a_day_and_keeps_the_newest_n() {
    let dir = TempDir::new().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let store = Store::open(&url(&dir.path().join("pitcrew.db")))
        .await
        .unwrap();
    session(&store, 7).await;
    // Paused only now: sqlx's pool times its waits on tokio's clock, and paused time jumps
    // past them while SQLite works on its own thread. The backups read through the store's
    // own connections, which do not.
    tokio::time::pause();
    let clock = Arc::new(TokioClock::new());
    let stop = CancellationToken::new();
    let task = tokio::spawn(store::run_daily_backups(
        store.clone(),
        backups.clone(),
        2,
        clock.clone(),
        stop.clone(),
    ));
    // The finished backups, oldest first (one being written ends in `.partial`).
    let names = || {
        let mut n: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| store::taken_at(n).is_some())
            .collect();
        n.sort();
        n
    };
    let first = store::backup_name(clock.now());
    // None yet, so one at once.
    wait_for(|| names() == [first.clone()], names).await;
    // Paused time runs on whenever the runtime waits, SQLite's work included, so how far it
    // got is not asserted; what is: the oldest goes once there are more than two, and the
    // ones kept were taken a day apart, not more often.
    wait_for(|| names().len() == 2 && !names().contains(&first), names).await;
    let kept: Vec<Timestamp> = names().iter().filter_map(|n| store::taken_at(n)).collect();
    assert!(kept[0].until(kept[1]) >= store::DAILY, "{:?}", names());
    assert!(kept[0].until(kept[1]) < store::DAILY * 2, "{:?}", names());
    for name in names() {
        store::check_copy(&backups.join(name)).await.unwrap();
    }
    stop.cancel();
    task.await.unwrap();
    store.close().await;
}

/// Lets paused time run (each sleep moves it on) until `done`.
async fn wait_for(done: impl Fn() -> bool, names: impl Fn() -> Vec<String>) {
    for _ in 0..100_000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
    }
    panic!("never happened; the folder holds {:?}", names());
}
