//! Store tests: the one-active-session rule, the step guard under concurrency (in one process
//! and across two), restarts, and the errors an operator will meet.
//!
//! Tests about the store's behaviour open [`fresh`], which is SQLite normally and PostgreSQL
//! when `PITCREW_TEST_POSTGRES` names a server (`support/db.rs`): one source for both backends.
//! Tests about SQLite itself (its files, WAL, open errors, migrations' tables) open
//! [`fresh_sqlite`]; raw SQL appears only there, to inspect the schema and to plant rows the
//! store itself would never write (that is the point: proving they decode to `Corrupt`, not a
//! panic).

#[path = "support/db.rs"]
mod db;

use std::str::FromStr;
use std::sync::Arc;

use pitcrew::domain::{
    AnswerRecord, ChannelId, Clock, GuildId, Member, NewAnswer, Scope, SessionId, SessionRecord,
    SystemClock, Timestamp, UserId,
};
use pitcrew::guide::GuideVersion;
use pitcrew::store::{Advance, FixedAnswer, Store, StoreError, StoreOptions};
use pitcrew::triage::{State, Status};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};
use tempfile::TempDir;
use tokio::sync::Barrier;

// ---------------------------------------------------------------------------------------------
// Helpers

fn db_url(dir: &TempDir) -> String {
    db::sqlite_url(dir)
}

/// A fresh store on the backend under test.
async fn fresh() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

/// A fresh store on a SQLite file, for the tests about SQLite itself.
async fn fresh_sqlite() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db_url(&dir);
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

/// A raw connection for inspecting or planting rows, bypassing the store (SQLite only).
async fn raw(url: &str) -> SqliteConnection {
    SqliteConnectOptions::from_str(url)
        .expect("url")
        .connect()
        .await
        .expect("raw connection")
}

fn state(node: &str, path: &[&str], step: u32, status: Status) -> State {
    State {
        node: node.to_string(),
        path: path.iter().map(|s| s.to_string()).collect(),
        step,
        status,
    }
}

fn start_state() -> State {
    state("start", &[], 0, Status::Active)
}

fn v1() -> GuideVersion {
    GuideVersion("sha256:aaaa".to_string())
}

fn v2() -> GuideVersion {
    GuideVersion("sha256:bbbb".to_string())
}

const ALICE: UserId = UserId(80_351_110_224_678_912); // a realistic snowflake
const BOB: UserId = UserId(80_351_110_224_678_913);
const GUILD: GuildId = GuildId(175_928_847_299_117_063);
const CHANNEL_A: ChannelId = ChannelId(381_870_553_235_193_857);
const CHANNEL_B: ChannelId = ChannelId(381_870_553_235_193_858);

fn alice() -> Member {
    Member::Discord(ALICE)
}

fn channel(c: ChannelId) -> Scope {
    Scope::Guild {
        guild: GUILD,
        channel: c,
    }
}

/// A fixed instant, `ms` milliseconds after the epoch.
fn t(ms: i64) -> Timestamp {
    Timestamp(ms)
}

fn answer(node: &str, choice: &str) -> NewAnswer {
    NewAnswer {
        node: node.to_string(),
        choice: choice.to_string(),
    }
}

async fn start(store: &Store, member: &Member, scope: &Scope, now: Timestamp) -> SessionRecord {
    store
        .start_session(member, scope, "keys-locked-in", &v1(), &start_state(), now)
        .await
        .expect("start_session")
}

fn applied(outcome: Advance) -> SessionRecord {
    match outcome {
        Advance::Applied(r) => r,
        Advance::Stale(r) => panic!("expected Applied, got Stale({r:?})"),
    }
}

fn stale(outcome: Advance) -> SessionRecord {
    match outcome {
        Advance::Stale(r) => r,
        Advance::Applied(r) => panic!("expected Stale, got Applied({r:?})"),
    }
}

// ---------------------------------------------------------------------------------------------
// Schema and migrations

#[tokio::test]
async fn a_server_region_is_one_of_the_known_codes_or_null() {
    let (_dir, url, store) = fresh_sqlite().await;
    let mut conn = raw(&url).await;
    let insert = |region: &'static str| {
        format!(
            "INSERT INTO guild_settings (guild_id, renotify_secs, region, updated_at) \
             VALUES (1, 600, {region}, 0)"
        )
    };
    let refused = sqlx::query(&insert("'XX'")).execute(&mut conn).await;
    assert!(refused.is_err(), "an unknown code is refused: {refused:?}");
    sqlx::query(&insert("'GB'"))
        .execute(&mut conn)
        .await
        .expect("a known code is stored");
    let changed = sqlx::query("UPDATE guild_settings SET region = 'uk' WHERE guild_id = 1")
        .execute(&mut conn)
        .await;
    assert!(changed.is_err(), "only the stored spelling: {changed:?}");
    sqlx::query("UPDATE guild_settings SET region = NULL WHERE guild_id = 1")
        .execute(&mut conn)
        .await
        .expect("not set again");
    conn.close().await.expect("close");
    store.close().await;
}

