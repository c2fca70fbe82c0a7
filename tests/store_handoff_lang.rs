//! The member's language kept with their handoff (migration 0005): it round-trips for a guided
//! and an unguided handoff and across a reopen, on either backend (`support/db.rs`); on a SQLite
//! file, a handoff from before the migration reads as unrecorded, and the schema refuses a code
//! that is no language tag.

#[path = "support/db.rs"]
mod db;

use std::str::FromStr;

use pitcrew::domain::{
    ChannelId, GuildId, LangCode, Member, NewAnswer, NewHandoff, Scope, Timestamp, UserId,
};
use pitcrew::guide::GuideVersion;
use pitcrew::store::{Advance, Store, StoreError};
use pitcrew::triage::{State, Status};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use tempfile::TempDir;

const GUILD: GuildId = GuildId(175_928_847_299_117_063);
const CHANNEL: ChannelId = ChannelId(381_870_553_235_193_857);

/// A fresh store on the backend under test.
async fn fresh() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

/// A fresh store on a SQLite file, for the tests that plant rows with SQLite's SQL.
async fn fresh_sqlite() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::sqlite_url(&dir);
    let store = Store::open(&url).await.expect("open a fresh database");
    (dir, url, store)
}

async fn raw(url: &str) -> SqliteConnection {
    SqliteConnectOptions::from_str(url)
        .expect("url")
        .connect()
        .await
        .expect("raw connection")
}

/// `member` escalates a guide in the scene's server and a handoff is opened reading `lang`.
async fn escalate(store: &Store, member: UserId, lang: LangCode) -> pitcrew::domain::Handoff {
    let scope = Scope::Guild {
        guild: GUILD,
        channel: CHANNEL,
    };
    let version = GuideVersion("v1".into());
    let start = State {
        node: "start".into(),
        path: vec![],
        step: 0,
        status: Status::Active,
    };
    let who = Member::Discord(member);
    let rec = store
        .start_session(&who, &scope, "stuck-key", &version, &start, Timestamp(1))
        .await
        .expect("start");
    let next = State {
        node: "volunteer".into(),
        path: vec!["start".into()],
        step: 1,
        status: Status::Escalated,
    };
    let answer = NewAnswer {
        node: "start".into(),
        choice: "Talk to a volunteer".into(),
    };
    let Advance::Applied(rec) = store
        .advance(rec.id, 0, &next, &version, &answer, Timestamp(2))
        .await
        .expect("advance")
    else {
        panic!("stale");
    };
    let new = NewHandoff {
        session: rec.id,
        guild: GUILD,
        member,
        urgent: false,
        member_lang: lang,
        next_notify_at: Timestamp(10_000),
    };
    let (h, created) = store.open_handoff(&new, Timestamp(3)).await.expect("open");
    assert!(created);
    h
}

#[tokio::test]
async fn the_members_language_round_trips_for_guided_and_unguided_handoffs() {
    let (_dir, url, store) = fresh().await;
    let de = escalate(&store, UserId(1), LangCode::De).await;
    let en = escalate(&store, UserId(2), LangCode::En).await;
    assert_eq!(de.member_lang, Some(LangCode::De));
    assert_eq!(en.member_lang, Some(LangCode::En));
    let (_, unguided) = store
        .open_unguided_handoff(
            (GUILD, CHANNEL),
            UserId(3),
            LangCode::De,
            "Benzin leer",
            Timestamp(5_000),
            Timestamp(4),
        )
        .await
        .expect("unguided");
    assert_eq!(unguided.member_lang, Some(LangCode::De));

    // Kept on disk, not only in what the insert returned.
    store.close().await;
    let store = Store::open(&url).await.expect("reopen");
    for (h, lang) in [
        (&de, LangCode::De),
        (&en, LangCode::En),
        (&unguided, LangCode::De),
    ] {
        let read = store.handoff(h.id).await.expect("read").expect("exists");
        assert_eq!(read.member_lang, Some(lang), "handoff {}", h.id);
    }
    store.close().await;
}

#[tokio::test]
async fn a_handoff_from_before_0005_reads_unrecorded_and_no_stray_code_is_kept() {
    // SQLite's migration history and rows planted with SQLite's SQL.
    let (_dir, url, store) = fresh_sqlite().await;
    let h = escalate(&store, UserId(1), LangCode::De).await;
    let mut conn = raw(&url).await;
    // What a row written before the migration looks like: the new column is NULL.
    sqlx::query("UPDATE handoffs SET member_lang = NULL WHERE id = ?")
        .bind(h.id.0)
        .execute(&mut conn)
        .await
        .expect("plant an old row");
    let read = store.handoff(h.id).await.expect("read").expect("exists");
    assert_eq!(read.member_lang, None);

    // Not a language tag: the schema refuses it.
    for bad in ["", "DE", "deutsch", "d1"] {
        let refused = sqlx::query("UPDATE handoffs SET member_lang = ? WHERE id = ?")
            .bind(bad)
            .bind(h.id.0)
            .execute(&mut conn)
            .await;
        assert!(refused.is_err(), "{bad:?} was kept");
    }
    // A tag this build does not speak (a newer build's) is corrupt, never read as English.
    sqlx::query("UPDATE handoffs SET member_lang = 'fr' WHERE id = ?")
        .bind(h.id.0)
        .execute(&mut conn)
        .await
        .expect("a well-formed tag");
    conn.close().await.expect("close raw");
    let err = store.handoff(h.id).await.expect_err("unknown language");
    assert!(matches!(err, StoreError::CorruptRecord { .. }), "{err:?}");
    store.close().await;
}
