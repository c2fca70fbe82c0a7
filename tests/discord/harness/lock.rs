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

/// A store that cannot answer: the handoffs table renamed away from outside the bot, so every
/// read of a handoff fails until [`Self::restore`]. (A read cannot be held up from outside:
/// WAL readers never wait, and every open connection keeps exclusive mode out.)
pub struct HandoffsAway {
    conn: SqliteConnection,
}

impl HandoffsAway {
    pub async fn take(db_url: &str) -> HandoffsAway {
        let options = SqliteConnectOptions::from_str(db_url)
            .expect("db url")
            .journal_mode(SqliteJournalMode::Wal);
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .expect("a second connection");
        sqlx::query("ALTER TABLE handoffs RENAME TO handoffs_away")
            .execute(&mut conn)
            .await
            .expect("rename the handoffs away");
        HandoffsAway { conn }
    }

    pub async fn restore(mut self) {
        sqlx::query("ALTER TABLE handoffs_away RENAME TO handoffs")
            .execute(&mut self.conn)
            .await
            .expect("rename the handoffs back");
        let _ = self.conn.close().await;
    }
}