#[tokio::test]
async fn migrations_build_the_schema_on_an_empty_file() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("pitcrew.db");
    assert!(!path.exists());
    let url = db_url(&dir);

    let store = Store::open(&url).await.expect("open");
    assert!(path.exists(), "open creates the file");

    let mut conn = raw(&url).await;
    let names: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("schema")
    .iter()
    .map(|r| r.get::<String, _>("name"))
    .collect();
    for expected in [
        "_sqlx_migrations",
        "answers",
        "answers_no_delete",
        "answers_no_update",
        "sessions",
        "sessions_one_active",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }

    let applied: Vec<(i64, bool)> =
        sqlx::query("SELECT version, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .expect("migrations")
            .iter()
            .map(|r| (r.get("version"), r.get("success")))
            .collect();
    // Every embedded migration applied, in order; other files' own tests pin their tables.
    assert!(
        applied.starts_with(&[(1, true), (2, true), (3, true)]),
        "{applied:?}"
    );
    assert!(applied.iter().all(|(_, ok)| *ok), "{applied:?}");
    assert!(applied.contains(&(4, true)), "0004_member_car: {applied:?}");
    assert!(
        applied.contains(&(5, true)),
        "0005_handoff_member_lang: {applied:?}"
    );

    let journal: String = sqlx::query("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .expect("journal_mode")
        .get(0);
    assert_eq!(journal, "wal");

    // The active-session lookup is answered from the partial unique index, not a table scan.
    let plan: Vec<String> = sqlx::query(
        "EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE status = 'active' \
         AND member_kind = ? AND coalesce(member_id, -1) = ? AND coalesce(member_name, '') = ? \
         AND scope_kind = ? AND coalesce(guild_id, -1) = ? AND coalesce(channel_id, -1) = ?",
    )
    .bind("discord")
    .bind(1_i64)
    .bind("")
    .bind("dm")
    .bind(-1_i64)
    .bind(-1_i64)
    .fetch_all(&mut conn)
    .await
    .expect("plan")
    .iter()
    .map(|r| r.get::<String, _>("detail"))
    .collect();
    assert!(
        plan.iter().any(|d| d.contains("sessions_one_active")),
        "plan: {plan:?}"
    );
    conn.close().await.expect("close raw");
    store.close().await;

    // Opening again finds everything applied and changes nothing.
    let again = Store::open(&url).await.expect("reopen");
    again.close().await;
}

#[tokio::test]
async fn a_zero_byte_file_is_an_empty_database() {
    let dir = TempDir::new().expect("temp dir");
    std::fs::write(dir.path().join("pitcrew.db"), b"").expect("touch");
    let store = Store::open(&db_url(&dir)).await.expect("open");
    store.close().await;
}

#[tokio::test]
async fn plain_paths_and_sqlite_prefix_both_work() {
    let dir = TempDir::new().expect("temp dir");
    let plain = dir.path().join("plain.db").display().to_string();
    Store::open(&plain).await.expect("plain path").close().await;
    let short = format!("sqlite:{}", dir.path().join("short.db").display());
    Store::open(&short)
        .await
        .expect("sqlite: prefix")
        .close()
        .await;
}

#[tokio::test]
async fn in_memory_database_keeps_its_data_across_calls() {
    let store = Store::open("sqlite::memory:").await.expect("memory");
    let rec = start(&store, &alice(), &Scope::Dm, t(1)).await;
    assert_eq!(store.session(rec.id).await.expect("read"), Some(rec));
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Sessions

#[tokio::test]
async fn start_then_read_back_equal() {
    let (_dir, _url, store) = fresh().await;
    let initial = state("start", &["a", "b"], 3, Status::Active);
    let rec = store
        .start_session(
            &alice(),
            &channel(CHANNEL_A),
            "keys-locked-in",
            &v1(),
            &initial,
            t(1_000),
        )
        .await
        .expect("start");

    assert_eq!(rec.member, alice());
    assert_eq!(rec.scope, channel(CHANNEL_A));
    assert_eq!(rec.guide_id, "keys-locked-in");
    assert_eq!(rec.guide_version, v1());
    assert_eq!(rec.state, initial);
    assert_eq!((rec.created_at, rec.updated_at), (t(1_000), t(1_000)));

    assert_eq!(
        store.session(rec.id).await.expect("by id"),
        Some(rec.clone())
    );
    assert_eq!(
        store
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(rec.clone())
    );
    assert_eq!(
        store
            .session(SessionId(rec.id.0 + 1000))
            .await
            .expect("missing"),
        None
    );
    assert_eq!(rec.id.to_string(), rec.id.0.to_string());

    // Every member and scope shape round-trips, including the largest storable snowflake and
    // names that would look like sentinels or SQL.
    let shapes = [
        (Member::Local("dana".to_string()), Scope::Local),
        (Member::Local(String::new()), Scope::Local),
        (
            Member::Local("x'); DROP TABLE sessions; --".to_string()),
            Scope::Dm,
        ),
        (Member::Discord(UserId(0)), Scope::Dm),
        (
            Member::Discord(UserId(i64::MAX as u64)),
            Scope::Guild {
                guild: GuildId(i64::MAX as u64),
                channel: ChannelId(0),
            },
        ),
    ];
    for (i, (member, scope)) in shapes.iter().enumerate() {
        let rec = store
            .start_session(
                member,
                scope,
                "fob-dead",
                &v2(),
                &start_state(),
                t(i as i64),
            )
            .await
            .expect("start shape");
        assert_eq!(&rec.member, member);
        assert_eq!(&rec.scope, scope);
        assert_eq!(
            store.session(rec.id).await.expect("read"),
            Some(rec.clone())
        );
        assert_eq!(
            store.active_session(member, scope).await.expect("active"),
            Some(rec)
        );
    }
    store.close().await;
}

#[tokio::test]
async fn starting_again_in_the_same_scope_abandons_the_first() {
    let (_dir, _url, store) = fresh().await;
    let first = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let second = start(&store, &alice(), &channel(CHANNEL_A), t(2_000)).await;
    assert_ne!(first.id, second.id);

    let first_now = store
        .session(first.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(first_now.state.status, Status::Abandoned);
    assert_eq!(first_now.updated_at, t(2_000));
    // A press on the first session's screen sees it abandoned too (the session cache holds
    // what the start wrote, not the first session as it was started).
    let pressed = store
        .session_for_press(first.id, first.state.step)
        .await
        .expect("read for a press")
        .expect("exists");
    assert_eq!(pressed, first_now);
    assert_eq!(
        first_now.state.node, first.state.node,
        "only the status changes"
    );
    assert_eq!(
        store
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(second)
    );
    store.close().await;
}

/// SQLite's partial unique index backs the one-active-session rule even against a writer that
/// skips the store (PostgreSQL's is the same index, `migrations/postgres/0001_schema.sql`).
#[tokio::test]
async fn a_second_active_row_written_past_the_store_is_refused() {
    let (_dir, url, store) = fresh_sqlite().await;
    start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    start(&store, &alice(), &channel(CHANNEL_A), t(2_000)).await;
    let mut conn = raw(&url).await;
    let active: i64 = sqlx::query("SELECT count(*) FROM sessions WHERE status = 'active'")
        .fetch_one(&mut conn)
        .await
        .expect("count")
        .get(0);
    assert_eq!(active, 1);

    let dup = sqlx::query(
        "INSERT INTO sessions (member_kind, member_id, scope_kind, guild_id, channel_id, \
         guide_id, guide_version, node, path, step, status, created_at, updated_at) \
         VALUES ('discord', ?, 'guild', ?, ?, 'g', 'v', 'n', '[]', 0, 'active', 0, 0)",
    )
    .bind(ALICE.get() as i64)
    .bind(GUILD.get() as i64)
    .bind(CHANNEL_A.get() as i64)
    .execute(&mut conn)
    .await;
    let err = dup.expect_err("second active row must be refused");
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    conn.close().await.expect("close raw");
    store.close().await;
}

/// `/triage guide` with nothing open starts at once; with a session open it writes nothing and
/// the open one stays as it was.
#[tokio::test]
async fn starting_unless_active_never_replaces_an_open_session() {
    let (_dir, _url, store) = fresh().await;
    let place = channel(CHANNEL_A);
    let first = store
        .start_session_unless_active(
            &alice(),
            &place,
            "keys-locked-in",
            &v1(),
            &start_state(),
            t(1_000),
        )
        .await
        .expect("start")
        .expect("nothing was open");
    assert_eq!(
        store
            .active_session(&alice(), &place)
            .await
            .expect("active"),
        Some(first.clone())
    );
    let refused = store
        .start_session_unless_active(
            &alice(),
            &place,
            "fob-dead",
            &v1(),
            &start_state(),
            t(2_000),
        )
        .await
        .expect("start");
    assert_eq!(refused, None);
    assert_eq!(
        store
            .active_session(&alice(), &place)
            .await
            .expect("active"),
        Some(first.clone()),
        "the open session is untouched"
    );
    // Elsewhere, and once the first is closed, it starts.
    let other_place = store
        .start_session_unless_active(
            &alice(),
            &channel(CHANNEL_B),
            "fob-dead",
            &v1(),
            &start_state(),
            t(3_000),
        )
        .await
        .expect("start");
    assert!(other_place.is_some());
    applied(
        store
            .advance(
                first.id,
                0,
                &state("start", &[], 1, Status::Abandoned),
                &v1(),
                &answer("start", "[cancelled]"),
                t(4_000),
            )
            .await
            .expect("close"),
    );
    let second = store
        .start_session_unless_active(
            &alice(),
            &place,
            "fob-dead",
            &v1(),
            &start_state(),
            t(5_000),
        )
        .await
        .expect("start")
        .expect("the first is closed");
    assert_eq!(second.guide_id, "fob-dead");
    store.close().await;
}

#[tokio::test]
async fn different_scopes_and_members_are_independent() {
    let (_dir, _url, store) = fresh().await;
    let bob = Member::Discord(BOB);
    let a = start(&store, &alice(), &channel(CHANNEL_A), t(1)).await;
    let b = start(&store, &alice(), &channel(CHANNEL_B), t(2)).await;
    let dm = start(&store, &alice(), &Scope::Dm, t(3)).await;
    let other = start(&store, &bob, &channel(CHANNEL_A), t(4)).await;
    // A local user whose name is a Discord id's digits is still a different member.
    let local = start(
        &store,
        &Member::Local(ALICE.to_string()),
        &Scope::Local,
        t(5),
    )
    .await;

    for (member, scope, rec) in [
        (alice(), channel(CHANNEL_A), &a),
        (alice(), channel(CHANNEL_B), &b),
        (alice(), Scope::Dm, &dm),
        (bob.clone(), channel(CHANNEL_A), &other),
        (Member::Local(ALICE.to_string()), Scope::Local, &local),
    ] {
        let found = store.active_session(&member, &scope).await.expect("active");
        assert_eq!(found.as_ref(), Some(rec), "{member} in {scope:?}");
    }
    assert_eq!(
        store.active_session(&bob, &Scope::Dm).await.expect("none"),
        None
    );
    store.close().await;
}

#[tokio::test]
async fn advance_applies_and_logs_answers_in_order() {
    let (_dir, _url, store) = fresh().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1_000)).await;

    let s1 = state("where-are-keys", &["start"], 1, Status::Active);
    let r1 = applied(
        store
            .advance(
                rec.id,
                0,
                &s1,
                &v1(),
                &answer("start", "Keys are inside"),
                t(2_000),
            )
            .await
            .expect("advance 1"),
    );
    assert_eq!(r1.state, s1);
    assert_eq!((r1.created_at, r1.updated_at), (t(1_000), t(2_000)));

    let s2 = state("spare", &["start", "where-are-keys"], 2, Status::Active);
    applied(
        store
            .advance(
                rec.id,
                1,
                &s2,
                &v1(),
                &answer("where-are-keys", "Cabin"),
                t(3_000),
            )
            .await
            .expect("advance 2"),
    );
    // The guide was edited between steps: the session now follows the new version.
    let s3 = state(
        "call-roadside",
        &["start", "where-are-keys", "spare"],
        3,
        Status::Escalated,
    );
    let r3 = applied(
        store
            .advance(
                rec.id,
                2,
                &s3,
                &v2(),
                &answer("spare", "Talk to a volunteer"),
                t(4_000),
            )
            .await
            .expect("advance 3"),
    );
    assert_eq!(r3.state, s3);
    assert_eq!(r3.guide_version, v2());
    assert_eq!(store.session(rec.id).await.expect("read"), Some(r3));
    // No longer active: it is not what a member would resume.
    assert_eq!(
        store
            .active_session(&alice(), &Scope::Dm)
            .await
            .expect("active"),
        None
    );

    let log = store.answers(rec.id).await.expect("answers");
    let expected = [
        (0, "start", "Keys are inside", t(2_000)),
        (1, "where-are-keys", "Cabin", t(3_000)),
        (2, "spare", "Talk to a volunteer", t(4_000)),
    ]
    .map(|(step, node, choice, at)| AnswerRecord {
        session: rec.id,
        step,
        node: node.to_string(),
        choice: choice.to_string(),
        at,
    });
    assert_eq!(log, expected);
    store.close().await;
}

#[tokio::test]
async fn advance_on_a_wrong_step_is_stale_and_logs_nothing() {
    let (_dir, _url, store) = fresh().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1_000)).await;
    let s1 = state("n1", &["start"], 1, Status::Active);
    let current = applied(
        store
            .advance(rec.id, 0, &s1, &v1(), &answer("start", "Yes"), t(2_000))
            .await
            .expect("advance"),
    );

    // The same button pressed again (step 0), and a button from the future (step 7).
    for wrong in [0, 7] {
        let other = state("n-other", &["start"], wrong + 1, Status::Active);
        let got = stale(
            store
                .advance(
                    rec.id,
                    wrong,
                    &other,
                    &v2(),
                    &answer("start", "No"),
                    t(3_000),
                )
                .await
                .expect("advance"),
        );
        assert_eq!(got, current, "Stale carries the row as it is");
    }
    assert_eq!(store.session(rec.id).await.expect("read"), Some(current));
    assert_eq!(store.answers(rec.id).await.expect("answers").len(), 1);
    store.close().await;
}

