//! Handoff store tests: server setup, duty, the handoff life (open → claimed → resolved /
//! cancelled, ratings), racing claims, and the re-notify timer's exactly-once hand-out across
//! concurrent callers, two stores on one database (two processes) and restarts. They run on
//! either backend (`support/db.rs`: SQLite files, or PostgreSQL with `PITCREW_TEST_POSTGRES`).
//!
//! Raw SQL appears only in the SQLite-only tests: the schema and its query plans, and rows the
//! store itself would never write, planted with SQLite's SQL.

#[path = "support/db.rs"]
mod db;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use pitcrew::domain::{
    ChannelId, Claim, GuildId, GuildSetup, Handoff, HandoffId, HandoffStatus, LangCode, MessageId,
    NewAnswer, NewHandoff, Rating, RoleId, SessionId, SessionRecord, Timestamp, UserId,
    DEFAULT_RENOTIFY, RENOTIFY_MAX,
};
use pitcrew::domain::{Member, Scope};
use pitcrew::guide::GuideVersion;
use pitcrew::store::{
    Advance, Store, StoreError, StoreOptions, NOTE_MAX_CHARS, RENOTIFY_LIMIT, RENOTIFY_MIN,
};
use pitcrew::triage::{State, Status};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};
use tempfile::TempDir;
use tokio::sync::Barrier;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A fresh store on the backend under test.
async fn fresh() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

/// A fresh store on a SQLite file, for the tests about SQLite's schema and raw rows.
async fn fresh_sqlite() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::sqlite_url(&dir);
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

/// A store on `url` whose pool has room for `n` racers at once.
async fn open_wide(url: &str, n: u32) -> Store {
    Store::open_with(
        url,
        StoreOptions {
            max_connections: n,
            ..StoreOptions::default()
        },
    )
    .await
    .expect("open")
}

/// A fresh store on the backend under test whose pool has room for `n` racers at once.
async fn fresh_wide(n: u32) -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = open_wide(&url, n).await;
    (dir, url, store)
}

/// A raw connection to a SQLite file, for inspecting or planting rows bypassing the store.
async fn raw(url: &str) -> SqliteConnection {
    SqliteConnectOptions::from_str(url)
        .expect("url")
        .connect()
        .await
        .expect("raw connection")
}

const ALICE: UserId = UserId(80_351_110_224_678_912); // a realistic snowflake
const BOB: UserId = UserId(80_351_110_224_678_913);
const CAROL: UserId = UserId(80_351_110_224_678_914);
const VOL_1: UserId = UserId(90_000_000_000_000_001);
const VOL_2: UserId = UserId(90_000_000_000_000_002);
const GUILD: GuildId = GuildId(175_928_847_299_117_063);
const OTHER_GUILD: GuildId = GuildId(175_928_847_299_117_064);
const CHANNEL: ChannelId = ChannelId(381_870_553_235_193_857);
const ROLE: RoleId = RoleId(481_870_553_235_193_857);
const HUGE: u64 = 1 << 63;

/// The instant `ms` milliseconds after the epoch.
fn at(ms: i64) -> Timestamp {
    Timestamp(ms)
}

fn v1() -> GuideVersion {
    GuideVersion("sha256:aaaa".to_string())
}

/// A session of `member` in `guild` that has reached the handoff: `escalated`, or `emergency`
/// when `urgent`, as the engine leaves it.
async fn escalated_session(
    store: &Store,
    guild: GuildId,
    member: UserId,
    urgent: bool,
) -> SessionRecord {
    let scope = Scope::Guild {
        guild,
        channel: CHANNEL,
    };
    let start = State {
        node: "start".to_string(),
        path: vec![],
        step: 0,
        status: Status::Active,
    };
    let rec = store
        .start_session(
            &Member::Discord(member),
            &scope,
            "keys-locked-in",
            &v1(),
            &start,
            at(1),
        )
        .await
        .expect("start_session");
    let next = State {
        node: "volunteer".to_string(),
        path: vec!["start".to_string()],
        step: 1,
        status: if urgent {
            Status::Emergency
        } else {
            Status::Escalated
        },
    };
    let answer = NewAnswer {
        node: "start".to_string(),
        choice: "Talk to a volunteer".to_string(),
    };
    match store
        .advance(rec.id, 0, &next, &v1(), &answer, at(2))
        .await
        .expect("advance")
    {
        Advance::Applied(r) => r,
        Advance::Stale(r) => panic!("stale {r:?}"),
    }
}

fn new_handoff(session: SessionId, guild: GuildId, member: UserId, urgent: bool) -> NewHandoff {
    NewHandoff {
        session,
        guild,
        member,
        urgent,
        member_lang: LangCode::En,
        next_notify_at: at(10_000),
    }
}

/// A fresh session and its open handoff, created at `now`, first notice due at `now + 600 s`.
async fn open_at(
    store: &Store,
    guild: GuildId,
    member: UserId,
    urgent: bool,
    now: Timestamp,
) -> Handoff {
    let session = escalated_session(store, guild, member, urgent).await;
    let new = NewHandoff {
        next_notify_at: now.plus(Duration::from_millis(600_000)),
        ..new_handoff(session.id, guild, member, urgent)
    };
    let (h, created) = store.open_handoff(&new, now).await.expect("open_handoff");
    assert!(created);
    h
}

async fn open(store: &Store) -> Handoff {
    open_at(store, GUILD, ALICE, false, at(1_000)).await
}

async fn get(store: &Store, id: HandoffId) -> Handoff {
    store.handoff(id).await.expect("read").expect("exists")
}

/// The stored status and last change of session `id`, read from the database (not from the
/// session cache: `session` always asks the database).
async fn session_status(store: &Store, id: SessionId) -> (String, i64) {
    let rec = store.session(id).await.expect("read").expect("session row");
    (
        rec.state.status.as_str().to_string(),
        rec.updated_at.millis(),
    )
}

