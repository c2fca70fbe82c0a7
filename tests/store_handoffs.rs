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
// The tests, by subject

#[path = "store_handoffs/bounds.rs"]
mod bounds;
#[path = "store_handoffs/claims.rs"]
mod claims;
#[path = "store_handoffs/corrupt.rs"]
mod corrupt;
#[path = "store_handoffs/ends.rs"]
mod ends;
#[path = "store_handoffs/notices.rs"]
mod notices;
#[path = "store_handoffs/opening.rs"]
mod opening;
#[path = "store_handoffs/schema.rs"]
mod schema;
#[path = "store_handoffs/setup.rs"]
mod setup;
#[path = "store_handoffs/unguided.rs"]
mod unguided;