/// A press reads its session from this process's last write of it, without asking SQLite;
/// the database still judges the advance, so a session another process moved meanwhile (the
/// cache cannot know) is never advanced from the old state, and the next read is the new one.
#[tokio::test]
async fn a_press_reads_the_last_write_and_the_database_still_judges() {
    let (_dir, url, store) = fresh().await;
    let other = Store::open(&url)
        .await
        .expect("a second process on the file");
    let rec = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let one = applied(
        store
            .advance(
                rec.id,
                0,
                &state("b", &["start"], 1, Status::Active),
                &v1(),
                &answer("start", "B"),
                t(1_100),
            )
            .await
            .expect("advance"),
    );
    applied(
        other
            .advance(
                rec.id,
                1,
                &state("c", &["start", "b"], 2, Status::Active),
                &v1(),
                &answer("b", "C"),
                t(1_200),
            )
            .await
            .expect("the other process advances"),
    );

    // Served from memory: this process has not seen the other's write.
    let cached = store
        .session_for_press(rec.id, 1)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(cached, one);
    // The advance from it is refused by the database and brings back the stored row.
    let current = stale(
        store
            .advance(
                rec.id,
                1,
                &state("d", &["start", "b"], 2, Status::Active),
                &v1(),
                &answer("b", "D"),
                t(1_300),
            )
            .await
            .expect("advance"),
    );
    assert_eq!((current.state.node.as_str(), current.state.step), ("c", 2));
    // A press on any other step than the cached one reads the database.
    let fresh_read = store
        .session_for_press(rec.id, 2)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(fresh_read, current);
    let answers = store.answers(rec.id).await.expect("answers");
    let choices: Vec<&str> = answers.iter().map(|a| a.choice.as_str()).collect();
    assert_eq!(choices, ["B", "C"], "the refused press logged nothing");
    other.close().await;
    store.close().await;
}

