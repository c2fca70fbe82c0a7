//! Holding SQLite's write lock from outside the bot: the "slow store" a busy disk or another
//! writer would be. Reads go on (WAL); the bot's writes wait on its busy timeout until release.

use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode};
use sqlx::Connection;

pub struct WriteLock {
    conn: SqliteConnection,
}

impl WriteLock {
    /// Takes the database's write lock (`BEGIN IMMEDIATE`) and keeps it until [`Self::release`].
    pub async fn take(db_url: &str) -> WriteLock {
        // WAL like the bot's own connections: asking for another journal mode would need the
        // very lock the bot holds between its statements.
        let options = SqliteConnectOptions::from_str(db_url)
            .expect("db url")
            .journal_mode(SqliteJournalMode::Wal);
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .expect("a second connection");
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut conn)
            .await
            .expect("the write lock");
        WriteLock { conn }
    }

    pub async fn release(mut self) {
        sqlx::query("ROLLBACK")
            .execute(&mut self.conn)
            .await
            .expect("release the write lock");
        let _ = self.conn.close().await;
    }
}

/// Holding the whole database from outside the bot, reads included: SQLite's exclusive locking
/// mode, taken with a write. Every statement of the bot waits on its busy timeout until release:
/// the store at its slowest, for answers that must not wait on it.
pub struct ReadLock {
    conn: SqliteConnection,
}

impl ReadLock {
    pub async fn take(db_url: &str) -> ReadLock {
        let options = SqliteConnectOptions::from_str(db_url)
            .expect("db url")
            .journal_mode(SqliteJournalMode::Wal);
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .expect("a second connection");
        for statement in [
            "PRAGMA locking_mode = EXCLUSIVE",
            "BEGIN EXCLUSIVE",
            // A write makes the exclusive lock stick until the connection lets go.
            "UPDATE guild_settings SET updated_at = updated_at",
        ] {
            sqlx::query(statement)
                .execute(&mut conn)
                .await
                .expect("the exclusive lock");
        }
        ReadLock { conn }
    }

    pub async fn release(mut self) {
        sqlx::query("ROLLBACK")
            .execute(&mut self.conn)
            .await
            .expect("roll back");
        // Closing is what lets go of an exclusive-mode lock.
        let _ = self.conn.close().await;
    }
}
