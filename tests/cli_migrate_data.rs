//! `pitcrew migrate-data --from sqlite://…` as an operator runs it: a club's SQLite data lands
//! in a fresh PostgreSQL database row for row, ids and all; a database that already holds data
//! is refused; new rows on PostgreSQL take ids past the copied ones.
//!
//! Needs a PostgreSQL server (`PITCREW_TEST_POSTGRES`, see README: "PostgreSQL"); without it
//! each test says so and passes, as the SQLite run has nothing to test here.

#[path = "support/db.rs"]
mod db;

use std::path::Path;
use std::process::{Command, Output};
use std::str::FromStr;
use std::time::Duration;

use pitcrew::domain::{
    Car, ChannelId, GuildId, GuildSetup, LangCode, Member, NewAnswer, NewHandoff, Region, RoleId,
    Scope, Timestamp, UserId, WhenNothingFits,
};
use pitcrew::guide::GuideVersion;
use pitcrew::store::{Advance, Store};
use pitcrew::triage::{State, Status};
use sqlx::{Connection, PgConnection, Row, SqliteConnection};

/// Each copied table and the columns that order its rows the same way on both sides.
const TABLES: [(&str, &str); 8] = [
    ("guild_settings", "guild_id"),
    ("volunteers_on_duty", "guild_id, user_id"),
    ("sessions", "id"),
    ("answers", "id"),
    ("handoffs", "id"),
    (
        "member_cars",
        "member_kind, coalesce(member_id, -1), coalesce(member_name, '')",
    ),
    ("forum_watch", "guild_id, channel_id"),
    ("forum_posts", "thread_id"),
];

const GUILD: GuildId = GuildId(700_000_000_000_000_001);
const CHANNEL: ChannelId = ChannelId(700_000_000_000_000_002);