#[tokio::test]
async fn advance_on_an_abandoned_session_is_stale() {
    let (_dir, _url, store) = fresh().await;
    let old = start(&store, &alice(), &Scope::Dm, t(1)).await;
    let new = start(&store, &alice(), &Scope::Dm, t(2)).await;

    // An old screen's button still carries the right step, but the session was replaced:
    // reviving it would make two active sessions.
    let got = stale(
        store
            .advance(
                old.id,
                0,
                &state("n1", &["start"], 1, Status::Active),
                &v1(),
                &answer("start", "Yes"),
                t(3),
            )
            .await
            .expect("advance"),
    );
    assert_eq!(got.state.status, Status::Abandoned);
    assert!(store.answers(old.id).await.expect("answers").is_empty());
    assert_eq!(
        store
            .active_session(&alice(), &Scope::Dm)
            .await
            .expect("active"),
        Some(new)
    );
    store.close().await;
}

#[tokio::test]
async fn advance_refuses_missing_sessions_and_non_increasing_steps() {
    let (_dir, _url, store) = fresh().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1)).await;

    let missing = SessionId(rec.id.0 + 42);
    let err = store
        .advance(
            missing,
            0,
            &state("n", &[], 1, Status::Active),
            &v1(),
            &answer("start", "x"),
            t(2),
        )
        .await
        .expect_err("missing session");
    assert!(
        matches!(err, StoreError::NotFound(id) if id == missing),
        "{err}"
    );

    let err = store
        .advance(
            rec.id,
            0,
            &state("n", &[], 0, Status::Active),
            &v1(),
            &answer("start", "x"),
            t(2),
        )
        .await
        .expect_err("step must move forward");
    assert!(
        matches!(
            err,
            StoreError::StepNotAdvanced {
                expected: 0,
                next: 0,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        store.session(rec.id).await.expect("read"),
        Some(rec.clone())
    );
    assert!(store.answers(rec.id).await.expect("answers").is_empty());
    store.close().await;
}

/// Answers are copied from the WAL into the database file by the store's own task, not inside
/// a member's commit: a moment after a write, the database file alone (without its WAL) holds
/// it, though far fewer pages were written than SQLite's own checkpoint threshold.
#[tokio::test]
async fn the_wal_is_checkpointed_into_the_database_file_by_the_store() {
    let (dir, _url, store) = fresh_sqlite().await;
    let rec = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let copy = dir.path().join("copy.db");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let found = loop {
        // A copy of the main file only: what a checkpoint has put there.
        let _ = std::fs::remove_file(dir.path().join("copy.db-wal"));
        std::fs::copy(dir.path().join("pitcrew.db"), &copy).expect("copy");
        let mut conn = raw(&format!("sqlite://{}", copy.display())).await;
        let found: Option<i64> = sqlx::query("SELECT count(*) FROM sessions WHERE id = ?")
            .bind(rec.id.0)
            .fetch_one(&mut conn)
            .await
            .ok()
            .map(|r| r.get(0));
        conn.close().await.expect("close copy");
        if found == Some(1) || std::time::Instant::now() > deadline {
            break found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(found, Some(1), "the session reached the database file");
    store.close().await;
}

#[tokio::test]
async fn sessions_and_answers_survive_closing_and_reopening() {
    let (_dir, url, store) = fresh().await;
    let rec = start(&store, &alice(), &channel(CHANNEL_A), t(1_000)).await;
    let s1 = state("n1", &["start"], 1, Status::Active);
    let after = applied(
        store
            .advance(rec.id, 0, &s1, &v1(), &answer("start", "Yes"), t(2_000))
            .await
            .expect("advance"),
    );
    let log = store.answers(rec.id).await.expect("answers");
    store.close().await;
    drop(store);

    let reopened = Store::open(&url).await.expect("reopen");
    assert_eq!(
        reopened
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(after.clone())
    );
    assert_eq!(reopened.answers(rec.id).await.expect("answers"), log);
    // And the member carries on from where they were.
    let s2 = state("n2", &["start", "n1"], 2, Status::Resolved);
    applied(
        reopened
            .advance(
                rec.id,
                after.state.step,
                &s2,
                &v1(),
                &answer("n1", "Done"),
                t(3_000),
            )
            .await
            .expect("advance after reopen"),
    );
    assert_eq!(reopened.answers(rec.id).await.expect("answers").len(), 2);
    reopened.close().await;
}

/// Racers per race: enough that several are in flight at once on every connection.
const RACERS: usize = 8;

/// `processes` stores on one fresh database: each its own pool, as separate bot processes
/// would have (on SQLite, its own writer too).
async fn stores_on_one_database(processes: usize) -> (TempDir, Vec<Store>) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let mut stores = Vec::new();
    for _ in 0..processes {
        let options = StoreOptions {
            max_connections: RACERS as u32,
            ..StoreOptions::default()
        };
        stores.push(Store::open_with(&url, options).await.expect("open"));
    }
    (dir, stores)
}

/// `RACERS` presses on the same step of one session, spread over `stores`, for a few rounds:
/// exactly one applies each time, the others are Stale with the winner's row, never an error.
async fn racing_presses_apply_exactly_once(stores: &[Store]) {
    const ROUNDS: u32 = 5;
    let rec = start(&stores[0], &alice(), &Scope::Dm, t(0)).await;

    // Several rounds, so each race starts from a session that has already been written to.
    for step in 0..ROUNDS {
        let barrier = Arc::new(Barrier::new(RACERS));
        let mut tasks = Vec::new();
        for racer in 0..RACERS {
            let store = stores[racer % stores.len()].clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                let next = state(
                    &format!("n{}-{racer}", step + 1),
                    &["start"],
                    step + 1,
                    Status::Active,
                );
                let choice = answer(&format!("n{step}"), &format!("racer {racer}"));
                barrier.wait().await;
                let outcome = store
                    .advance(rec.id, step, &next, &v1(), &choice, t(i64::from(step) + 1))
                    .await;
                (racer, next, outcome)
            }));
        }

        let mut winners = Vec::new();
        let mut stale_count = 0;
        for task in tasks {
            let (racer, next, outcome) = task.await.expect("task");
            match outcome.expect("a racing advance must never be an error") {
                Advance::Applied(r) => {
                    assert_eq!(r.state, next);
                    winners.push(racer);
                }
                Advance::Stale(r) => {
                    assert_eq!(r.state.step, step + 1, "Stale shows the winner's row");
                    stale_count += 1;
                }
            }
        }
        assert_eq!(winners.len(), 1, "round {step}: winners {winners:?}");
        assert_eq!(stale_count, RACERS - 1);

        for store in stores {
            let log = store.answers(rec.id).await.expect("answers");
            assert_eq!(log.len(), step as usize + 1, "one answer per step");
            let last = log.last().expect("an answer");
            assert_eq!(last.step, step);
            assert_eq!(last.choice, format!("racer {}", winners[0]));
            let now = store.session(rec.id).await.expect("read").expect("exists");
            assert_eq!(now.state.node, format!("n{}-{}", step + 1, winners[0]));
            // What a press in each process finds for the new step is the winner's row, whether
            // this process wrote it, lost to it, or never saw the race.
            let pressed = store
                .session_for_press(rec.id, step + 1)
                .await
                .expect("read")
                .expect("exists");
            assert_eq!(pressed, now);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_advances_on_one_step_apply_exactly_once() {
    let (_dir, stores) = stores_on_one_database(1).await;
    racing_presses_apply_exactly_once(&stores).await;
    stores[0].close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_advances_from_two_processes_apply_exactly_once() {
    let (_dir, stores) = stores_on_one_database(2).await;
    racing_presses_apply_exactly_once(&stores).await;
    for store in &stores {
        store.close().await;
    }
}

/// Which starts race in [`racing_starts`].
#[derive(Clone, Copy)]
enum Starts {
    /// `start_session`, which replaces the open one.
    Replacing,
    /// `start_session_unless_active`.
    UnlessActive,
    /// Half and half.
    Mixed,
}

/// `RACERS` starts for one member in one place at once, spread over `stores`. Returns the
/// sessions they started (an unless-active start that found one open starts none). None of
/// them may fail.
async fn racing_starts(stores: &[Store], starts: Starts) -> Vec<SessionRecord> {
    let barrier = Arc::new(Barrier::new(RACERS));
    let mut tasks = Vec::new();
    for racer in 0..RACERS {
        let store = stores[racer % stores.len()].clone();
        let barrier = barrier.clone();
        let unless = match starts {
            Starts::Replacing => false,
            Starts::UnlessActive => true,
            Starts::Mixed => racer % 2 == 1,
        };
        tasks.push(tokio::spawn(async move {
            let place = channel(CHANNEL_A);
            let guide = format!("guide-{racer}");
            barrier.wait().await;
            if unless {
                store
                    .start_session_unless_active(
                        &alice(),
                        &place,
                        &guide,
                        &v1(),
                        &start_state(),
                        t(racer as i64),
                    )
                    .await
            } else {
                store
                    .start_session(
                        &alice(),
                        &place,
                        &guide,
                        &v1(),
                        &start_state(),
                        t(racer as i64),
                    )
                    .await
                    .map(Some)
            }
        }));
    }
    let mut started = Vec::new();
    for task in tasks {
        let outcome = task.await.expect("task");
        if let Some(record) = outcome.expect("a racing start must never be an error") {
            started.push(record);
        }
    }
    started
}

/// After a race of starts: of the sessions started, exactly one is active, and it is the one
/// every process finds; the others were abandoned by a later start.
async fn exactly_one_active(stores: &[Store], started: &[SessionRecord]) -> SessionRecord {
    let mut active = Vec::new();
    for record in started {
        let now = stores[0]
            .session(record.id)
            .await
            .expect("read")
            .expect("exists");
        match now.state.status {
            Status::Active => active.push(now),
            Status::Abandoned => {}
            other => panic!("session {} is {other:?}", record.id),
        }
    }
    assert_eq!(active.len(), 1, "active: {active:?}");
    for store in stores {
        assert_eq!(
            store
                .active_session(&alice(), &channel(CHANNEL_A))
                .await
                .expect("active"),
            Some(active[0].clone())
        );
    }
    active[0].clone()
}

/// Starting a session abandons the one open in that place first; racing starts from two
/// processes never meet the one-active-session rule as an error, and leave one active.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_starts_from_two_processes_leave_one_active_session() {
    let (_dir, stores) = stores_on_one_database(2).await;
    for round in 0..3 {
        let started = racing_starts(&stores, Starts::Replacing).await;
        assert_eq!(started.len(), RACERS, "round {round}: every start starts");
        exactly_one_active(&stores, &started).await;
    }
    for store in &stores {
        store.close().await;
    }
}

/// `/triage guide` pressed at once from two processes (or alongside `start_session`s): with
/// nothing open exactly one `start_session_unless_active` starts; none fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_starts_unless_active_start_exactly_one() {
    let (_dir, stores) = stores_on_one_database(2).await;
    let started = racing_starts(&stores, Starts::UnlessActive).await;
    assert_eq!(started.len(), 1, "exactly one started: {started:?}");
    let mut only = exactly_one_active(&stores, &started).await;
    // With one open, none starts.
    assert!(racing_starts(&stores, Starts::UnlessActive)
        .await
        .is_empty());
    assert_eq!(
        stores[1]
            .active_session(&alice(), &channel(CHANNEL_A))
            .await
            .expect("active"),
        Some(only.clone())
    );
    // Mixed with starts that replace: still no error and one active at the end.
    for _ in 0..3 {
        let started = racing_starts(&stores, Starts::Mixed).await;
        assert!(started.len() >= RACERS / 2, "every start_session starts");
        // The one open before the round counts too: it may have outlived every start.
        let mut all = started;
        if !all.iter().any(|r| r.id == only.id) {
            all.push(only.clone());
        }
        only = exactly_one_active(&stores, &all).await;
    }
    for store in &stores {
        store.close().await;
    }
}

/// "Did this fix it?" is kept once per resolved session: a second answer, an answer on a
/// session that is not resolved, and the loser of two racing answers from two processes
/// change nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_fixed_answer_is_kept_once_and_only_for_a_resolved_session() {
    let (_dir, stores) = stores_on_one_database(2).await;
    let store = &stores[0];
    let open = start(store, &alice(), &Scope::Dm, t(1)).await;
    assert_eq!(
        store
            .record_fixed(open.id, true)
            .await
            .expect("on an open session"),
        FixedAnswer::AlreadyAnswered,
        "not resolved: nothing kept"
    );
    assert_eq!(store.fixed(open.id).await.expect("read"), None);
    assert_eq!(
        store
            .fixed(SessionId(open.id.0 + 99))
            .await
            .expect("no such session"),
        None
    );

    for round in 0..5 {
        let scope = channel(ChannelId(round));
        let rec = start(store, &alice(), &scope, t(2)).await;
        applied(
            store
                .advance(
                    rec.id,
                    0,
                    &state("fixed", &["start"], 1, Status::Resolved),
                    &v1(),
                    &answer("start", "Yes"),
                    t(3),
                )
                .await
                .expect("resolve"),
        );
        let barrier = Arc::new(Barrier::new(2));
        let mut tasks = Vec::new();
        for (i, fixed) in [true, false].into_iter().enumerate() {
            let (store, barrier) = (stores[i].clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                (fixed, store.record_fixed(rec.id, fixed).await)
            }));
        }
        let mut kept = Vec::new();
        for task in tasks {
            let (fixed, outcome) = task.await.expect("task");
            if outcome.expect("never an error") == FixedAnswer::Recorded {
                kept.push(fixed);
            }
        }
        assert_eq!(kept.len(), 1, "round {round}: exactly one answer kept");
        for store in &stores {
            assert_eq!(store.fixed(rec.id).await.expect("read"), Some(kept[0]));
        }
        assert_eq!(
            store.record_fixed(rec.id, !kept[0]).await.expect("again"),
            FixedAnswer::AlreadyAnswered
        );
        assert_eq!(store.fixed(rec.id).await.expect("read"), Some(kept[0]));
    }
    for store in &stores {
        store.close().await;
    }
}

