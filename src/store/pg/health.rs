//! `pitcrew doctor`'s database check on PostgreSQL: the server answers, the migrations applied
//! are this build's, the bot's user may write, and how much is stored. No integrity or disk
//! check: the server keeps its own files, and its administrator watches its disk.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{ConnectOptions, Connection};

use crate::domain::{ChannelId, GuildId};
use crate::store::PG_MIGRATOR;

/// How long the doctor waits for the server before calling it unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// `DATABASE_URL` as it may be printed: a password in it is replaced by `***`, since the
/// doctor's report is the kind of thing people paste into a chat when asking for help.
pub(crate) fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    // The user part ends at the last `@` before the path.
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_string();
    };
    match rest[..at].split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_string(),
    }
}

/// The server's words for a failure, without sqlx's prefixes.
fn reason(e: &sqlx::Error) -> String {
    match e.as_database_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}

async fn connect(database_url: &str) -> Result<PgConnection, String> {
    let shown = shown_url(database_url);
    let options: PgConnectOptions = database_url
        .parse()
        .map_err(|e| format!("DATABASE_URL={shown} is not a PostgreSQL URL: {e}"))?;
    match tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(format!(
            "DATABASE_URL={shown} cannot be reached: {} — check the server is running, the \
             database exists (createdb NAME) and the user in the URL may connect",
            reason(&e)
        )),
        Err(_) => Err(format!(
            "DATABASE_URL={shown} did not answer within {} s — check the host and port, and \
             that a firewall lets the bot through",
            CONNECT_TIMEOUT.as_secs()
        )),
    }
}

/// Whether a table of ours exists in the schema the connection uses.
async fn has_table(conn: &mut PgConnection, table: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, bool>("SELECT to_regclass($1) IS NOT NULL")
        .bind(table)
        .fetch_one(conn)
        .await
}

/// `Ok(what is fine)`, or `Err(what is wrong and the fix)`; see `super::super::health`.
pub(crate) async fn check_database(database_url: &str) -> Result<String, String> {
    let mut conn = connect(database_url).await?;
    let result = check(&mut conn, &shown_url(database_url)).await;
    let _ = conn.close().await;
    result
}

async fn check(conn: &mut PgConnection, shown: &str) -> Result<String, String> {
    let failed = |e: sqlx::Error| format!("DATABASE_URL={shown} cannot be read: {}", reason(&e));
    let known = PG_MIGRATOR.iter().count();
    let read_only: String = sqlx::query_scalar("SELECT current_setting('transaction_read_only')")
        .fetch_one(&mut *conn)
        .await
        .map_err(failed)?;
    if read_only == "on" {
        return Err(format!(
            "DATABASE_URL={shown} is read-only (a standby, or default_transaction_read_only): \
             point DATABASE_URL at the primary server"
        ));
    }
    if !has_table(conn, "_sqlx_migrations").await.map_err(failed)? {
        let may_create: bool =
            sqlx::query_scalar("SELECT has_schema_privilege(current_schema(), 'CREATE')")
                .fetch_one(&mut *conn)
                .await
                .map_err(failed)?;
        return if may_create {
            Ok("connects, empty: `pitcrew run` creates the tables".into())
        } else {
            Err(format!(
                "DATABASE_URL={shown} is empty and its user may not create tables in it: \
                 GRANT CREATE ON SCHEMA public TO the bot's user (or make it the owner)"
            ))
        };
    }
    let applied: Vec<(i64, Vec<u8>, bool)> =
        sqlx::query_as("SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(failed)?;
    for (version, checksum, success) in &applied {
        let Some(ours) = PG_MIGRATOR.iter().find(|m| m.version == *version) else {
            return Err(format!(
                "DATABASE_URL={shown}: migration {version} was applied by a newer pitcrew than \
                 this one — run that version (every process of a deployment runs the same one)"
            ));
        };
        if !success {
            return Err(format!(
                "DATABASE_URL={shown}: migration {version} was left partly applied — restore the \
                 last pg_dump"
            ));
        }
        if ours.checksum.as_ref() != checksum.as_slice() {
            return Err(format!(
                "DATABASE_URL={shown}: migration {version} differs from this build's (written by \
                 another build of pitcrew) — run the build that made it"
            ));
        }
    }
    // A write the bot's every answer needs, taken back at once: proves the user's privileges
    // and that the server accepts writes (not a standby), without leaving anything behind.
    if has_table(conn, "leases").await.map_err(failed)? {
        let writable = async {
            let mut tx = conn.begin().await?;
            sqlx::query(
                "INSERT INTO leases (name, holder, slot, until) VALUES ('doctor', 'doctor', 'doctor', 0) \
                 ON CONFLICT (name) DO UPDATE SET until = leases.until",
            )
            .execute(&mut *tx)
            .await?;
            tx.rollback().await
        }
        .await;
        writable.map_err(|e| {
            format!(
                "DATABASE_URL={shown} cannot be written: {} — GRANT INSERT, UPDATE, DELETE on \
                 pitcrew's tables to the bot's user",
                reason(&e)
            )
        })?;
    }
    let (sessions, answers) = if has_table(conn, "sessions").await.map_err(failed)? {
        let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
            .fetch_one(&mut *conn)
            .await
            .map_err(failed)?;
        let answers: i64 = sqlx::query_scalar("SELECT count(*) FROM answers")
            .fetch_one(&mut *conn)
            .await
            .map_err(failed)?;
        (sessions, answers)
    } else {
        (0, 0)
    };
    let pending = known.saturating_sub(applied.len());
    Ok(if pending == 0 {
        format!("PostgreSQL, connects, migrated, writable ({sessions} sessions, {answers} answers)")
    } else {
        format!(
            "PostgreSQL, connects, writable; {pending} migration(s) to apply at the next start \
             ({sessions} sessions)"
        )
    })
}

/// A server and its cards and help channels, as stored.
type SetupRow = (i64, Option<i64>, Option<i64>);

/// The servers with a setup and the channels each names; empty before the first start.
pub(crate) async fn configured_servers(
    database_url: &str,
) -> Result<Vec<(GuildId, Vec<ChannelId>)>, String> {
    let mut conn = connect(database_url).await?;
    let rows = async {
        if !has_table(&mut conn, "guild_settings").await? {
            return Ok(Vec::new());
        }
        sqlx::query_as::<_, SetupRow>(
            "SELECT guild_id, cards_channel_id, help_channel_id FROM guild_settings ORDER BY guild_id",
        )
        .fetch_all(&mut conn)
        .await
    }
    .await;
    let _ = conn.close().await;
    let id = |v: i64| u64::try_from(v).ok();
    Ok(rows
        .map_err(|e| reason(&e))?
        .into_iter()
        .filter_map(|(g, cards, help)| {
            let channels = [cards, help]
                .into_iter()
                .flatten()
                .filter_map(id)
                .map(ChannelId)
                .collect();
            Some((GuildId(id(g)?), channels))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::shown_url;

    #[test]
    fn a_password_in_the_url_is_never_shown() {
        assert_eq!(
            shown_url("postgres://bot:s3cret@db:5432/pitcrew"),
            "postgres://bot:***@db:5432/pitcrew"
        );
        assert_eq!(
            shown_url("postgres://postgres@127.0.0.1/pitcrew"),
            "postgres://postgres@127.0.0.1/pitcrew"
        );
        assert_eq!(shown_url("postgresql://db/x"), "postgresql://db/x");
    }
}
