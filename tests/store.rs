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
// The tests, by subject

#[path = "store/advance.rs"]
mod advance;
#[path = "store/corrupt.rs"]
mod corrupt;
#[path = "store/errors.rs"]
mod errors;
#[path = "store/races.rs"]
mod races;
#[path = "store/schema.rs"]
mod schema;
#[path = "store/sessions.rs"]
mod sessions;

#[test]
fn the_system_clock_reads_after_2020() {
    assert!(SystemClock.now() > Timestamp(1_577_836_800_000));
}