// ---------------------------------------------------------------------------------------------
// Ids that do not fit

#[tokio::test]
async fn ids_at_or_above_two_to_the_63_are_refused_not_wrapped() {
    let (_dir, _url, store) = fresh().await;
    let huge = 1_u64 << 63;

    let err = store
        .start_session(
            &Member::Discord(UserId(huge)),
            &Scope::Dm,
            "g",
            &v1(),
            &start_state(),
            t(1),
        )
        .await
        .expect_err("member id too large");
    assert!(
        matches!(err, StoreError::IdOutOfRange { value, .. } if value == huge),
        "{err}"
    );
    assert!(err.to_string().contains(&huge.to_string()), "{err}");

    let scope = Scope::Guild {
        guild: GUILD,
        channel: ChannelId(u64::MAX),
    };
    let err = store
        .start_session(&alice(), &scope, "g", &v1(), &start_state(), t(1))
        .await
        .expect_err("channel id too large");
    assert!(
        matches!(
            err,
            StoreError::IdOutOfRange {
                value: u64::MAX,
                ..
            }
        ),
        "{err}"
    );

    let err = store
        .active_session(&Member::Discord(UserId(u64::MAX)), &Scope::Dm)
        .await
        .expect_err("lookup with a huge id");
    assert!(matches!(err, StoreError::IdOutOfRange { .. }), "{err}");

    // Nothing written: the first session stored after them is the first ever (ids start at 1
    // on both backends, and a refused id never reaches the database to take one).
    let first = start(&store, &alice(), &Scope::Dm, t(2)).await;
    assert_eq!(first.id, SessionId(1), "nothing written before it");
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Errors an operator meets at start-up

fn open_err(result: Result<Store, StoreError>) -> StoreError {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

fn assert_open_error(err: &StoreError, url: &str, reason_has: &str, hint_has: &str) {
    let StoreError::Open {
        url: got_url,
        reason,
        hint,
    } = err
    else {
        panic!("expected StoreError::Open, got {err:?}");
    };
    assert_eq!(got_url, url);
    assert!(reason.contains(reason_has), "reason {reason:?}");
    assert!(hint.contains(hint_has), "hint {hint:?}");
    let message = err.to_string();
    // Shown with --nocapture: this is the line an operator reads.
    eprintln!("{message}");
    assert!(
        message.contains(&format!("DATABASE_URL={url}")),
        "{message}"
    );
    assert!(message.contains("DATABASE_URL to"), "{message}");
}

#[tokio::test]
async fn a_missing_folder_is_an_open_error_naming_the_url() {
    let dir = TempDir::new().expect("temp dir");
    let url = format!(
        "sqlite://{}",
        dir.path().join("no-such-folder/pitcrew.db").display()
    );
    let err = open_err(Store::open(&url).await);
    assert_open_error(
        &err,
        &url,
        "unable to open database file",
        "folder exists and is writable",
    );
}

#[tokio::test]
async fn a_missing_folder_inside_a_read_only_folder_is_an_open_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("temp dir");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Even when tests run as root (who ignores the mode), the missing subfolder makes this fail.
    let url = format!("sqlite://{}", locked.join("data/pitcrew.db").display());
    let err = open_err(Store::open(&url).await);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_open_error(
        &err,
        &url,
        "unable to open database file",
        "folder exists and is writable",
    );
}

#[tokio::test]
async fn a_path_that_is_a_folder_is_an_open_error() {
    let dir = TempDir::new().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().display());
    let err = open_err(Store::open(&url).await);
    assert_open_error(&err, &url, "unable to open database file", "not a folder");
}

