//! `pitcrew migrate-data`: a club's SQLite data copied into a new PostgreSQL database, for a
//! club that outgrows one process (README: Deployment).
//!
//! Every table the bot keeps is copied with its ids, so the session and handoff ids already
//! printed into Discord's buttons and cards keep meaning the same rows; leases are not (they
//! name processes of the old deployment, and expire anyway). The copy is one PostgreSQL
//! transaction: it lands whole or not at all, and is read from one SQLite read transaction, so
//! it is consistent even should the old bot still be writing (stop it first all the same:
//! what it writes afterwards is not copied).
//!
//! The columns copied are the PostgreSQL table's own (read from `information_schema`), so a
//! migration adding a column to both backends needs no change here.

use std::str::FromStr;

use sqlx::postgres::Postgres;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, QueryBuilder, Row};
use thiserror::Error;

use super::health::shown_url;
use super::Pg;
use crate::store::{is_postgres, Backend, Lite, Store, StoreError};

/// The tables copied, parents before children (answers and handoffs name their session).
/// Inserting answers fires no trigger: the one that logs answers runs on a session's UPDATE.
const TABLES: [&str; 8] = [
    "guild_settings",
    "volunteers_on_duty",
    "sessions",
    "answers",
    "handoffs",
    "member_cars",
    "forum_watch",
    "forum_posts",
];

/// The tables whose ids come from a sequence, moved past the copied ids afterwards.
const WITH_IDS: [&str; 3] = ["sessions", "answers", "handoffs"];

/// Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table (22).
const BATCH: usize = 500;

/// One table's rows copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub table: &'static str,
    pub rows: u64,
}