fn claimed(c: Claim) -> Handoff {
    match c {
        Claim::Claimed(h) => h,
        other => panic!("expected Claimed, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Schema

#[tokio::test]
async fn the_migration_adds_tables_and_the_lookups_use_their_indexes() {
    let (_dir, url, store) = fresh_sqlite().await;
    let mut conn = raw(&url).await;
    let names: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("schema")
    .iter()
    .map(|r| r.get::<String, _>("name"))
    .collect();
    for expected in [
        "guild_settings",
        "volunteers_on_duty",
        "handoffs",
        "handoffs_queue",
        "handoffs_due",
        "handoffs_member",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }

    for (sql, index) in [
        (
            "EXPLAIN QUERY PLAN SELECT id FROM handoffs WHERE guild_id = 1 \
             AND status IN ('open', 'claimed') ORDER BY urgent DESC, created_at, id",
            "handoffs_queue",
        ),
        (
            "EXPLAIN QUERY PLAN SELECT id FROM handoffs WHERE status = 'open' \
             AND next_notify_at <= 5 ORDER BY next_notify_at, id LIMIT 10",
            "handoffs_due",
        ),
        (
            "EXPLAIN QUERY PLAN SELECT min(next_notify_at) FROM handoffs WHERE status = 'open'",
            "handoffs_due",
        ),
        (
            "EXPLAIN QUERY PLAN SELECT id FROM handoffs WHERE guild_id = 1 AND member_id = 2 \
             AND status IN ('open', 'claimed') ORDER BY created_at DESC, id DESC LIMIT 1",
            "handoffs_member",
        ),
    ] {
        let details: Vec<String> = sqlx::query(sql)
            .fetch_all(&mut conn)
            .await
            .expect("plan")
            .iter()
            .map(|r| r.get::<String, _>("detail"))
            .collect();
        assert!(
            details.iter().any(|d| d.contains(index)),
            "{sql}: {details:?}"
        );
        assert!(
            !details
                .iter()
                .any(|d| d.starts_with("SCAN handoffs") && !d.contains("INDEX")),
            "{sql} scans the table: {details:?}"
        );
        assert!(
            !details.iter().any(|d| d.contains("TEMP B-TREE")),
            "{sql} sorts instead of reading the index in order: {details:?}"
        );
    }
    conn.close().await.expect("close raw");
    store.close().await;
}

#[test]
fn the_schema_bound_on_notify_count_is_renotify_max() {
    // 0002_handoffs.sql spells the bound as 3 in its CHECKs.
    assert_eq!(RENOTIFY_MAX, 3);
    let sql = include_str!("../migrations/0002_handoffs.sql");
    assert!(sql.contains("notify_count BETWEEN 0 AND 3"));
    assert!(sql.contains(&format!("length(member_note) <= {NOTE_MAX_CHARS}")));
    assert!(sql.contains(&format!(
        "renotify_secs BETWEEN {} AND {}",
        RENOTIFY_MIN.as_secs(),
        RENOTIFY_LIMIT.as_secs()
    )));
    assert!(sql.contains(&format!("DEFAULT {}", DEFAULT_RENOTIFY.as_secs())));
}

#[tokio::test]
async fn the_checks_refuse_rows_the_store_would_never_write() {
    let (_dir, url, store) = fresh_sqlite().await;
    let h = open(&store).await;
    let mut conn = raw(&url).await;
    for (sql, what) in [
        (
            "UPDATE handoffs SET status = 'claimed' WHERE id = ?",
            "claimed without claimed_by",
        ),
        (
            "UPDATE handoffs SET claimed_by = 5 WHERE id = ?",
            "open with claimed_by",
        ),
        (
            "UPDATE handoffs SET rating = 'solved' WHERE id = ?",
            "rating while open",
        ),
        (
            "UPDATE handoffs SET notify_count = 4, next_notify_at = NULL WHERE id = ?",
            "count 4",
        ),
        (
            "UPDATE handoffs SET notify_count = 3 WHERE id = ?",
            "a notice after the last",
        ),
        (
            "UPDATE handoffs SET status = 'paused' WHERE id = ?",
            "unknown status",
        ),
        ("UPDATE handoffs SET urgent = 2 WHERE id = ?", "urgent 2"),
        (
            "UPDATE handoffs SET card_channel_id = 5 WHERE id = ?",
            "card channel without message",
        ),
        (
            "UPDATE handoffs SET member_note = 'x' || printf('%.1000c', 'y') WHERE id = ?",
            "long note",
        ),
        (
            "UPDATE handoffs SET status = 'claimed', claimed_by = 5 WHERE id = ?",
            "claimed with a notice planned",
        ),
    ] {
        let result = sqlx::query(sql).bind(h.id.0).execute(&mut conn).await;
        let err = result.expect_err(what);
        assert!(
            err.to_string().contains("CHECK constraint failed"),
            "{what}: {err}"
        );
    }
    // STRICT: a value of the wrong type is refused, not stored as a surprise.
    let err = sqlx::query("UPDATE handoffs SET urgent = 'yes' WHERE id = ?")
        .bind(h.id.0)
        .execute(&mut conn)
        .await
        .expect_err("STRICT refuses text in an integer column");
    assert!(err.to_string().contains("cannot store TEXT"), "{err}");
    // A settings row to update, so the UPDATE below has something to refuse.
    store
        .set_permission_problem(GUILD, None, at(1))
        .await
        .expect("settings row");
    for sql in [
        "UPDATE guild_settings SET renotify_secs = 0",
        "INSERT INTO guild_settings (guild_id, renotify_secs, updated_at) VALUES (1, 0, 0)",
        "INSERT INTO guild_settings (guild_id, updated_at) VALUES (-1, 0)",
    ] {
        let err = sqlx::query(sql).execute(&mut conn).await.expect_err(sql);
        assert!(
            err.to_string().contains("CHECK constraint failed"),
            "{sql}: {err}"
        );
    }
    conn.close().await.expect("close raw");
    assert_eq!(get(&store, h.id).await, h, "nothing changed");
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Server setup

#[tokio::test]
async fn setup_round_trips_upserts_and_defaults_the_interval() {
    let (dir, url, store) = fresh().await;
    assert_eq!(store.guild_setup(GUILD).await.expect("read"), None);

    // A row created by the permission check alone carries the defaults.
    store
        .set_permission_problem(GUILD, None, at(1))
        .await
        .expect("permission");
    let created = store.guild_setup(GUILD).await.expect("read").expect("row");
    assert_eq!(created, GuildSetup::new(GUILD));
    assert_eq!(created.renotify, DEFAULT_RENOTIFY);
    assert_eq!(created.renotify, Duration::from_secs(600));

    let full = GuildSetup {
        guild: GUILD,
        volunteer_role: Some(ROLE),
        cards_channel: Some(CHANNEL),
        help_channel: Some(ChannelId(CHANNEL.get() + 1)),
        renotify: Duration::from_secs(1),
        permission_problem: Some("Create Private Threads".to_string()),
        // Read back as stored: the region column (migration 0003) round-trips too.
        region: Some(pitcrew::domain::Region::Gb),
        // And the server's language (migration 0007).
        lang: Some(pitcrew::domain::LangCode::De),
        // And the moderators' log channel (migration 0009).
        log_channel: Some(ChannelId(CHANNEL.get() + 2)),
    };
    assert_eq!(store.log_channels().await.expect("read"), vec![]);
    store.save_guild_setup(&full, at(2)).await.expect("save");
    assert_eq!(
        store.guild_setup(GUILD).await.expect("read"),
        Some(full.clone())
    );
    assert_eq!(
        store.log_channels().await.expect("read"),
        vec![(
            GUILD,
            ChannelId(CHANNEL.get() + 2),
            Some(pitcrew::domain::LangCode::De)
        )],
        "every server's log channel and language, for a reload's problems"
    );
    assert!(store
        .guild_setup(GUILD)
        .await
        .expect("read")
        .unwrap()
        .ready()
        .is_some());

    // Upsert: every field replaced, permission_problem included, as given.
    let changed = GuildSetup {
        help_channel: None,
        renotify: Duration::from_secs(15 * 60),
        permission_problem: None,
        ..full.clone()
    };
    store
        .save_guild_setup(&changed, at(3))
        .await
        .expect("save again");
    let read = store.guild_setup(GUILD).await.expect("read").expect("row");
    assert_eq!(read, changed);
    assert_eq!(
        read.missing(),
        vec!["the help channel (for private threads)"]
    );

    // Other servers are untouched; a server saved straight away gets what it was given.
    assert_eq!(store.guild_setup(OTHER_GUILD).await.expect("read"), None);
    store
        .save_guild_setup(&GuildSetup::new(OTHER_GUILD), at(4))
        .await
        .expect("save other");
    assert_eq!(
        store.guild_setup(OTHER_GUILD).await.expect("read"),
        Some(GuildSetup::new(OTHER_GUILD))
    );

    // Whole seconds: a fraction is dropped; below a second or above a week is refused.
    let fractional = GuildSetup {
        renotify: Duration::from_millis(1_500),
        ..full.clone()
    };
    store
        .save_guild_setup(&fractional, at(5))
        .await
        .expect("save 1.5 s");
    assert_eq!(
        store
            .guild_setup(GUILD)
            .await
            .expect("read")
            .unwrap()
            .renotify,
        Duration::from_secs(1)
    );
    for bad in [
        Duration::ZERO,
        Duration::from_millis(999),
        RENOTIFY_LIMIT + Duration::from_secs(1),
    ] {
        let err = store
            .save_guild_setup(
                &GuildSetup {
                    renotify: bad,
                    ..full.clone()
                },
                at(6),
            )
            .await
            .expect_err("interval out of range");
        assert!(
            matches!(err, StoreError::DurationOutOfRange { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("re-notify interval"), "{err}");
    }
    store
        .save_guild_setup(
            &GuildSetup {
                renotify: RENOTIFY_LIMIT,
                ..full.clone()
            },
            at(7),
        )
        .await
        .expect("a week is allowed");

    // It survives a restart.
    store.close().await;
    let store = Store::open(&url).await.expect("reopen");
    assert_eq!(
        store
            .guild_setup(GUILD)
            .await
            .expect("read")
            .unwrap()
            .renotify,
        RENOTIFY_LIMIT
    );
    store.close().await;
    drop(dir);
}

#[tokio::test]
async fn permission_problems_report_changes_only() {
    let (_dir, _url, store) = fresh().await;

    // First sight of a server with no problem: the row appears, but nothing changed.
    assert!(!store
        .set_permission_problem(GUILD, None, at(1))
        .await
        .expect("set"));
    assert!(store.guild_setup(GUILD).await.expect("read").is_some());

    assert!(store
        .set_permission_problem(GUILD, Some("Send Messages"), at(2))
        .await
        .expect("set"));
    assert!(!store
        .set_permission_problem(GUILD, Some("Send Messages"), at(3))
        .await
        .expect("same again"));
    assert!(store
        .set_permission_problem(GUILD, Some("Manage Threads"), at(4))
        .await
        .expect("another"));
    assert_eq!(
        store
            .guild_setup(GUILD)
            .await
            .expect("read")
            .unwrap()
            .permission_problem
            .as_deref(),
        Some("Manage Threads")
    );
    assert!(store
        .set_permission_problem(GUILD, None, at(5))
        .await
        .expect("fixed"));
    assert!(!store
        .set_permission_problem(GUILD, None, at(6))
        .await
        .expect("still fine"));

    // First sight of a server with a problem is a change, and keeps the default setup.
    assert!(store
        .set_permission_problem(OTHER_GUILD, Some("Create Private Threads"), at(7))
        .await
        .expect("new server"));
    let other = store.guild_setup(OTHER_GUILD).await.expect("read").unwrap();
    assert_eq!(
        other,
        GuildSetup {
            permission_problem: Some("Create Private Threads".to_string()),
            ..GuildSetup::new(OTHER_GUILD)
        }
    );

    // The problem survives saving the rest of the setup only if the caller passes it on.
    let mut setup = other.clone();
    setup.volunteer_role = Some(ROLE);
    store.save_guild_setup(&setup, at(8)).await.expect("save");
    assert!(!store
        .set_permission_problem(OTHER_GUILD, Some("Create Private Threads"), at(9))
        .await
        .expect("unchanged"));
    assert_eq!(
        store
            .guild_setup(OTHER_GUILD)
            .await
            .expect("read")
            .unwrap()
            .volunteer_role,
        Some(ROLE),
        "setting the problem keeps the rest"
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Duty

#[tokio::test]
async fn volunteers_go_on_and_off_duty_oldest_shift_first() {
    let (_dir, url, store) = fresh().await;
    assert!(store.on_duty(GUILD).await.expect("list").is_empty());

    store
        .set_on_duty(GUILD, BOB, true, at(10))
        .await
        .expect("bob on");
    store
        .set_on_duty(GUILD, ALICE, true, at(20))
        .await
        .expect("alice on");
    store
        .set_on_duty(GUILD, CAROL, true, at(20))
        .await
        .expect("carol on");
    store
        .set_on_duty(OTHER_GUILD, CAROL, true, at(5))
        .await
        .expect("carol elsewhere");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![BOB, ALICE, CAROL]
    );

    // Going on duty again keeps the running shift's start.
    store
        .set_on_duty(GUILD, BOB, true, at(30))
        .await
        .expect("bob again");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![BOB, ALICE, CAROL]
    );

    store
        .set_on_duty(GUILD, BOB, false, at(40))
        .await
        .expect("bob off");
    store
        .set_on_duty(GUILD, BOB, false, at(41))
        .await
        .expect("bob off twice");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![ALICE, CAROL]
    );
    // A new shift starts now.
    store
        .set_on_duty(GUILD, BOB, true, at(50))
        .await
        .expect("bob back");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![ALICE, CAROL, BOB]
    );
    assert_eq!(store.on_duty(OTHER_GUILD).await.expect("list"), vec![CAROL]);

    store.close().await;
    let store = Store::open(&url).await.expect("reopen");
    assert_eq!(
        store.on_duty(GUILD).await.expect("list"),
        vec![ALICE, CAROL, BOB]
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Opening, reading, attaching

#[tokio::test]
async fn open_handoff_is_idempotent_per_session() {
    let (_dir, _url, store) = fresh().await;
    let session = escalated_session(&store, GUILD, ALICE, false).await;
    let new = new_handoff(session.id, GUILD, ALICE, false);

    let (h, created) = store.open_handoff(&new, at(1_000)).await.expect("open");
    assert!(created);
    assert_eq!(
        h,
        Handoff {
            id: h.id,
            session: session.id,
            guild: GUILD,
            member: ALICE,
            urgent: false,
            member_lang: Some(LangCode::En),
            status: HandoffStatus::Open,
            member_note: None,
            thread: None,
            card_channel: None,
            card_message: None,
            claimed_by: None,
            resolution_note: None,
            rating: None,
            member_left: false,
            notify_count: 0,
            next_notify_at: Some(at(10_000)),
            created_at: at(1_000),
            updated_at: at(1_000),
        }
    );

    // Asking again (a double click, a retried interaction) finds the first, whatever is passed.
    let again = NewHandoff {
        urgent: true,
        next_notify_at: at(99),
        ..new.clone()
    };
    let (same, created) = store.open_handoff(&again, at(2_000)).await.expect("again");
    assert!(!created);
    assert_eq!(same, h);

    // Still the same once it is closed: a session gets one handoff.
    store
        .cancel_handoff(h.id, at(3_000))
        .await
        .expect("cancel")
        .expect("live");
    let (closed, created) = store
        .open_handoff(&new, at(4_000))
        .await
        .expect("after cancel");
    assert!(!created);
    assert_eq!((closed.id, closed.status), (h.id, HandoffStatus::Cancelled));

    assert_eq!(
        store
            .handoff_for_session(session.id)
            .await
            .expect("by session"),
        Some(closed.clone())
    );
    assert_eq!(store.handoff(h.id).await.expect("by id"), Some(closed));
    assert_eq!(
        store
            .handoff(HandoffId(h.id.0 + 100))
            .await
            .expect("missing"),
        None
    );
    assert_eq!(
        store
            .handoff_for_session(SessionId(9_999))
            .await
            .expect("missing"),
        None
    );

    // A handoff needs a real session.
    let err = store
        .open_handoff(
            &new_handoff(SessionId(9_999), GUILD, ALICE, false),
            at(5_000),
        )
        .await
        .expect_err("no such session");
    assert!(matches!(err, StoreError::Database(_)), "{err}");
    // SQLite says "FOREIGN KEY constraint failed", PostgreSQL "violates foreign key constraint".
    assert!(
        err.to_string().to_lowercase().contains("foreign key"),
        "{err}"
    );
    store.close().await;
}

#[tokio::test]
async fn live_handoff_of_member_is_the_newest_live_one_in_that_server() {
    let (_dir, _url, store) = fresh().await;
    assert_eq!(
        store
            .live_handoff_of_member(GUILD, ALICE)
            .await
            .expect("none"),
        None
    );

    let first = open_at(&store, GUILD, ALICE, false, at(1_000)).await;
    let second = open_at(&store, GUILD, ALICE, false, at(2_000)).await;
    let elsewhere = open_at(&store, OTHER_GUILD, ALICE, false, at(3_000)).await;
    let _bob = open_at(&store, GUILD, BOB, false, at(4_000)).await;

    let live = |g, m| {
        let store = store.clone();
        async move {
            store
                .live_handoff_of_member(g, m)
                .await
                .expect("lookup")
                .map(|h| h.id)
        }
    };
    assert_eq!(live(GUILD, ALICE).await, Some(second.id));
    assert_eq!(live(OTHER_GUILD, ALICE).await, Some(elsewhere.id));

    // Claimed is live too; closed ones are not.
    claimed(
        store
            .claim(second.id, VOL_1, at(5_000))
            .await
            .expect("claim"),
    );
    assert_eq!(live(GUILD, ALICE).await, Some(second.id));
    store
        .resolve_handoff(second.id, None, at(6_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(live(GUILD, ALICE).await, Some(first.id));
    store
        .cancel_handoff(first.id, at(7_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(live(GUILD, ALICE).await, None);
    store.close().await;
}

#[tokio::test]
async fn thread_card_note_and_member_left_are_recorded() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;

    store
        .attach_thread(h.id, ChannelId(7_001), at(2_000))
        .await
        .expect("thread");
    store
        .attach_card(h.id, CHANNEL, MessageId(7_002), at(2_001))
        .await
        .expect("card");
    let read = get(&store, h.id).await;
    assert_eq!(
        (
            read.thread,
            read.card_channel,
            read.card_message,
            read.updated_at
        ),
        (
            Some(ChannelId(7_001)),
            Some(CHANNEL),
            Some(MessageId(7_002)),
            at(2_001)
        )
    );

    // Member text is kept verbatim (never parsed, never trimmed), mentions and markdown included.
    let note = "  @everyone <@&481870553235193857> <@80351110224678913> **HELP** \n`x'); DROP TABLE handoffs; --` 🚗 ";
    let with_note = store
        .set_member_note(h.id, note, at(2_002))
        .await
        .expect("note")
        .expect("live");
    assert_eq!(with_note.member_note.as_deref(), Some(note));
    assert_eq!(get(&store, h.id).await.member_note.as_deref(), Some(note));
    // A blank note clears it.
    let cleared = store
        .set_member_note(h.id, " \n ", at(2_003))
        .await
        .expect("blank")
        .expect("live");
    assert_eq!(cleared.member_note, None);
    store
        .set_member_note(h.id, "in the car park", at(2_004))
        .await
        .expect("note")
        .expect("live");

    let left = store
        .mark_member_left(h.id, at(3_000))
        .await
        .expect("left")
        .expect("exists");
    assert!(left.member_left);
    assert_eq!(left.updated_at, at(3_000));
    let again = store
        .mark_member_left(h.id, at(3_001))
        .await
        .expect("left again")
        .expect("exists");
    assert_eq!(again, left, "idempotent");

    // Notes only while live; thread and card whatever the status.
    store
        .cancel_handoff(h.id, at(4_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .set_member_note(h.id, "too late", at(4_001))
            .await
            .expect("note"),
        None
    );
    assert_eq!(
        get(&store, h.id).await.member_note.as_deref(),
        Some("in the car park")
    );
    store
        .attach_thread(h.id, ChannelId(7_003), at(4_002))
        .await
        .expect("thread after cancel");
    assert!(store
        .mark_member_left(h.id, at(4_003))
        .await
        .expect("left")
        .is_some());

    // A missing handoff: an error for the attach calls, None for the rest.
    let missing = HandoffId(h.id.0 + 100);
    let err = store
        .attach_thread(missing, ChannelId(1), at(5_000))
        .await
        .expect_err("missing");
    assert!(
        matches!(err, StoreError::HandoffNotFound(id) if id == missing),
        "{err}"
    );
    let err = store
        .attach_card(missing, ChannelId(1), MessageId(2), at(5_000))
        .await
        .expect_err("missing");
    assert!(matches!(err, StoreError::HandoffNotFound(_)), "{err}");
    assert_eq!(
        store
            .set_member_note(missing, "x", at(5_000))
            .await
            .expect("note"),
        None
    );
    assert_eq!(
        store
            .mark_member_left(missing, at(5_000))
            .await
            .expect("left"),
        None
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Claim, release, transfer

#[tokio::test]
async fn claim_wins_once_then_taken_then_closed() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(h.next_notify_at, Some(at(601_000)));

    let mine = claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    assert_eq!(mine.status, HandoffStatus::Claimed);
    assert_eq!(mine.claimed_by, Some(VOL_1));
    assert_eq!(
        mine.next_notify_at, None,
        "a claimed handoff waits for no notice"
    );
    assert_eq!(mine.updated_at, at(2_000));
    assert_eq!(get(&store, h.id).await, mine);

    match store
        .claim(h.id, VOL_2, at(2_001))
        .await
        .expect("second claim")
    {
        Claim::Taken(t) => assert_eq!(t, mine, "Taken names the winner, nothing written"),
        other => panic!("expected Taken, got {other:?}"),
    }
    // The winner clicking again is told it is taken too — by themselves.
    match store
        .claim(h.id, VOL_1, at(2_002))
        .await
        .expect("double click")
    {
        Claim::Taken(t) => assert_eq!(t.claimed_by, Some(VOL_1)),
        other => panic!("expected Taken, got {other:?}"),
    }

    let resolved = store
        .resolve_handoff(h.id, None, at(3_000))
        .await
        .expect("resolve")
        .expect("live");
    match store
        .claim(h.id, VOL_2, at(3_001))
        .await
        .expect("claim resolved")
    {
        Claim::Closed(c) => assert_eq!(c, resolved),
        other => panic!("expected Closed, got {other:?}"),
    }

    let cancelled = open_at(&store, GUILD, BOB, false, at(4_000)).await;
    store
        .cancel_handoff(cancelled.id, at(4_001))
        .await
        .expect("cancel")
        .expect("live");
    assert!(matches!(
        store.claim(cancelled.id, VOL_2, at(4_002)).await.expect("claim cancelled"),
        Claim::Closed(c) if c.status == HandoffStatus::Cancelled && c.claimed_by.is_none()
    ));

    let err = store
        .claim(HandoffId(h.id.0 + 100), VOL_1, at(5_000))
        .await
        .expect_err("missing");
    assert!(matches!(err, StoreError::HandoffNotFound(_)), "{err}");
    store.close().await;
}

/// Races `racers` claims for each of `rounds` fresh handoffs, the racers taking turns among
/// `stores` (several stores on one database are several processes): exactly one wins each
/// round, and every loser, in whichever store, is told who won.
async fn race_claims(stores: &[Store], racers: u64, rounds: usize) {
    for round in 0..rounds {
        let h = open_at(
            &stores[0],
            GUILD,
            UserId(ALICE.get() + round as u64),
            round % 2 == 0,
            at(1_000),
        )
        .await;
        let barrier = Arc::new(Barrier::new(racers as usize));
        let mut tasks = Vec::new();
        for racer in 0..racers {
            let store = stores[racer as usize % stores.len()].clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let volunteer = UserId(VOL_1.get() + racer);
                (
                    volunteer,
                    store.claim(h.id, volunteer, at(2_000 + racer as i64)).await,
                )
            }));
        }
        let mut winners = Vec::new();
        let mut taken = Vec::new();
        for task in tasks {
            let (volunteer, outcome) = task.await.expect("task");
            match outcome.expect("a racing claim must never be an error") {
                Claim::Claimed(c) => {
                    assert_eq!(c.claimed_by, Some(volunteer));
                    winners.push(volunteer);
                }
                Claim::Taken(t) => taken.push(t.claimed_by),
                Claim::Closed(c) => panic!("closed? {c:?}"),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: winners {winners:?}");
        assert_eq!(taken.len(), racers as usize - 1);
        assert!(
            taken.iter().all(|t| *t == Some(winners[0])),
            "every loser is told who won: {taken:?} vs {winners:?}"
        );
        for store in stores {
            assert_eq!(get(store, h.id).await.claimed_by, Some(winners[0]));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_racing_claims_make_exactly_one_claimed() {
    const RACERS: u64 = 8;
    let (_dir, _url, store) = fresh_wide(RACERS as u32).await;
    race_claims(std::slice::from_ref(&store), RACERS, 5).await;
    store.close().await;
}

/// Two stores on one database are two bot processes (two pools, two session caches).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn claims_racing_from_two_processes_make_exactly_one_claimed() {
    const RACERS: u64 = 8;
    let (_dir, url, first) = fresh_wide(RACERS as u32).await;
    let second = open_wide(&url, RACERS as u32).await;
    race_claims(&[first.clone(), second.clone()], RACERS, 5).await;
    second.close().await;
    first.close().await;
}

#[tokio::test]
async fn release_puts_it_back_in_the_queue_and_reschedules() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;

    // One notice went out before anyone claimed it.
    let h = store
        .take_notice(h.id, 0, Some(at(1_201_000)), at(601_000))
        .await
        .expect("take")
        .expect("due");
    assert_eq!(h.notify_count, 1);
    claimed(store.claim(h.id, VOL_1, at(700_000)).await.expect("claim"));

    let released = store
        .release(h.id, at(1_300_000), at(700_500))
        .await
        .expect("release")
        .expect("claimed");
    assert_eq!(released.status, HandoffStatus::Open);
    assert_eq!(released.claimed_by, None);
    assert_eq!(released.notify_count, 0, "a fresh round of notices");
    assert_eq!(released.next_notify_at, Some(at(1_300_000)));
    assert_eq!(released.updated_at, at(700_500));
    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(1_300_000))
    );

    // Only a claimed handoff can be released.
    assert_eq!(
        store
            .release(h.id, at(1), at(700_600))
            .await
            .expect("release open"),
        None
    );
    assert_eq!(get(&store, h.id).await, released);
    // And it can be claimed again, by someone else.
    let again = claimed(
        store
            .claim(h.id, VOL_2, at(800_000))
            .await
            .expect("claim again"),
    );
    assert_eq!(again.claimed_by, Some(VOL_2));

    store
        .resolve_handoff(h.id, None, at(900_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(
        store
            .release(h.id, at(1), at(900_001))
            .await
            .expect("release resolved"),
        None
    );
    assert_eq!(
        store
            .release(HandoffId(h.id.0 + 9), at(1), at(1))
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}

#[tokio::test]
async fn transfer_moves_a_claimed_handoff_only() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(
        store.transfer(h.id, VOL_2, at(1_500)).await.expect("open"),
        None
    );
    assert_eq!(get(&store, h.id).await, h);

    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    let moved = store
        .transfer(h.id, VOL_2, at(2_500))
        .await
        .expect("transfer")
        .expect("claimed");
    assert_eq!(
        (moved.status, moved.claimed_by, moved.updated_at),
        (HandoffStatus::Claimed, Some(VOL_2), at(2_500))
    );
    match store.claim(h.id, VOL_1, at(2_600)).await.expect("claim") {
        Claim::Taken(t) => assert_eq!(t.claimed_by, Some(VOL_2)),
        other => panic!("expected Taken, got {other:?}"),
    }

    store
        .cancel_handoff(h.id, at(3_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .transfer(h.id, VOL_1, at(3_001))
            .await
            .expect("cancelled"),
        None
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Resolve, cancel, rate

#[tokio::test]
async fn resolve_ends_the_session_in_the_same_transaction() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(session_status(&store, h.session).await.0, "escalated");
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));

    let note = "Spare key from home; <@&1> @everyone were not pinged.";
    let done = store
        .resolve_handoff(h.id, Some(note), at(3_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!(done.status, HandoffStatus::Resolved);
    assert_eq!(done.resolution_note.as_deref(), Some(note));
    assert_eq!(done.claimed_by, Some(VOL_1), "kept for the record");
    assert_eq!(done.next_notify_at, None);
    assert_eq!(
        session_status(&store, h.session).await,
        ("resolved".to_string(), 3_000)
    );
    // A press on the member's last screen sees the session as resolved, not as the escalated
    // state the advance before left in the store's session cache.
    let pressed = store
        .session_for_press(h.session, 1)
        .await
        .expect("read for a press")
        .expect("exists");
    assert_eq!(pressed.state.status, Status::Resolved);

    // Only once.
    assert_eq!(
        store
            .resolve_handoff(h.id, Some("again"), at(4_000))
            .await
            .expect("again"),
        None
    );
    assert_eq!(get(&store, h.id).await, done);
    assert_eq!(
        store
            .cancel_handoff(h.id, at(4_001))
            .await
            .expect("cancel resolved"),
        None
    );
    assert_eq!(
        session_status(&store, h.session).await,
        ("resolved".to_string(), 3_000)
    );

    // An urgent one straight from `open`, no note; its `emergency` session is resolved too.
    let urgent = open_at(&store, GUILD, BOB, true, at(5_000)).await;
    assert_eq!(session_status(&store, urgent.session).await.0, "emergency");
    let done = store
        .resolve_handoff(urgent.id, Some("   "), at(6_000))
        .await
        .expect("resolve")
        .expect("live");
    assert_eq!((done.resolution_note, done.claimed_by), (None, None));
    assert_eq!(
        session_status(&store, urgent.session).await,
        ("resolved".to_string(), 6_000)
    );

    assert_eq!(
        store
            .resolve_handoff(HandoffId(999), None, at(1))
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}

#[tokio::test]
async fn cancel_abandons_the_session_in_the_same_transaction() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));

    let gone = store
        .cancel_handoff(h.id, at(3_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(gone.status, HandoffStatus::Cancelled);
    assert_eq!(gone.claimed_by, Some(VOL_1));
    assert_eq!(gone.next_notify_at, None);
    assert_eq!(
        session_status(&store, h.session).await,
        ("abandoned".to_string(), 3_000)
    );
    assert_eq!(
        store.cancel_handoff(h.id, at(4_000)).await.expect("again"),
        None
    );
    assert_eq!(
        store
            .resolve_handoff(h.id, None, at(4_001))
            .await
            .expect("resolve cancelled"),
        None
    );
    assert!(store.queue(GUILD).await.expect("queue").is_empty());
    assert_eq!(store.earliest_notice().await.expect("earliest"), None);

    // An open urgent one: its `emergency` session is abandoned as well.
    let urgent = open_at(&store, GUILD, BOB, true, at(5_000)).await;
    store
        .cancel_handoff(urgent.id, at(6_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        session_status(&store, urgent.session).await,
        ("abandoned".to_string(), 6_000)
    );
    store.close().await;
}

#[tokio::test]
async fn a_rating_is_taken_once_and_only_after_resolve() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    assert_eq!(
        store
            .rate(h.id, Rating::Solved, at(1_500))
            .await
            .expect("open"),
        None
    );
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    assert_eq!(
        store
            .rate(h.id, Rating::Solved, at(2_500))
            .await
            .expect("claimed"),
        None
    );
    store
        .resolve_handoff(h.id, None, at(3_000))
        .await
        .expect("resolve")
        .expect("live");

    let rated = store
        .rate(h.id, Rating::NotSolved, at(4_000))
        .await
        .expect("rate")
        .expect("resolved");
    assert_eq!(
        (rated.rating, rated.updated_at),
        (Some(Rating::NotSolved), at(4_000))
    );
    assert_eq!(
        store
            .rate(h.id, Rating::Solved, at(5_000))
            .await
            .expect("second"),
        None
    );
    assert_eq!(
        get(&store, h.id).await.rating,
        Some(Rating::NotSolved),
        "the first answer stands"
    );

    let cancelled = open_at(&store, GUILD, BOB, false, at(6_000)).await;
    store
        .cancel_handoff(cancelled.id, at(6_001))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .rate(cancelled.id, Rating::Solved, at(6_002))
            .await
            .expect("cancelled"),
        None
    );
    assert_eq!(
        store
            .rate(HandoffId(999), Rating::Solved, at(1))
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// The queue

#[tokio::test]
async fn the_queue_is_urgent_first_then_oldest_then_id() {
    let (_dir, _url, store) = fresh().await;
    let old = open_at(&store, GUILD, ALICE, false, at(1_000)).await;
    let newer = open_at(&store, GUILD, BOB, false, at(3_000)).await;
    let urgent_new = open_at(&store, GUILD, CAROL, true, at(4_000)).await;
    let urgent_old = open_at(&store, GUILD, UserId(ALICE.get() + 10), true, at(2_000)).await;
    let same_time = open_at(&store, GUILD, UserId(ALICE.get() + 11), false, at(3_000)).await;
    let _elsewhere = open_at(&store, OTHER_GUILD, ALICE, true, at(500)).await;
    let done = open_at(&store, GUILD, UserId(ALICE.get() + 12), true, at(100)).await;
    store
        .resolve_handoff(done.id, None, at(5_000))
        .await
        .expect("resolve")
        .expect("live");
    let gone = open_at(&store, GUILD, UserId(ALICE.get() + 13), false, at(100)).await;
    store
        .cancel_handoff(gone.id, at(5_000))
        .await
        .expect("cancel")
        .expect("live");
    // Claimed ones stay in the queue (the queue shows who has what).
    claimed(
        store
            .claim(newer.id, VOL_1, at(6_000))
            .await
            .expect("claim"),
    );

    let ids: Vec<HandoffId> = store
        .queue(GUILD)
        .await
        .expect("queue")
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(
        ids,
        vec![urgent_old.id, urgent_new.id, old.id, newer.id, same_time.id]
    );
    assert!(newer.id < same_time.id);
    assert!(store
        .queue(GuildId(OTHER_GUILD.get() + 1))
        .await
        .expect("empty")
        .is_empty());
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Re-notify timer

#[tokio::test]
async fn due_notices_are_open_overdue_oldest_first_and_limited() {
    let (_dir, _url, store) = fresh().await;
    assert!(store
        .due_notices(at(i64::MAX), 10)
        .await
        .expect("none")
        .is_empty());
    assert_eq!(store.earliest_notice().await.expect("none"), None);

    // Due at 601_000, 602_000, 603_000, 604_000 (created a second apart), across servers.
    let a = open_at(&store, GUILD, ALICE, false, at(1_000)).await;
    let b = open_at(&store, OTHER_GUILD, BOB, true, at(2_000)).await;
    let c = open_at(&store, GUILD, CAROL, false, at(3_000)).await;
    let d = open_at(&store, GUILD, UserId(ALICE.get() + 1), false, at(4_000)).await;
    claimed(store.claim(c.id, VOL_1, at(5_000)).await.expect("claim c"));
    store
        .cancel_handoff(d.id, at(5_000))
        .await
        .expect("cancel d")
        .expect("live");

    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(601_000))
    );
    assert!(store
        .due_notices(at(600_999), 10)
        .await
        .expect("not yet")
        .is_empty());
    let due = |now, limit| {
        let store = store.clone();
        async move {
            store
                .due_notices(now, limit)
                .await
                .expect("due")
                .iter()
                .map(|h| h.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        due(at(601_000), 10).await,
        vec![a.id],
        "due exactly at next_notify_at"
    );
    assert_eq!(
        due(at(10_000_000), 10).await,
        vec![a.id, b.id],
        "claimed and cancelled are not due"
    );
    assert_eq!(due(at(10_000_000), 1).await, vec![a.id]);
    assert!(due(at(10_000_000), 0).await.is_empty());

    // Taking a's notice moves it behind b.
    store
        .take_notice(a.id, 0, Some(at(1_201_000)), at(601_000))
        .await
        .expect("take")
        .expect("due");
    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(602_000))
    );
    assert_eq!(due(at(10_000_000), 10).await, vec![b.id, a.id]);
    store.close().await;
}

/// Races `racers` takers of each notice of one fresh handoff, the takers taking turns among
/// `stores` (several stores on one database are several processes): every notice is taken
/// exactly once, and after the last nothing more is planned.
async fn race_notices(stores: &[Store], racers: usize) {
    let h = open(&stores[0]).await;
    let due_at = h.next_notify_at.expect("planned");

    for seen in 0..RENOTIFY_MAX {
        let now = at(due_at.millis() + i64::from(seen) * 600_000);
        let barrier = Arc::new(Barrier::new(racers));
        let mut tasks = Vec::new();
        for racer in 0..racers {
            let store = stores[racer % stores.len()].clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                store
                    .take_notice(
                        h.id,
                        seen,
                        Some(now.plus(Duration::from_millis(600_000))),
                        now,
                    )
                    .await
            }));
        }
        let mut taken = Vec::new();
        for task in tasks {
            if let Some(t) = task.await.expect("task").expect("never an error") {
                taken.push(t);
            }
        }
        assert_eq!(
            taken.len(),
            1,
            "notice {}: taken {} times",
            seen + 1,
            taken.len()
        );
        assert_eq!(taken[0].notify_count, seen + 1);
    }
    for store in stores {
        let last = get(store, h.id).await;
        assert_eq!(
            (last.notify_count, last.next_notify_at),
            (RENOTIFY_MAX, None)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_notice_is_taken_exactly_once_by_racing_takers() {
    const RACERS: usize = 8;
    let (_dir, _url, store) = fresh_wide(RACERS as u32).await;
    race_notices(std::slice::from_ref(&store), RACERS).await;
    store.close().await;
}

/// Two bot processes (two stores on one database) whose timers wake together.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_notice_is_taken_once_across_two_processes() {
    const RACERS: usize = 8;
    let (_dir, url, first) = fresh_wide(RACERS as u32).await;
    let second = open_wide(&url, RACERS as u32).await;
    race_notices(&[first.clone(), second.clone()], RACERS).await;
    second.close().await;
    first.close().await;
}

#[tokio::test]
async fn after_a_restart_a_taken_notice_is_not_due_again_and_the_next_one_is() {
    let (dir, url, store) = fresh().await;
    let h = open(&store).await; // first notice due at 601_000
    let interval = Duration::from_millis(600_000);

    // The bot wakes late (it was down): the notice is overdue, it takes it, sends it, and dies.
    let now = at(650_000);
    let due = store.due_notices(now, 10).await.expect("due");
    assert_eq!(due.len(), 1);
    let seen = due[0].notify_count;
    let taken = store
        .take_notice(h.id, seen, Some(now.plus(interval)), now)
        .await
        .expect("take")
        .expect("ours");
    assert_eq!(
        (taken.notify_count, taken.next_notify_at),
        (1, Some(at(1_250_000)))
    );
    store.close().await;

    // Restart: a replay of the same moment finds nothing due, and the old right is gone.
    let store = Store::open(&url).await.expect("reopen");
    assert!(store.due_notices(now, 10).await.expect("due").is_empty());
    assert!(store
        .due_notices(at(1_249_999), 10)
        .await
        .expect("due")
        .is_empty());
    assert_eq!(
        store
            .take_notice(h.id, seen, Some(now.plus(interval)), now)
            .await
            .expect("replay"),
        None
    );
    assert_eq!(
        store
            .take_notice(h.id, seen, Some(at(2_000_000)), at(2_000_000))
            .await
            .expect("late replay"),
        None
    );
    assert_eq!(
        store.earliest_notice().await.expect("earliest"),
        Some(at(1_250_000))
    );

    // The next one comes due on schedule, and is taken once.
    let due = store.due_notices(at(1_250_000), 10).await.expect("due");
    assert_eq!(
        due.iter()
            .map(|h| (h.id, h.notify_count))
            .collect::<Vec<_>>(),
        vec![(h.id, 1)]
    );
    // Not before it is due.
    assert_eq!(
        store
            .take_notice(h.id, 1, Some(at(1)), at(1_249_999))
            .await
            .expect("early"),
        None
    );
    let second = store
        .take_notice(h.id, 1, Some(at(1_850_000)), at(1_250_000))
        .await
        .expect("take")
        .expect("ours");
    assert_eq!(second.notify_count, 2);
    store.close().await;

    // Another restart, this time with a notice overdue for a long while: it goes out once.
    let store = Store::open(&url).await.expect("reopen again");
    let now = at(9_000_000);
    let due = store.due_notices(now, 10).await.expect("due");
    assert_eq!(due.len(), 1);
    let third = store
        .take_notice(h.id, due[0].notify_count, Some(now.plus(interval)), now)
        .await
        .expect("take")
        .expect("ours");
    // The third is the last: nothing more is planned, whatever the caller asked.
    assert_eq!(
        (third.notify_count, third.next_notify_at),
        (RENOTIFY_MAX, None)
    );
    assert!(store
        .due_notices(at(i64::MAX), 10)
        .await
        .expect("due")
        .is_empty());
    assert_eq!(store.earliest_notice().await.expect("earliest"), None);
    // notify_count never goes past RENOTIFY_MAX.
    for seen in [RENOTIFY_MAX, RENOTIFY_MAX + 1, u32::MAX] {
        assert_eq!(
            store
                .take_notice(h.id, seen, Some(at(1)), at(i64::MAX))
                .await
                .expect("past the last"),
            None
        );
    }
    assert_eq!(get(&store, h.id).await.notify_count, RENOTIFY_MAX);
    store.close().await;
    drop(dir);
}

#[tokio::test]
async fn a_claimed_or_closed_handoff_gives_no_notice() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    let due = h.next_notify_at.expect("planned");
    // A timer that read the row before the claim comes too late.
    claimed(store.claim(h.id, VOL_1, at(2_000)).await.expect("claim"));
    assert_eq!(
        store
            .take_notice(h.id, 0, Some(at(due.millis() + 1)), due)
            .await
            .expect("claimed"),
        None
    );
    store
        .release(h.id, due, at(3_000))
        .await
        .expect("release")
        .expect("claimed");
    store
        .cancel_handoff(h.id, at(4_000))
        .await
        .expect("cancel")
        .expect("live");
    assert_eq!(
        store
            .take_notice(h.id, 0, Some(at(due.millis() + 1)), due)
            .await
            .expect("cancelled"),
        None
    );
    assert_eq!(
        store
            .take_notice(HandoffId(999), 0, None, due)
            .await
            .expect("missing"),
        None
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Bounds and ids

#[tokio::test]
async fn notes_over_the_bound_are_refused_and_nothing_is_written() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;

    // The bound counts characters, not bytes: 1000 two-byte characters fit.
    let at_bound = "é".repeat(NOTE_MAX_CHARS);
    let kept = store
        .set_member_note(h.id, &at_bound, at(2_000))
        .await
        .expect("at bound")
        .expect("live");
    assert_eq!(kept.member_note.as_deref(), Some(at_bound.as_str()));

    let over = "x".repeat(NOTE_MAX_CHARS + 1);
    let err = store
        .set_member_note(h.id, &over, at(3_000))
        .await
        .expect_err("too long");
    assert!(
        matches!(err, StoreError::TooLong { chars, max, .. } if chars == NOTE_MAX_CHARS + 1 && max == NOTE_MAX_CHARS),
        "{err}"
    );
    assert!(err.to_string().contains("member's note"), "{err}");
    assert!(err.to_string().contains("1001"), "{err}");
    assert_eq!(get(&store, h.id).await, kept, "nothing written");

    let err = store
        .resolve_handoff(h.id, Some(&over), at(4_000))
        .await
        .expect_err("too long");
    assert!(matches!(err, StoreError::TooLong { .. }), "{err}");
    assert!(err.to_string().contains("resolution note"), "{err}");
    assert_eq!(
        get(&store, h.id).await.status,
        HandoffStatus::Open,
        "still live"
    );

    let long_resolution = "ü".repeat(NOTE_MAX_CHARS);
    let done = store
        .resolve_handoff(h.id, Some(&long_resolution), at(5_000))
        .await
        .expect("at bound")
        .expect("live");
    assert_eq!(
        done.resolution_note.as_deref(),
        Some(long_resolution.as_str())
    );
    store.close().await;
}

#[tokio::test]
async fn ids_at_or_above_two_to_the_63_are_refused_not_wrapped() {
    let (_dir, _url, store) = fresh().await;
    let h = open(&store).await;
    let session = escalated_session(&store, GUILD, BOB, false).await;

    let mut errors = vec![
        store.guild_setup(GuildId(HUGE)).await.map(drop),
        store
            .save_guild_setup(&GuildSetup::new(GuildId(HUGE)), at(1))
            .await,
        store
            .save_guild_setup(
                &GuildSetup {
                    volunteer_role: Some(RoleId(u64::MAX)),
                    ..GuildSetup::new(GUILD)
                },
                at(1),
            )
            .await,
        store
            .save_guild_setup(
                &GuildSetup {
                    help_channel: Some(ChannelId(HUGE)),
                    ..GuildSetup::new(GUILD)
                },
                at(1),
            )
            .await,
        store
            .set_permission_problem(GuildId(HUGE), Some("x"), at(1))
            .await
            .map(drop),
        store.set_on_duty(GUILD, UserId(HUGE), true, at(1)).await,
        store.set_on_duty(GuildId(HUGE), ALICE, true, at(1)).await,
        store.on_duty(GuildId(HUGE)).await.map(drop),
        store
            .open_handoff(&new_handoff(session.id, GuildId(HUGE), BOB, false), at(1))
            .await
            .map(drop),
        store
            .open_handoff(&new_handoff(session.id, GUILD, UserId(HUGE), false), at(1))
            .await
            .map(drop),
        store
            .live_handoff_of_member(GUILD, UserId(HUGE))
            .await
            .map(drop),
        store.attach_thread(h.id, ChannelId(HUGE), at(1)).await,
        store
            .attach_card(h.id, ChannelId(HUGE), MessageId(1), at(1))
            .await,
        store
            .attach_card(h.id, ChannelId(1), MessageId(u64::MAX), at(1))
            .await,
        store.claim(h.id, UserId(HUGE), at(1)).await.map(drop),
        store.queue(GuildId(HUGE)).await.map(drop),
    ];
    claimed(store.claim(h.id, VOL_1, at(2)).await.expect("claim"));
    errors.push(store.transfer(h.id, UserId(HUGE), at(3)).await.map(drop));

    for (i, result) in errors.into_iter().enumerate() {
        let err = result.expect_err("huge id");
        assert!(
            matches!(err, StoreError::IdOutOfRange { .. }),
            "case {i}: {err}"
        );
        assert!(err.to_string().contains("out of range"), "{err}");
    }

    // Nothing was written by any of them (a huge id cannot be stored, so only the
    // refused writes' other rows can be looked for).
    assert_eq!(store.guild_setup(GUILD).await.expect("read"), None);
    assert!(store.on_duty(GUILD).await.expect("list").is_empty());
    assert_eq!(
        store
            .handoff_for_session(session.id)
            .await
            .expect("by session"),
        None
    );
    let now = get(&store, h.id).await;
    assert_eq!((now.thread, now.card_channel), (None, None));
    assert_eq!(now.claimed_by, Some(VOL_1));

    // The largest storable id round-trips.
    let max = i64::MAX as u64;
    store
        .set_on_duty(GuildId(max), UserId(max), true, at(1))
        .await
        .expect("max ids");
    assert_eq!(
        store.on_duty(GuildId(max)).await.expect("list"),
        vec![UserId(max)]
    );
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// Rows the store did not write, and ids that live on

/// Writes with CHECK constraints off, as a damaged file or another program might.
async fn plant(url: &str, sql: &str) {
    let mut conn = raw(url).await;
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut conn)
        .await
        .expect("pragma");
    sqlx::query(sql).execute(&mut conn).await.expect("plant");
    conn.close().await.expect("close raw");
}

#[tokio::test]
async fn broken_rows_read_as_corrupt_records_never_a_panic() {
    let (_dir, url, store) = fresh_sqlite().await;
    let cases = [
        ("status = 'paused'", "unknown status \"paused\""),
        ("rating = 'meh'", "unknown rating"),
        ("notify_count = 7", "notify_count 7"),
        ("notify_count = -1", "notify_count -1"),
        ("member_id = -5", "member_id -5 is negative"),
        ("urgent = 2", "urgent 2"),
        ("status = 'claimed'", "claimed_by is missing"),
    ];
    for (i, (set, what)) in cases.into_iter().enumerate() {
        let h = open_at(
            &store,
            GUILD,
            UserId(ALICE.get() + i as u64),
            false,
            at(1_000),
        )
        .await;
        plant(
            &url,
            &format!("UPDATE handoffs SET {set} WHERE id = {}", h.id),
        )
        .await;
        let err = store.handoff(h.id).await.expect_err(set);
        match &err {
            StoreError::CorruptRecord { record, what: got } => {
                assert_eq!(record, &format!("handoff {}", h.id));
                assert!(got.contains(what), "{set}: {got:?}");
            }
            other => panic!("{set}: expected CorruptRecord, got {other:?}"),
        }
        assert!(
            err.to_string().contains(&format!("handoff {}", h.id)),
            "{err}"
        );
        // Guarded writes that read the row back report it too, instead of panicking.
        assert!(store.claim(h.id, VOL_1, at(2_000)).await.is_err(), "{set}");
    }

    store
        .save_guild_setup(&GuildSetup::new(GUILD), at(1))
        .await
        .expect("save");
    plant(&url, "UPDATE guild_settings SET renotify_secs = 0").await;
    let err = store.guild_setup(GUILD).await.expect_err("corrupt setup");
    assert!(matches!(err, StoreError::CorruptRecord { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("server {GUILD}")),
        "{err}"
    );
    assert!(err.to_string().contains("renotify_secs 0"), "{err}");
    store.close().await;
}

#[tokio::test]
async fn handoffs_go_with_their_session_and_ids_are_never_reused() {
    let (_dir, url, store) = fresh_sqlite().await;
    let h = open(&store).await;
    let mut conn = raw(&url).await;
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut conn)
        .await
        .expect("fk on");
    sqlx::query("DELETE FROM sessions WHERE id = ?")
        .bind(h.session.0)
        .execute(&mut conn)
        .await
        .expect("delete the session");
    let left: i64 = sqlx::query("SELECT count(*) FROM handoffs")
        .fetch_one(&mut conn)
        .await
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
    conn.close().await.expect("close raw");

    // The id lives on in Discord buttons, so the next handoff gets a new one.
    let next = open_at(&store, GUILD, BOB, false, at(2_000)).await;
    assert!(next.id > h.id);
    assert_eq!(store.handoff(h.id).await.expect("gone"), None);
    store.close().await;
}

// ---------------------------------------------------------------------------------------------
// A handoff no guide led to ("None of these — ask a volunteer")

#[tokio::test]
async fn an_unguided_handoff_is_an_escalated_session_of_no_guide_with_the_words_as_its_note() {
    let (_dir, _url, store) = fresh().await;
    let (guild, channel, member) = (GuildId(7), ChannelId(8), UserId(9));
    let scope = Scope::Guild { guild, channel };
    // A guide the member has open here is left alone: the ask is a request of its own.
    let open = store
        .start_session(
            &Member::Discord(member),
            &scope,
            "stuck-key",
            &GuideVersion("v1".into()),
            &State {
                node: "start".into(),
                path: Vec::new(),
                step: 0,
                status: Status::Active,
            },
            Timestamp(1_000),
        )
        .await
        .expect("a guided session");

    let words = "@everyone ran out of petrol\non the A1";
    let (session, h) = store
        .open_unguided_handoff(
            (guild, channel),
            member,
            LangCode::En,
            words,
            Timestamp(5_000),
            Timestamp(2_000),
        )
        .await
        .expect("opened");
    assert!(session.is_unguided());
    assert_eq!(session.guide_id, pitcrew::domain::NO_GUIDE);
    assert_eq!(session.state.status, Status::Escalated);
    assert_eq!(session.scope, scope);
    assert_eq!((h.session, h.guild, h.member), (session.id, guild, member));
    assert_eq!(h.status, HandoffStatus::Open);
    assert!(!h.urgent);
    assert_eq!(h.member_note.as_deref(), Some(words));
    assert_eq!(h.next_notify_at, Some(Timestamp(5_000)));
    assert_eq!(
        store.live_handoff_of_member(guild, member).await.unwrap(),
        Some(h)
    );
    let still = store.session(open.id).await.unwrap().expect("still there");
    assert_eq!(still.state.status, Status::Active);

    // Words over the limit are refused before anything is written.
    let other = UserId(10);
    let long = "x".repeat(NOTE_MAX_CHARS + 1);
    let refused = store
        .open_unguided_handoff(
            (guild, channel),
            other,
            LangCode::En,
            &long,
            Timestamp(5_000),
            Timestamp(3_000),
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::TooLong { .. })),
        "{refused:?}"
    );
    assert_eq!(
        store.live_handoff_of_member(guild, other).await.unwrap(),
        None
    );
}