#[tokio::test]
async fn a_file_of_random_bytes_is_an_open_error_saying_it_is_not_a_database() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("pitcrew.db");
    // Deterministic noise (xorshift), a few pages' worth.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..16 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&path, &bytes).expect("write noise");
    let url = db_url(&dir);
    let err = open_err(Store::open(&url).await);
    assert_open_error(
        &err,
        &url,
        "file is not a database",
        "not a SQLite database",
    );
    assert_eq!(
        std::fs::read(&path).expect("read back"),
        bytes,
        "the file is left alone"
    );
}

#[tokio::test]
async fn an_empty_url_is_an_open_error() {
    let err = open_err(Store::open("").await);
    assert_open_error(&err, "", "empty", "sqlite://");
}

#[tokio::test]
async fn a_changed_migration_is_named_in_the_error() {
    let (_dir, url, store) = fresh_sqlite().await;
    store.close().await;
    let mut conn = raw(&url).await;
    sqlx::query("UPDATE _sqlx_migrations SET checksum = x'00' WHERE version = 1")
        .execute(&mut conn)
        .await
        .expect("tamper");
    conn.close().await.expect("close raw");

    let err = open_err(Store::open(&url).await);
    let StoreError::Migrate {
        migration,
        url: got,
        ..
    } = &err
    else {
        panic!("expected Migrate, got {err:?}");
    };
    assert_eq!(migration, "0001_sessions");
    assert_eq!(got, &url);
    assert!(err.to_string().contains("forward-only"), "{err}");
}

