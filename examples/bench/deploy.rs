//! Where pitcrew runs in `bench_load`: its database (a fresh SQLite file, or a fresh schema on
//! a PostgreSQL server, so runs never see each other's rows) and how many processes, one per
//! gateway shard (`DISCORD_SHARDS=i/N`), as a deployment that outgrew one process runs.

use std::path::Path;

use sqlx::{Connection, Executor, PgConnection};

pub struct Deploy {
    /// pitcrew's `DATABASE_URL`.
    pub database_url: String,
    /// The PostgreSQL server and the schema made for this run, dropped by [`Deploy::finish`].
    postgres: Option<(String, String)>,
    /// pitcrew processes, each on its own shard of this many.
    pub shards: u32,
}

impl Deploy {
    /// A fresh database: a schema on `database` when it is a PostgreSQL URL, else a SQLite file
    /// in `db_dir`.
    pub async fn new(database: Option<&str>, db_dir: &Path, shards: u32) -> Result<Deploy, String> {
        let shards = shards.max(1);
        let Some(server) = database.filter(|u| pitcrew::store::is_postgres(u)) else {
            let file = db_dir.join("pitcrew.db");
            return Ok(Deploy {
                database_url: format!("sqlite://{}", file.display()),
                postgres: None,
                shards,
            });
        };
        let schema = format!("bench_load_{}", std::process::id());
        let mut conn = PgConnection::connect(server)
            .await
            .map_err(|e| format!("--database {server}: {e}"))?;
        conn.execute(
            format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}").as_str(),
        )
        .await
        .map_err(|e| format!("--database {server}: cannot create schema {schema}: {e}"))?;
        let _ = conn.close().await;
        let sep = if server.contains('?') { '&' } else { '?' };
        Ok(Deploy {
            database_url: format!("{server}{sep}options[search_path]={schema}"),
            postgres: Some((server.to_string(), schema)),
            shards,
        })
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// "SQLite, 1 process" or "PostgreSQL, 2 processes on 2 shards".
    pub fn label(&self) -> String {
        let db = if self.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        };
        match self.shards {
            1 => format!("{db}, 1 process"),
            n => format!("{db}, {n} processes on {n} shards"),
        }
    }

    /// The environment of each pitcrew process: `base` plus the database and its shard.
    pub fn envs(&self, base: &[(&'static str, String)]) -> Vec<Vec<(&'static str, String)>> {
        (0..self.shards)
            .map(|i| {
                let mut env = base.to_vec();
                env.push(("DATABASE_URL", self.database_url.clone()));
                if self.shards > 1 {
                    env.push(("DISCORD_SHARDS", format!("{i}/{}", self.shards)));
                }
                env
            })
            .collect()
    }

    /// Drops the run's schema (PostgreSQL); the SQLite file goes with its temporary folder.
    pub async fn finish(&self) {
        let Some((server, schema)) = &self.postgres else {
            return;
        };
        if let Ok(mut conn) = PgConnection::connect(server).await {
            let _ = conn
                .execute(format!("DROP SCHEMA IF EXISTS {schema} CASCADE").as_str())
                .await;
            let _ = conn.close().await;
        }
    }
}
