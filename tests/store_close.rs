//! `Store::close` closes every connection it opened (the writer's own, the readers', the
//! checkpointer's and the pool's) and refuses writes that come after it, on a real SQLite file.
//!
//! How "every connection" is seen from outside: SQLite deletes a database's `-wal` and `-shm`
//! files when the last connection to it closes. While any connection the store opened is still
//! open, they stay. The store's own connections close one after another, but the pool may close
//! two at once (one in a task returning it), and then neither is last; so the test opens, reads
//! with and closes one connection of its own: it is the last one exactly when the store left
//! none open.

use pitcrew::domain::{GuildId, Timestamp, UserId};
use pitcrew::store::Store;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use tempfile::TempDir;

const GUILD: GuildId = GuildId(175_928_847_299_117_063);
const VOLUNTEER: UserId = UserId(80_351_110_224_678_912);

/// The database's WAL sidecar files still there after one more connection opened, read and
/// closed: none unless another connection is still open.
async fn sidecars_after_a_last_close(dir: &TempDir) -> Vec<String> {
    let options = SqliteConnectOptions::new().filename(dir.path().join("pitcrew.db"));
    let mut conn = options
        .connect()
        .await
        .expect("a connection of the test's own");
    sqlx::query("SELECT count(*) FROM sqlite_master")
        .execute(&mut conn)
        .await
        .expect("read");
    conn.close().await.expect("close the test's connection");
    sidecars(dir)
}

fn sidecars(dir: &TempDir) -> Vec<String> {
    ["pitcrew.db-wal", "pitcrew.db-shm"]
        .into_iter()
        .filter(|name| dir.path().join(name).exists())
        .map(str::to_string)
        .collect()
}

async fn used_store(dir: &TempDir) -> Store {
    let url = format!("sqlite://{}", dir.path().join("pitcrew.db").display());
    let store = Store::open(&url).await.expect("open a fresh database");
    // A write (the writer's own connection) and a read (a reader's connection).
    store
        .set_on_duty(GUILD, VOLUNTEER, true, Timestamp(1_000))
        .await
        .expect("write");
    let on_duty = store.on_duty(GUILD).await.expect("read");
    assert_eq!(on_duty, vec![VOLUNTEER]);
    store
}

#[tokio::test]
async fn close_closes_every_connection_the_store_opened() {
    let dir = TempDir::new().expect("temp dir");
    let store = used_store(&dir).await;
    assert!(
        !sidecars(&dir).is_empty(),
        "a database in WAL mode with open connections has its -wal/-shm files"
    );

    store.close().await;

    assert_eq!(
        sidecars_after_a_last_close(&dir).await,
        Vec::<String>::new(),
        "a connection is still open after Store::close (SQLite removes these with the last one)"
    );
}

#[tokio::test]
async fn a_write_after_close_is_refused_and_opens_nothing() {
    let dir = TempDir::new().expect("temp dir");
    let store = used_store(&dir).await;
    store.close().await;

    let late = store
        .set_on_duty(GUILD, VOLUNTEER, false, Timestamp(2_000))
        .await;
    assert!(late.is_err(), "a write after close must fail, got {late:?}");
    assert_eq!(
        sidecars_after_a_last_close(&dir).await,
        Vec::<String>::new(),
        "a write after close reopened the database and left its connection open"
    );

    // What was committed before the close is all there, and the late write is not.
    let url = format!("sqlite://{}", dir.path().join("pitcrew.db").display());
    let reopened = Store::open(&url).await.expect("reopen");
    assert_eq!(
        reopened.on_duty(GUILD).await.expect("read"),
        vec![VOLUNTEER]
    );
    reopened.close().await;
}