#[tokio::test]
async fn a_database_from_a_newer_build_is_named_in_the_error() {
    let (_dir, url, store) = fresh_sqlite().await;
    store.close().await;
    let mut conn = raw(&url).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from the future', 1, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .expect("plant");
    conn.close().await.expect("close raw");

    let err = open_err(Store::open(&url).await);
    let StoreError::Migrate { migration, .. } = &err else {
        panic!("expected Migrate, got {err:?}");
    };
    assert!(migration.starts_with("9999"), "{migration}");
    assert!(err.to_string().contains("newer pitcrew"), "{err}");
}

#[tokio::test]
async fn a_foreign_database_with_a_clashing_table_names_the_failing_migration() {
    let dir = TempDir::new().expect("temp dir");
    let url = db_url(&dir);
    let mut conn = SqliteConnectOptions::from_str(&url)
        .expect("url")
        .create_if_missing(true)
        .connect()
        .await
        .expect("create");
    sqlx::query("CREATE TABLE sessions (token TEXT)")
        .execute(&mut conn)
        .await
        .expect("clash");
    conn.close().await.expect("close raw");

    let err = open_err(Store::open(&url).await);
    let StoreError::Migrate {
        migration, reason, ..
    } = &err
    else {
        panic!("expected Migrate, got {err:?}");
    };
    assert_eq!(migration, "0001_sessions");
    assert!(reason.contains("already exists"), "{reason}");
}