fn pitcrew(dir: &Path, database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pitcrew"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("DATABASE_URL", database_url)
        .output()
        .expect("pitcrew runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn state(node: &str, step: u32) -> State {
    State {
        node: node.into(),
        path: (0..step).map(|i| format!("n{i}")).collect(),
        step,
        status: Status::Active,
    }
}

/// A club's database with a row in every copied table, some columns NULL and some not.
async fn club(url: &str) {
    let store = Store::open(url).await.expect("open sqlite");
    let v = GuideVersion("v1".into());
    let place = Scope::Guild {
        guild: GUILD,
        channel: CHANNEL,
    };
    let mut sessions = Vec::new();
    for (i, member) in [
        Member::Discord(UserId(11)),
        Member::Discord(UserId(12)),
        Member::Local("terminal user".into()),
    ]
    .iter()
    .enumerate()
    {
        let scope = if i == 2 { Scope::Local } else { place };
        let s = store
            .start_session(
                member,
                &scope,
                "battery",
                &v,
                &state("start", 0),
                Timestamp(1_000 + i as i64),
            )
            .await
            .expect("start");
        sessions.push(s);
    }
    // Answers come from steps taken (the sessions trigger writes them on SQLite).
    for step in 0..3 {
        let next = state(&format!("n{}", step + 1), step + 1);
        let answer = NewAnswer {
            node: format!("n{step}"),
            choice: "yes".into(),
        };
        let done = store
            .advance(
                sessions[0].id,
                step,
                &next,
                &v,
                &answer,
                Timestamp(2_000 + i64::from(step)),
            )
            .await
            .expect("advance");
        assert!(matches!(done, Advance::Applied(_)));
    }
    store
        .record_fixed(sessions[0].id, true)
        .await
        .expect("fixed");
    let (handoff, _) = store
        .open_handoff(
            &NewHandoff {
                session: sessions[1].id,
                guild: GUILD,
                member: UserId(12),
                urgent: true,
                member_lang: LangCode::De,
                next_notify_at: Timestamp(9_000),
            },
            Timestamp(3_000),
        )
        .await
        .expect("handoff");
    store
        .set_member_note(handoff.id, "flat tyre, ß and ✓", Timestamp(3_100))
        .await
        .expect("note");
    store
        .claim(handoff.id, UserId(99), Timestamp(3_200))
        .await
        .expect("claim");
    store
        .save_guild_setup(
            &GuildSetup {
                guild: GUILD,
                volunteer_role: Some(RoleId(5)),
                cards_channel: Some(CHANNEL),
                help_channel: None,
                renotify: Duration::from_secs(900),
                permission_problem: None,
                region: Some(Region::Gb),
                lang: Some(LangCode::De),
                log_channel: Some(ChannelId(6)),
            },
            Timestamp(500),
        )
        .await
        .expect("setup");
    store
        .set_on_duty(GUILD, UserId(99), true, Timestamp(600))
        .await
        .expect("duty");
    let car = Car::from_str("MINI Cooper 2006 clamshell").expect("car");
    store
        .save_car(&Member::Discord(UserId(11)), &car, Timestamp(700))
        .await
        .expect("car");
    store
        .save_car(&Member::Local("terminal user".into()), &car, Timestamp(701))
        .await
        .expect("car");
    store
        .set_forum_watch(
            GUILD,
            ChannelId(8),
            Some(WhenNothingFits::Silent),
            Timestamp(800),
        )
        .await
        .expect("watch");
    assert!(store
        .take_forum_post(GUILD, ChannelId(8), ChannelId(81), Timestamp(810))
        .await
        .expect("post"));
    store.close().await;
}

/// Every row of `table`, every column as text, in key order.
async fn sqlite_rows(
    conn: &mut SqliteConnection,
    table: &str,
    columns: &[String],
    order: &str,
) -> Vec<Vec<Option<String>>> {
    let list: Vec<String> = columns
        .iter()
        .map(|c| format!("CAST(\"{c}\" AS TEXT)"))
        .collect();
    let rows = sqlx::query(&format!(
        "SELECT {} FROM {table} ORDER BY {order}",
        list.join(", ")
    ))
    .fetch_all(conn)
    .await
    .expect("sqlite rows");
    rows.iter()
        .map(|r| {
            (0..columns.len())
                .map(|i| r.get::<Option<String>, _>(i))
                .collect()
        })
        .collect()
}

async fn pg_rows(
    conn: &mut PgConnection,
    table: &str,
    columns: &[String],
    order: &str,
) -> Vec<Vec<Option<String>>> {
    let list: Vec<String> = columns.iter().map(|c| format!("\"{c}\"::TEXT")).collect();
    let rows = sqlx::query(&format!(
        "SELECT {} FROM {table} ORDER BY {order}",
        list.join(", ")
    ))
    .fetch_all(conn)
    .await
    .expect("pg rows");
    rows.iter()
        .map(|r| {
            (0..columns.len())
                .map(|i| r.get::<Option<String>, _>(i))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn a_club_is_copied_row_for_row_and_new_ids_follow_the_copied_ones() {
    let Some(_) = db::postgres() else {
        println!(
            "skipped: set {} to run migrate-data against PostgreSQL",
            db::POSTGRES_ENV
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let from = db::sqlite_url(&dir);
    club(&from).await;
    let to = db::fresh_url(&dir).await;

    let out = pitcrew(dir.path(), &to, &["migrate-data", "--from", &from]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);

    let mut lite = SqliteConnection::connect(&from).await.expect("sqlite");
    let mut pg = PgConnection::connect(&to).await.expect("pg");
    for (table, order) in TABLES {
        let columns: Vec<String> = sqlx::query_scalar(
            "SELECT column_name::TEXT FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY column_name",
        )
        .bind(table)
        .fetch_all(&mut pg)
        .await
        .expect("pg columns");
        // Every column SQLite keeps has a place on PostgreSQL: nothing is left behind.
        let lite_columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY name")
                .bind(table)
                .fetch_all(&mut lite)
                .await
                .expect("sqlite columns");
        assert_eq!(lite_columns, columns, "{table}'s columns");
        let before = sqlite_rows(&mut lite, table, &columns, order).await;
        let after = pg_rows(&mut pg, table, &columns, order).await;
        assert!(!before.is_empty(), "the club has rows in {table}");
        assert_eq!(before, after, "{table}");
        let line = said
            .lines()
            .find(|l| l.split_whitespace().next() == Some(table))
            .unwrap_or_else(|| panic!("no line for {table}: {said}"));
        assert!(line.contains(&format!(" {} rows", before.len())), "{line}");
    }

    // The sequences moved past the copied ids: a new session (or answer, through the
    // trigger) never takes an id a Discord button may still carry.
    let max: i64 = sqlx::query_scalar("SELECT max(id) FROM sessions")
        .fetch_one(&mut pg)
        .await
        .unwrap();
    let new: i64 = sqlx::query_scalar(
        "INSERT INTO sessions (member_kind, member_id, scope_kind, guide_id, guide_version, node, \
         step, status, created_at, updated_at) \
         VALUES ('discord', 13, 'dm', 'battery', 'v1', 'start', 0, 'active', 1, 1) RETURNING id",
    )
    .fetch_one(&mut pg)
    .await
    .expect("a new session");
    assert!(new > max, "new id {new} after {max}");
    for table in ["answers", "handoffs"] {
        let next: i64 = sqlx::query_scalar(&format!(
            "SELECT nextval(pg_get_serial_sequence('{table}', 'id'))"
        ))
        .fetch_one(&mut pg)
        .await
        .unwrap();
        let max: i64 = sqlx::query_scalar(&format!("SELECT max(id) FROM {table}"))
            .fetch_one(&mut pg)
            .await
            .unwrap();
        assert!(next > max, "{table}: next id {next} after {max}");
    }
    let _ = pg.close().await;
    let _ = lite.close().await;
}

#[tokio::test]
async fn a_database_that_holds_data_is_refused_and_left_as_it_was() {
    let Some(_) = db::postgres() else {
        println!(
            "skipped: set {} to run migrate-data against PostgreSQL",
            db::POSTGRES_ENV
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let from = db::sqlite_url(&dir);
    club(&from).await;
    let to = db::fresh_url(&dir).await;
    // Migrated by a first start, and one volunteer went on duty: raw SQL, so this test does
    // not lean on the PostgreSQL store it is not about.
    Store::open(&to).await.expect("open pg").close().await;
    let mut pg = PgConnection::connect(&to).await.expect("pg");
    sqlx::query("INSERT INTO volunteers_on_duty (guild_id, user_id, since) VALUES (1, 1, 1)")
        .execute(&mut pg)
        .await
        .expect("one row");

    let out = pitcrew(dir.path(), &to, &["migrate-data", "--from", &from]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("DATABASE_URL=") && err.contains("already holds data"),
        "{err}"
    );
    assert!(err.contains("volunteers_on_duty"), "{err}");
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&mut pg)
        .await
        .unwrap();
    assert_eq!(sessions, 0, "nothing was copied");
    let _ = pg.close().await;

    // And the other way round: a SQLite DATABASE_URL is no target.
    let out = pitcrew(dir.path(), &from, &["migrate-data", "--from", &from]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is not a PostgreSQL database"),
        "{}",
        text(&out.stderr)
    );
}
