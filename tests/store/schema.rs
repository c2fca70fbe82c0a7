//! Schema and migrations: the tables a fresh file gets, files and URLs that open (SQLite).

use super::*;

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
