//! `pitcrew doctor`'s database line on PostgreSQL: an empty database, a migrated one with its
//! counts, the servers set up, and what it says when the migrations are not this build's or
//! the server cannot be reached.
//!
//! Needs a PostgreSQL server (`PITCREW_TEST_POSTGRES`, README: "PostgreSQL"); without it the
//! tests that need one say so and pass (the SQLite doctor is tested in `discord/doctor.rs`).

#[path = "support/db.rs"]
mod db;

use std::process::Command;

use pitcrew::domain::{ChannelId, GuildId};
use pitcrew::store::{check_database, configured_servers, Store};
use sqlx::{Connection, PgConnection};

#[tokio::test]
async fn an_empty_then_a_migrated_database_is_ok_with_its_counts_and_servers() {
    let Some(_) = db::postgres() else {
        println!(
            "skipped: set {} to run the doctor against PostgreSQL",
            db::POSTGRES_ENV
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = db::fresh_url(&dir).await;
    let empty = check_database(&url)
        .await
        .expect("an empty database is fine");
    assert!(
        empty.contains("`pitcrew run` creates the tables"),
        "{empty}"
    );
    assert_eq!(configured_servers(&url).await, Ok(vec![]));

    Store::open(&url).await.expect("migrate").close().await;
    let mut pg = PgConnection::connect(&url).await.expect("pg");
    sqlx::query(
        "INSERT INTO guild_settings (guild_id, cards_channel_id, help_channel_id, updated_at) \
         VALUES (7, 8, NULL, 1)",
    )
    .execute(&mut pg)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO sessions (member_kind, member_id, scope_kind, guide_id, guide_version, node, \
         step, status, created_at, updated_at) \
         VALUES ('discord', 13, 'dm', 'battery', 'v1', 'start', 0, 'active', 1, 1)",
    )
    .execute(&mut pg)
    .await
    .unwrap();
    let fine = check_database(&url).await.expect("migrated");
    assert_eq!(
        fine,
        "PostgreSQL, connects, migrated, writable (1 sessions, 0 answers)"
    );
    assert_eq!(
        configured_servers(&url).await,
        Ok(vec![(GuildId(7), vec![ChannelId(8)])])
    );
    // The write it tries is taken back: no lease is left behind.
    let leases: i64 = sqlx::query_scalar("SELECT count(*) FROM leases")
        .fetch_one(&mut pg)
        .await
        .unwrap();
    assert_eq!(leases, 0);

    // The binary says the same on its database line (no token: settings fail, the rest runs).
    let out = Command::new(env!("CARGO_BIN_EXE_pitcrew"))
        .arg("doctor")
        .current_dir(dir.path())
        .env_clear()
        .env("DATABASE_URL", &url)
        .output()
        .expect("pitcrew runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.lines().any(|l| l == format!("ok    database: {fine}")),
        "{said}"
    );

    // A migration this build does not know: a newer pitcrew ran here.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from the future', true, '\\x00', 1)",
    )
    .execute(&mut pg)
    .await
    .unwrap();
    let newer = check_database(&url).await.unwrap_err();
    assert!(
        newer.contains("migration 9999 was applied by a newer pitcrew"),
        "{newer}"
    );
    let _ = pg.close().await;
}

#[tokio::test]
async fn a_server_that_cannot_be_reached_is_named_without_its_password() {
    // Needs no server: nothing answering is the point.
    // Port 1 on this machine: nothing listens there.
    let url = "postgres://bot:s3cret@127.0.0.1:1/pitcrew";
    let err = check_database(url).await.unwrap_err();
    assert!(
        err.starts_with("DATABASE_URL=postgres://bot:***@127.0.0.1:1/pitcrew cannot be reached"),
        "{err}"
    );
    assert!(!err.contains("s3cret"), "{err}");
    assert!(configured_servers(url).await.is_err());
}

#[tokio::test]
async fn the_store_names_a_server_it_cannot_reach_without_its_password() {
    // The error `pitcrew run` prints and logs when the database is away at start.
    let url = "postgres://bot:s3cret@127.0.0.1:1/pitcrew";
    let err = pitcrew::store::Store::open(url)
        .await
        .expect_err("nothing listens on port 1")
        .to_string();
    assert!(
        err.contains("DATABASE_URL=postgres://bot:***@127.0.0.1:1/pitcrew"),
        "{err}"
    );
    assert!(!err.contains("s3cret"), "{err}");
    assert!(err.contains("PostgreSQL server is running"), "{err}");
}

#[tokio::test]
async fn a_changed_postgres_migration_is_named_by_its_own_file() {
    let Some(_) = db::postgres() else {
        println!("skipped: set {} to run it", db::POSTGRES_ENV);
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = db::fresh_url(&dir).await;
    Store::open(&url).await.expect("migrates").close().await;
    let mut conn = PgConnection::connect(&url).await.expect("connect");
    sqlx::query("UPDATE _sqlx_migrations SET checksum = '\\x00'::bytea WHERE version = 1")
        .execute(&mut conn)
        .await
        .expect("change the record");
    let _ = conn.close().await;
    let err = Store::open(&url).await.expect_err("changed").to_string();
    // migrations/postgres/0001_schema.sql, not SQLite's 0001_sessions.sql.
    assert!(err.contains("migration 0001_schema"), "{err}");
}