/// Why nothing was copied, for the operator: each names the setting or flag to fix.
#[derive(Debug, Error)]
pub enum MigrateDataError {
    #[error("--from {url} is a PostgreSQL URL: give the club's SQLite database, e.g. --from sqlite://pitcrew.db")]
    SourceNotSqlite { url: String },
    #[error("--from {url}: there is no such database file ({path}); check the path (the bot's old DATABASE_URL)")]
    SourceMissing { url: String, path: String },
    #[error("DATABASE_URL={url} is not a PostgreSQL database: set DATABASE_URL to the new PostgreSQL database (postgres://USER@HOST:5432/NAME, made with createdb) and --from to the SQLite file")]
    TargetNotPostgres { url: String },
    #[error("{0}")]
    Open(#[from] StoreError),
    #[error("DATABASE_URL={url} already holds data ({rows} row(s) in {table}): migrate-data copies into an empty database only, so nothing is overwritten or mixed; create a new one (createdb NAME) and point DATABASE_URL at it")]
    TargetNotEmpty {
        url: String,
        table: &'static str,
        rows: i64,
    },
    #[error("copying {table} failed, so nothing was copied: {reason}")]
    Copy { table: &'static str, reason: String },
}

/// Copies the SQLite database at `from` (migrated to this build first) into the empty
/// PostgreSQL database at `to` (migrated too); see the module docs.
pub async fn migrate_data(from: &str, to: &str) -> Result<Vec<Copied>, MigrateDataError> {
    if is_postgres(from) {
        return Err(MigrateDataError::SourceNotSqlite {
            url: shown_url(from),
        });
    }
    if !is_postgres(to) {
        return Err(MigrateDataError::TargetNotPostgres { url: to.into() });
    }
    // Opening a SQLite file that is not there would create an empty one and copy nothing.
    let file = SqliteConnectOptions::from_str(from)
        .map(|o| o.get_filename().to_path_buf())
        .map_err(|e| MigrateDataError::SourceMissing {
            url: from.into(),
            path: e.to_string(),
        })?;
    if !file.is_file() {
        return Err(MigrateDataError::SourceMissing {
            url: from.into(),
            path: file.display().to_string(),
        });
    }
    let source = Store::open(from).await?;
    let target = match Store::open(to).await {
        Ok(t) => t,
        Err(e) => {
            source.close().await;
            return Err(e.into());
        }
    };
    let result = match (&source.0, &target.0) {
        (Backend::Sqlite(lite), Backend::Postgres(pg)) => copy(lite, pg, &shown_url(to)).await,
        // Both were checked above; `Store::open` picks the backend by the same test.
        _ => Err(MigrateDataError::TargetNotPostgres { url: shown_url(to) }),
    };
    source.close().await;
    target.close().await;
    result
}

/// A value as both backends store it: every column is a 64-bit integer or text.
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

async fn copy(lite: &Lite, pg: &Pg, shown: &str) -> Result<Vec<Copied>, MigrateDataError> {
    let failed = |table: &'static str| {
        move |e: sqlx::Error| MigrateDataError::Copy {
            table,
            reason: match e.as_database_error() {
                Some(db) => db.message().to_string(),
                None => e.to_string(),
            },
        }
    };
    let mut tx = pg.pool.begin().await.map_err(failed("the target"))?;
    for table in TABLES {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut *tx)
            .await
            .map_err(failed(table))?;
        if rows > 0 {
            return Err(MigrateDataError::TargetNotEmpty {
                url: shown.into(),
                table,
                rows,
            });
        }
    }
    let mut read = lite.pool.acquire().await.map_err(failed("the source"))?;
    // One read transaction: every table as of one moment.
    let mut snapshot = read.begin().await.map_err(failed("the source"))?;
    let mut copied = Vec::new();
    for table in TABLES {
        let columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT column_name::TEXT, data_type::TEXT FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(table)
        .fetch_all(&mut *tx)
        .await
        .map_err(failed(table))?;
        let list = columns
            .iter()
            .map(|(name, _)| format!("\"{name}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let select = format!("SELECT {list} FROM {table}");
        // A club's tables fit in memory many times over (a year of busy use is megabytes).
        let source = sqlx::query(&select)
            .fetch_all(&mut *snapshot)
            .await
            .map_err(failed(table))?;
        let mut batch: Vec<Vec<Value>> = Vec::with_capacity(BATCH);
        let mut rows = 0u64;
        for row in source {
            let mut values = Vec::with_capacity(columns.len());
            for (i, (name, kind)) in columns.iter().enumerate() {
                values.push(match kind.as_str() {
                    "bigint" => Value::Int(row.try_get(i).map_err(failed(table))?),
                    "text" => Value::Text(row.try_get(i).map_err(failed(table))?),
                    other => {
                        return Err(MigrateDataError::Copy {
                            table,
                            reason: format!(
                                "column {name} is of type {other}, which this build cannot copy"
                            ),
                        })
                    }
                });
            }
            batch.push(values);
            if batch.len() == BATCH {
                rows += insert(&mut tx, table, &list, &mut batch)
                    .await
                    .map_err(failed(table))?;
            }
        }
        rows += insert(&mut tx, table, &list, &mut batch)
            .await
            .map_err(failed(table))?;
        copied.push(Copied { table, rows });
    }
    let _ = snapshot.rollback().await;
    // New rows on PostgreSQL must not take an id the copy brought along.
    for table in WITH_IDS {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) \
             FROM {table}"
        ))
        .execute(&mut *tx)
        .await
        .map_err(failed(table))?;
    }
    tx.commit().await.map_err(failed("the commit"))?;
    Ok(copied)
}

/// Inserts and empties `batch`; returns how many rows it held.
async fn insert(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    table: &str,
    list: &str,
    batch: &mut Vec<Vec<Value>>,
) -> Result<u64, sqlx::Error> {
    if batch.is_empty() {
        return Ok(0);
    }
    let mut query = QueryBuilder::<Postgres>::new(format!("INSERT INTO {table} ({list}) "));
    query.push_values(batch.drain(..), |mut row, values| {
        for value in values {
            match value {
                Value::Int(v) => row.push_bind(v),
                Value::Text(v) => row.push_bind(v),
            };
        }
    });
    Ok(query.build().execute(&mut **tx).await?.rows_affected())
}
