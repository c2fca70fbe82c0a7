//! Which database a store test runs on: one source of tests for both backends.
//!
//! `cargo test` runs them on SQLite files in temporary folders. With `PITCREW_TEST_POSTGRES`
//! set to a PostgreSQL server's URL (README: "PostgreSQL"), the same tests run on that server,
//! each store in a schema of its own (made here, named for the process and a counter), so tests
//! run in parallel without seeing each other's rows. Throw the database away afterwards
//! (`.ci/run` creates one per run and drops it).
//!
//! Tests that are about SQLite itself (files, WAL, backups, raw rows planted with SQLite's SQL)
//! open [`sqlite_url`] directly and stay SQLite tests.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::{Connection, Executor, PgConnection};
use tempfile::TempDir;

/// The variable naming the PostgreSQL server for the PostgreSQL run of the store tests.
pub const POSTGRES_ENV: &str = "PITCREW_TEST_POSTGRES";

/// The PostgreSQL server to test on, if this run is the PostgreSQL one.
pub fn postgres() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|url| !url.trim().is_empty())
}

/// A SQLite database file in `dir`.
pub fn sqlite_url(dir: &TempDir) -> String {
    format!("sqlite://{}", dir.path().join("pitcrew.db").display())
}

/// A fresh, empty database for one test's store: a SQLite file in `dir`, or on the PostgreSQL
/// run a new schema on that server. Opening the same URL again reopens the same data.
pub async fn fresh_url(dir: &TempDir) -> String {
    match postgres() {
        None => sqlite_url(dir),
        Some(server) => fresh_schema(&server).await,
    }
}

static SCHEMAS: AtomicU32 = AtomicU32::new(0);

async fn fresh_schema(server: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "t{}_{}_{}",
        std::process::id(),
        SCHEMAS.fetch_add(1, Ordering::SeqCst),
        nanos
    );
    let mut conn = PgConnection::connect(server)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_ENV}={server}: cannot connect: {e}"));
    conn.execute(format!("CREATE SCHEMA {name}").as_str())
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_ENV}={server}: cannot create schema {name}: {e}"));
    let _ = conn.close().await;
    let sep = if server.contains('?') { '&' } else { '?' };
    format!("{server}{sep}options[search_path]={name}")
}
