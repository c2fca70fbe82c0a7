//! Every row of every table of a pitcrew database, read with a raw connection of its own: what
//! the forgetting tests (`store_forget.rs`, `discord/forget_me.rs`) compare, so a table added
//! later is covered without naming it. Included by `#[path]` where it is used.

use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row};

/// Every row of every table (but sqlx's own), each as its table name and a JSON array.
pub async fn every_row(url: &str) -> Vec<(String, String)> {
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