// ---------------------------------------------------------------------------------------------
// Rows the store did not write

/// Writes with CHECK constraints off, as a damaged file or an older/newer program might.
async fn plant(url: &str, sql: &str, id: i64) {
    let mut conn = raw(url).await;
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut conn)
        .await
        .expect("pragma");
    sqlx::query(sql)
        .bind(id)
        .execute(&mut conn)
        .await
        .expect("plant");
    conn.close().await.expect("close raw");
}

fn assert_corrupt(err: StoreError, id: SessionId, what_has: &str) {
    match &err {
        StoreError::Corrupt { session, what } => {
            assert_eq!(*session, id);
            assert!(what.contains(what_has), "what {what:?}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert!(err.to_string().contains(&format!("session {id}")), "{err}");
}

#[tokio::test]
async fn a_broken_status_written_by_raw_sql_reads_as_corrupt() {
    let (_dir, url, store) = fresh_sqlite().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1)).await;
    plant(
        &url,
        "UPDATE sessions SET status = 'paused' WHERE id = ?",
        rec.id.0,
    )
    .await;

    let err = store.session(rec.id).await.expect_err("corrupt status");
    assert_corrupt(err, rec.id, "unknown status \"paused\"");
    // The step guard still holds: the broken row is not `active`, so an advance is Stale… and
    // Stale must carry the row, which cannot be decoded: Corrupt again, never a panic.
    let err = store
        .advance(
            rec.id,
            0,
            &state("n", &[], 1, Status::Active),
            &v1(),
            &answer("start", "x"),
            t(2),
        )
        .await
        .expect_err("advance on a corrupt row");
    assert_corrupt(err, rec.id, "status");
    store.close().await;
}

#[tokio::test]
async fn broken_paths_and_ids_read_as_corrupt() {
    let (_dir, url, store) = fresh_sqlite().await;

    let cases = [
        ("UPDATE sessions SET path = 'not json' WHERE id = ?", "path"),
        ("UPDATE sessions SET path = '[1, 2]' WHERE id = ?", "path"),
        (
            "UPDATE sessions SET member_id = -5 WHERE id = ?",
            "member_id -5 is negative",
        ),
        ("UPDATE sessions SET step = -1 WHERE id = ?", "step -1"),
        (
            "UPDATE sessions SET member_kind = 'robot' WHERE id = ?",
            "member_kind",
        ),
    ];
    for (i, (sql, what)) in cases.into_iter().enumerate() {
        let scope = Scope::Guild {
            guild: GUILD,
            channel: ChannelId(i as u64),
        };
        let rec = start(&store, &alice(), &scope, t(1)).await;
        plant(&url, sql, rec.id.0).await;
        let err = store.session(rec.id).await.expect_err(sql);
        assert_corrupt(err, rec.id, what);
    }
    store.close().await;
}

#[tokio::test]
async fn the_answer_log_is_append_only_but_goes_with_its_session() {
    let (_dir, url, store) = fresh_sqlite().await;
    let rec = start(&store, &alice(), &Scope::Dm, t(1)).await;
    applied(
        store
            .advance(
                rec.id,
                0,
                &state("n1", &["start"], 1, Status::Active),
                &v1(),
                &answer("start", "Yes"),
                t(2),
            )
            .await
            .expect("advance"),
    );

    let mut conn = raw(&url).await;
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut conn)
        .await
        .expect("fk on");
    let err = sqlx::query("UPDATE answers SET choice = 'No'")
        .execute(&mut conn)
        .await
        .expect_err("update refused");
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = sqlx::query("DELETE FROM answers")
        .execute(&mut conn)
        .await
        .expect_err("delete refused");
    assert!(err.to_string().contains("append-only"), "{err}");

    sqlx::query("DELETE FROM sessions WHERE id = ?")
        .bind(rec.id.0)
        .execute(&mut conn)
        .await
        .expect("deleting the session takes its answers along");
    let left: i64 = sqlx::query("SELECT count(*) FROM answers")
        .fetch_one(&mut conn)
        .await
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
    conn.close().await.expect("close raw");

    // Ids are never reused, even after the newest session is deleted (they live on in buttons).
    let next = start(&store, &alice(), &Scope::Dm, t(3)).await;
    assert!(next.id.0 > rec.id.0);
    store.close().await;
}

#[test]
fn the_system_clock_reads_after_2020() {
    assert!(SystemClock.now() > Timestamp(1_577_836_800_000));
}
