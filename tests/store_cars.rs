//! The member's car in the store: saved, replaced, read back, deleted, kept apart per member
//! (on the backend under test, `support/db.rs`), and a row the domain would refuse, planted
//! in a SQLite file, read as corrupt, never a panic.

#[path = "support/db.rs"]
mod db;

use std::str::FromStr;

use pitcrew::domain::{Car, KeyType, Make, Member, Timestamp, UserId};
use pitcrew::store::{Store, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use tempfile::TempDir;

/// A fresh store on the backend under test.
async fn fresh() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

/// A fresh store on a SQLite file, for planting rows with SQLite's SQL.
async fn fresh_sqlite() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::sqlite_url(&dir);
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

fn car(s: &str) -> Car {
    Car::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

const ANA: Member = Member::Discord(UserId(175_928_847_299_117_063));

#[tokio::test]
async fn a_car_is_saved_read_back_replaced_and_forgotten() {
    let (_dir, _url, store) = fresh().await;
    assert_eq!(store.car(&ANA).await.expect("read"), None);

    let first = car("MINI Cooper S 2006 flat-key");
    store
        .save_car(&ANA, &first, Timestamp(1))
        .await
        .expect("save");
    let got = store.car(&ANA).await.expect("read").expect("a car");
    assert_eq!(got, first);
    assert_eq!(
        (got.make, got.model(), got.year, got.key),
        (
            Make::Mini,
            Some("Cooper S"),
            Some(2006),
            Some(KeyType::FlatKey)
        )
    );

    // Telling it again replaces it: one car per member.
    let second = car("BMW");
    store
        .save_car(&ANA, &second, Timestamp(2))
        .await
        .expect("replace");
    assert_eq!(store.car(&ANA).await.expect("read"), Some(second));

    assert!(store.delete_car(&ANA).await.expect("forget"));
    assert_eq!(store.car(&ANA).await.expect("read"), None);
    assert!(
        !store.delete_car(&ANA).await.expect("forget again"),
        "nothing left to forget"
    );
}

#[tokio::test]
async fn cars_are_kept_per_member_discord_and_terminal_apart() {
    let (_dir, _url, store) = fresh().await;
    let bo = Member::Discord(UserId(2));
    // A terminal user never shares a car with a Discord user, whatever the name.
    let local = Member::Local("175928847299117063".into());
    store
        .save_car(&ANA, &car("MINI clamshell"), Timestamp(1))
        .await
        .expect("save");
    store
        .save_car(&local, &car("BMW 2015 comfort-access"), Timestamp(1))
        .await
        .expect("save local");
    assert_eq!(store.car(&bo).await.expect("read"), None);
    assert_eq!(
        store.car(&ANA).await.expect("read"),
        Some(car("MINI clamshell"))
    );
    assert_eq!(
        store.car(&local).await.expect("read"),
        Some(car("BMW 2015 comfort-access"))
    );
    store.delete_car(&local).await.expect("forget");
    assert!(store.car(&ANA).await.expect("read").is_some());
}

#[tokio::test]
async fn a_planted_car_the_domain_refuses_is_corrupt_not_a_panic() {
    let (_dir, url, store) = fresh_sqlite().await;
    let mut conn = SqliteConnectOptions::from_str(&url)
        .expect("url")
        .connect()
        .await
        .expect("raw connection");
    // A key type no code wrote (say, by a newer version), and a BMW "clamshell".
    for (id, make, key) in [(7_i64, "MINI", "laser-key"), (8, "BMW", "clamshell")] {
        sqlx::query(
            "INSERT INTO member_cars (member_kind, member_id, make, key_type, updated_at) \
             VALUES ('discord', ?, ?, ?, 0)",
        )
        .bind(id)
        .bind(make)
        .bind(key)
        .execute(&mut conn)
        .await
        .expect("plant");
        let member = Member::Discord(UserId(u64::try_from(id).expect("small id")));
        match store.car(&member).await {
            Err(StoreError::CorruptRecord { record, .. }) => assert!(record.contains("car")),
            other => panic!("expected CorruptRecord, got {other:?}"),
        }
    }
    // The schema itself refuses a Discord row without its id, and a year out of range.
    for sql in [
        "INSERT INTO member_cars (member_kind, make, updated_at) VALUES ('discord', 'BMW', 0)",
        "INSERT INTO member_cars (member_kind, member_id, make, year, updated_at) \
         VALUES ('discord', 9, 'BMW', 3000, 0)",
    ] {
        assert!(sqlx::query(sql).execute(&mut conn).await.is_err(), "{sql}");
    }
    conn.close().await.expect("close");
}

/// Two processes saving the member's car at once (two pools on one database): neither fails,
/// and one car is kept, one of the two.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_saves_from_two_processes_keep_one_car() {
    let (_dir, url, store) = fresh().await;
    let other = Store::open(&url).await.expect("a second process");
    let cars = [car("MINI Cooper 2010"), car("BMW 2015 comfort-access")];
    for round in 0..10 {
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(cars.len()));
        let mut tasks = Vec::new();
        for (i, saved) in cars.iter().enumerate() {
            let store = if i == 0 { store.clone() } else { other.clone() };
            let (barrier, saved) = (barrier.clone(), saved.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                store.save_car(&ANA, &saved, Timestamp(round)).await
            }));
        }
        for task in tasks {
            task.await
                .expect("task")
                .expect("a racing save must never be an error");
        }
        let kept = store.car(&ANA).await.expect("read").expect("a car");
        assert!(cars.contains(&kept), "{kept:?}");
        assert!(store.delete_car(&ANA).await.expect("forget"));
        assert_eq!(other.car(&ANA).await.expect("read"), None, "one row, gone");
    }
    other.close().await;
    store.close().await;
}
