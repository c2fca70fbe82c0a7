//! Every row of every table of a pitcrew database, read with a raw connection of its own: what
//! the forgetting tests (`store_forget.rs`, `discord/forget_me.rs`) compare, so a table added
//! later is covered without naming it. SQLite or PostgreSQL, by the URL (a PostgreSQL test
//! store lives in a schema of its own, named in the URL's `search_path`). Included by `#[path]`
//! where it is used.

use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection, Row};

/// Every row of every table (but sqlx's own), each as its table name and a JSON array of its
/// columns in their order.
pub async fn every_row(url: &str) -> Vec<(String, String)> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return every_pg_row(url).await;
    }
    let mut conn = SqliteConnectOptions::from_str(url)
        .expect("url")
        .connect()
        .await
        .expect("raw connection");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind(&table)
                .fetch_all(&mut conn)
                .await
                .expect("columns");
        let list = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!("SELECT json_array({list}) FROM \"{table}\""))
            .fetch_all(&mut conn)
            .await
            .expect("rows");
        for row in rows {
            out.push((table.clone(), row.get::<String, _>(0)));
        }
    }
    conn.close().await.expect("close");
    out
}

/// [`every_row`] on PostgreSQL: the tables of the store's schema. Rows are sorted within each
/// table: PostgreSQL keeps no insertion order (an updated row moves), and the tests compare
/// lists taken before and after a change.
async fn every_pg_row(url: &str) -> Vec<(String, String)> {
    let mut conn = PgConnection::connect(url).await.expect("raw connection");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::TEXT FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations' ORDER BY table_name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    assert!(!tables.is_empty(), "no tables in the store's schema");
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar(
            "SELECT column_name::TEXT FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(&table)
        .fetch_all(&mut conn)
        .await
        .expect("columns");
        let list = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut rows: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT json_build_array({list})::TEXT FROM \"{table}\""
        ))
        .fetch_all(&mut conn)
        .await
        .expect("rows");
        rows.sort();
        out.extend(rows.into_iter().map(|row| (table.clone(), row)));
    }
    conn.close().await.expect("close");
    out
}
