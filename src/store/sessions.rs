//! Sessions and their answer log.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction: it takes SQLite's single write lock up
//! front, waiting up to the busy timeout for it. A plain (deferred) `BEGIN` would take the lock
//! only at the first write, and a transaction that has already read may then be refused with
//! SQLITE_BUSY instead of waiting — which would surface a double click as an error rather than
//! as `Stale`.

use super::rows::{
    answer_from_row, path_to_sql, same_member_and_scope, session_columns, session_from_row,
    MemberKey, ScopeKey,
};
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::Sqlite;

use super::writer::WriteTx;
use super::{Advance, Lite, StoreError};
use crate::domain::{AnswerRecord, Member, NewAnswer, Scope, SessionId, SessionRecord, Timestamp};
use crate::guide::GuideVersion;
use crate::triage::State;

impl Lite {
    /// Starts a new session for `member` in `scope`. In the same transaction, any active session
    /// of that member in that scope becomes `abandoned` (at most one active session per member
    /// and scope; the `sessions_one_active` index enforces it too).
    pub async fn start_session(
        &self,
        member: &Member,
        scope: &Scope,
        guide_id: &str,
        version: &GuideVersion,
        state: &State,
        now: Timestamp,
    ) -> Result<SessionRecord, StoreError> {
        let m = MemberKey::new(member)?;
        let s = ScopeKey::new(scope)?;
        let (m_kind, m_id, m_name) = m.lookup_values();
        let (s_kind, s_guild, s_channel) = s.lookup_values();

        // Both statements in one query, opened (and when it can, committed) by the writer's
        // own statements: one round trip to the connection's thread instead of three (the load
        // benchmark counts those hand-offs as the bot's main cost). Parameters are numbered
        // across the statements, in order.
        let (mut tx, sql) = self
            .begin_write_with(concat!(
                "UPDATE sessions SET status = 'abandoned', updated_at = ? WHERE status = 'active' \
                 AND ",
                same_member_and_scope!(),
                " RETURNING ",
                session_columns!(),
                "; INSERT INTO sessions (",
                new_session_columns!(),
                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ",
                session_columns!()
            ))
            .await?;
        let query = sqlx::query(&sql)
            .bind(now)
            .bind(m_kind)
            .bind(m_id)
            .bind(m_name)
            .bind(s_kind)
            .bind(s_guild)
            .bind(s_channel);
        let rows = tx
            .run(bind_new_session(
                query, &m, &s, guide_id, version, state, now,
            ))
            .await?;
        // The sessions it replaced come first, then the new one.
        let records = rows
            .iter()
            .map(session_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let record = records.last().cloned().ok_or(sqlx::Error::RowNotFound)?;
        self.committed(tx, &records).await?;
        Ok(record)
    }

    /// Starts a new session for `member` in `scope` unless they have an active one there:
    /// `None` then, and nothing is written. The check and the start are one write (the usual
    /// `/triage guide`, with nothing open, is one round trip to the connection's thread).
    pub async fn start_session_unless_active(
        &self,
        member: &Member,
        scope: &Scope,
        guide_id: &str,
        version: &GuideVersion,
        state: &State,
        now: Timestamp,
    ) -> Result<Option<SessionRecord>, StoreError> {
        let m = MemberKey::new(member)?;
        let s = ScopeKey::new(scope)?;
        let (m_kind, m_id, m_name) = m.lookup_values();
        let (s_kind, s_guild, s_channel) = s.lookup_values();
        // One statement (checked and inserted together): alone in the queue it needs no
        // BEGIN and COMMIT around it (see `Writer::begin_one`).
        let (mut tx, sql) = self
            .begin_write_one(concat!(
                "INSERT INTO sessions (",
                new_session_columns!(),
                ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS \
                 (SELECT 1 FROM sessions WHERE status = 'active' AND ",
                same_member_and_scope!(),
                ") RETURNING ",
                session_columns!()
            ))
            .await?;
        let query = bind_new_session(sqlx::query(&sql), &m, &s, guide_id, version, state, now)
            .bind(m_kind)
            .bind(m_id)
            .bind(m_name)
            .bind(s_kind)
            .bind(s_guild)
            .bind(s_channel);
        let rows = tx.run(query).await?;
        let record = rows.first().map(session_from_row).transpose()?;
        self.committed(tx, record.as_slice()).await?;
        Ok(record)
    }

    /// The member's active session in this scope, if any.
    pub async fn active_session(
        &self,
        member: &Member,
        scope: &Scope,
    ) -> Result<Option<SessionRecord>, StoreError> {
        let (m_kind, m_id, m_name) = MemberKey::new(member)?.lookup_values();
        let (s_kind, s_guild, s_channel) = ScopeKey::new(scope)?.lookup_values();
        let row = sqlx::query(concat!(
            "SELECT ",
            session_columns!(),
            " FROM sessions WHERE status = 'active' AND ",
            same_member_and_scope!()
        ))
        .bind(m_kind)
        .bind(m_id)
        .bind(m_name)
        .bind(s_kind)
        .bind(s_guild)
        .bind(s_channel)
        .fetch_optional(&mut *self.reader().await?)
        .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    /// Session `id` for a press made on the screen of `step`: from the last write of it this
    /// process made when that is at `step` (the usual press, no read at all), else from the
    /// database, so an old screen, or a session another process moved, is judged on the stored
    /// row. Either way the advance that follows is guarded by the database.
    pub async fn session_for_press(
        &self,
        id: SessionId,
        step: u32,
    ) -> Result<Option<SessionRecord>, StoreError> {
        match self.cache.get(id.0) {
            Some(cached) if cached.state.step == step => Ok(Some(cached)),
            _ => self.session(id).await,
        }
    }

    /// Any session by id, whatever its status.
    pub async fn session(&self, id: SessionId) -> Result<Option<SessionRecord>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            session_columns!(),
            " FROM sessions WHERE id = ?"
        ))
        .bind(id.0)
        .fetch_optional(&mut *self.reader().await?)
        .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    /// Moves session `id` from `expected_step` to `next`, recording `version` as the guide
    /// version it now follows and logging `answer` at `expected_step`.
    ///
    /// Applies only if the row is still at `expected_step` and still `active` (or `resolved` and
    /// moving to `escalated`: "still stuck? talk to a volunteer"); otherwise nothing
    /// is written and the current row comes back as [`Advance::Stale`] (a double click, an old
    /// button, a session abandoned by a newer one). The status guard also keeps an abandoned
    /// session from being revived into a second active one. When this returns `Applied`, the
    /// new state and the answer are committed together.
    ///
    /// `next.step` must be greater than `expected_step` ([`StoreError::StepNotAdvanced`]), or
    /// an old button could match again. A missing session is [`StoreError::NotFound`].
    pub async fn advance(
        &self,
        id: SessionId,
        expected_step: u32,
        next: &State,
        version: &GuideVersion,
        answer: &NewAnswer,
        now: Timestamp,
    ) -> Result<Advance, StoreError> {
        if next.step <= expected_step {
            return Err(StoreError::StepNotAdvanced {
                session: id,
                expected: expected_step,
                next: next.step,
            });
        }

        // One statement: the guarded update carries the answer, and a trigger logs it
        // (migrations/0006), so alone in the queue the press is a single statement in
        // SQLite's own transaction: one round trip to the connection's thread, one message
        // back per row and one for the statement.
        let (mut tx, sql) = self
            .begin_write_one(concat!(
                "UPDATE sessions SET node = ?, path = ?, step = ?, status = ?, guide_version = ?, \
             updated_at = ?, answer_node = ?, answer_choice = ? WHERE id = ? AND step = ? \
             AND (status = 'active' OR (status = 'resolved' AND ? = 'escalated')) RETURNING ",
                session_columns!()
            ))
            .await?;
        let query = sqlx::query(&sql)
            .bind(&next.node)
            .bind(path_to_sql(&next.path))
            .bind(i64::from(next.step))
            .bind(next.status.as_str())
            .bind(&version.0)
            .bind(now)
            .bind(&answer.node)
            .bind(&answer.choice)
            .bind(id.0)
            .bind(i64::from(expected_step))
            .bind(next.status.as_str());
        let updated = tx.run(query).await?;

        let Some(row) = updated.first() else {
            // Read the current row under the same lock, so it is the state that beat us.
            let current = sqlx::query(concat!(
                "SELECT ",
                session_columns!(),
                " FROM sessions WHERE id = ?"
            ))
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            let seq = tx.seq();
            // Nothing was written (the update matched no row): ending the writer with a commit
            // is the same as a rollback, and works when the query committed itself.
            tx.commit().await?;
            let Some(row) = current else {
                return Err(StoreError::NotFound(id));
            };
            // Read under the write lock, so it is as good as written by this turn.
            let current = session_from_row(&row)?;
            self.cache.put(seq, &current);
            return Ok(Advance::Stale(current));
        };
        // A row we wrote and cannot read back is an error for the member, though (as the
        // query may have committed itself) already stored; the CHECK constraints make it
        // unreachable.
        let record = session_from_row(row)?;
        self.committed(tx, std::slice::from_ref(&record)).await?;
        Ok(Advance::Applied(record))
    }

    /// Commits `tx`, which wrote `records`, and records them in the cache. A commit that fails
    /// may or may not have happened, so those sessions are forgotten instead.
    pub(crate) async fn committed(
        &self,
        tx: WriteTx,
        records: &[SessionRecord],
    ) -> Result<(), StoreError> {
        let seq = tx.seq();
        match tx.commit().await {
            Ok(()) => {
                for record in records {
                    self.cache.put(seq, record);
                }
                Ok(())
            }
            Err(e) => {
                for record in records {
                    self.cache.forget(record.id.0);
                }
                Err(e.into())
            }
        }
    }

    /// The session's answer log, oldest first. Empty for a session without answers (or an id
    /// that does not exist).
    pub async fn answers(&self, id: SessionId) -> Result<Vec<AnswerRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT session_id, step, node, choice, at FROM answers \
             WHERE session_id = ? ORDER BY step",
        )
        .bind(id.0)
        .fetch_all(&mut *self.reader().await?)
        .await?;
        rows.iter().map(answer_from_row).collect()
    }
}

/// The columns a new session's row is inserted with, in the order [`bind_new_session`] binds.
macro_rules! new_session_columns {
    () => {
        "member_kind, member_id, member_name, scope_kind, guild_id, channel_id, guide_id, \
         guide_version, node, path, step, status, created_at, updated_at"
    };
}
pub(super) use new_session_columns;

/// Binds the values of a new session's row, in the order of `new_session_columns!`.
fn bind_new_session<'q>(
    query: Query<'q, Sqlite, SqliteArguments<'q>>,
    m: &MemberKey<'q>,
    s: &ScopeKey,
    guide_id: &'q str,
    version: &'q GuideVersion,
    state: &'q State,
    now: Timestamp,
) -> Query<'q, Sqlite, SqliteArguments<'q>> {
    query
        .bind(m.kind)
        .bind(m.id)
        .bind(m.name)
        .bind(s.kind)
        .bind(s.guild)
        .bind(s.channel)
        .bind(guide_id)
        .bind(&version.0)
        .bind(&state.node)
        .bind(path_to_sql(&state.path))
        .bind(i64::from(state.step))
        .bind(state.status.as_str())
        .bind(now)
        .bind(now)
}
