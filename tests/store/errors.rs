//! Ids that do not fit, and the errors an operator meets at start-up (SQLite).

use super::*;

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
