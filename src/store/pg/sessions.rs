//! PostgreSQL: sessions, their answer log and the member's "did this fix it?" (the SQLite twins
//! are `../sessions.rs` and `../fixed.rs`, whose docs are the contract).
//!
//! Starting a session is the one read-then-write here: "abandon the active one, then insert"
//! must not interleave with another start for the same member and place, or the second insert
//! would hit `sessions_one_active` and the member would see an error where SQLite (one writer
//! at a time) answered normally. Every start therefore holds a transaction-scoped advisory lock
//! named for the member and place ([`start_lock_key`]) while it writes, across processes too.
//! Presses need no lock: one guarded `UPDATE … RETURNING` decides them (see `mod.rs`).

use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::Postgres;

use super::Pg;
use crate::domain::{AnswerRecord, Member, NewAnswer, Scope, SessionId, SessionRecord, Timestamp};
use crate::guide::GuideVersion;
use crate::store::rows::{
    answer_from_row, path_to_sql, session_columns, session_from_row, MemberKey, ScopeKey,
};
use crate::store::sessions::new_session_columns;
use crate::store::{Advance, StoreError};
use crate::triage::State;

/// `same_member_and_scope!` in PostgreSQL's words, on parameters `$1`…`$6` (member_kind,
/// member_id, member_name, scope_kind, guild_id, channel_id, as folded by `lookup_values`):
/// the same expressions `sessions_one_active` indexes, so the planner answers from it.
macro_rules! same_member_and_scope {
    () => {
        "member_kind = $1 AND coalesce(member_id, -1) = $2 AND coalesce(member_name, '') = $3 \
         AND scope_kind = $4 AND coalesce(guild_id, -1) = $5 AND coalesce(channel_id, -1) = $6"
    };
}

/// Takes the start lock of the member and place named by `$1` until the transaction ends.
/// Hashed to the 64-bit key advisory locks take; two places sharing a hash only wait for each
/// other a moment longer.
const START_LOCK: &str = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

impl Pg {
    /// Starts a new session, abandoning the member's active one in that scope in the same
    /// transaction (see [`crate::store::Lite::start_session`]). Serialised with every other
    /// start for this member and place by the start lock, so the abandon sees the active
    /// session any earlier start committed, and the insert never meets a second active one.
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

        let mut tx = self.pool.begin().await?;
        // Its own statement, before the abandon: at READ COMMITTED each statement reads the
        // rows committed when it starts, so the abandon then sees what the start we waited
        // for wrote.
        sqlx::query(START_LOCK)
            .bind(start_lock_key(&m, &s))
            .execute(&mut *tx)
            .await?;
        let abandoned = sqlx::query(concat!(
            "UPDATE sessions SET status = 'abandoned', updated_at = $7 WHERE status = 'active' \
             AND ",
            same_member_and_scope!(),
            " RETURNING ",
            session_columns!()
        ))
        .bind(m_kind)
        .bind(m_id)
        .bind(m_name)
        .bind(s_kind)
        .bind(s_guild)
        .bind(s_channel)
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        let started = bind_new_session(
            sqlx::query(concat!(
                "INSERT INTO sessions (",
                new_session_columns!(),
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                 RETURNING ",
                session_columns!()
            )),
            &m,
            &s,
            guide_id,
            version,
            state,
            now,
        )
        .fetch_one(&mut *tx)
        .await?;
        // The sessions it replaced first, then the new one (as SQLite's returns them).
        let mut records = abandoned
            .iter()
            .map(session_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let record = session_from_row(&started)?;
        records.push(record.clone());
        self.committed_sessions(tx, &records).await?;
        Ok(record)
    }

    /// Starts a new session unless the member has an active one in that scope: `None` then,
    /// and nothing is written (see [`crate::store::Lite::start_session_unless_active`]).
    ///
    /// One statement. `ON CONFLICT … DO NOTHING` on `sessions_one_active` is the check: it sees
    /// active sessions committed or still being inserted (it waits for those), whatever the
    /// statement's snapshot. The start lock, taken by the statement itself and held until it
    /// commits, keeps it out of a [`Pg::start_session`] between its abandon and its insert,
    /// whose insert would otherwise meet this one's row.
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
        let key = start_lock_key(&m, &s);
        // The CTE calls a volatile function, so it runs once, before the row it feeds exists.
        let row = bind_new_session(
            sqlx::query(concat!(
                "WITH serialised AS (SELECT pg_advisory_xact_lock(hashtextextended($15, 0))) \
                 INSERT INTO sessions (",
                new_session_columns!(),
                ") SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 \
                 FROM serialised \
                 ON CONFLICT (member_kind, coalesce(member_id, -1), coalesce(member_name, ''), \
                 scope_kind, coalesce(guild_id, -1), coalesce(channel_id, -1)) \
                 WHERE status = 'active' DO NOTHING RETURNING ",
                session_columns!()
            )),
            &m,
            &s,
            guide_id,
            version,
            state,
            now,
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        let record = row.as_ref().map(session_from_row).transpose()?;
        self.remember(record.as_slice());
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
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    /// Session `id` for a press on the screen of `step`: from this process's last write of it
    /// when that is at `step`, else from the database (see
    /// [`crate::store::Lite::session_for_press`]). The advance that follows is judged by the
    /// database either way.
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
            " FROM sessions WHERE id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    /// Moves session `id` from `expected_step` to `next`, logging `answer` (see
    /// [`crate::store::Lite::advance`] for the whole contract).
    ///
    /// One guarded statement, committed on its own; the `sessions_log_answer` trigger logs the
    /// answer in it. Of two racing presses the second waits for the first's row lock, then
    /// re-checks its `WHERE` against the committed row, finds the step moved and matches
    /// nothing: exactly one is `Applied`, in one process or several.
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
        let updated = sqlx::query(concat!(
            "UPDATE sessions SET node = $1, path = $2, step = $3, status = $4, \
             guide_version = $5, updated_at = $6, answer_node = $7, answer_choice = $8 \
             WHERE id = $9 AND step = $10 \
             AND (status = 'active' OR (status = 'resolved' AND $4 = 'escalated')) RETURNING ",
            session_columns!()
        ))
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
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = updated {
            let record = session_from_row(&row)?;
            self.remember(std::slice::from_ref(&record));
            return Ok(Advance::Applied(record));
        }
        // Nothing matched: the row as it is now is what beat us (read after the winner
        // committed, since our update waited for it), or there is no such session.
        let Some(current) = self.session(id).await? else {
            return Err(StoreError::NotFound(id));
        };
        // Safe to cache though read without a lock: entries are ordered by the row's own
        // progress, so an older row can never replace a newer one (see `remember`).
        self.remember(std::slice::from_ref(&current));
        Ok(Advance::Stale(current))
    }

    /// The session's answer log, oldest first. Empty for a session without answers (or an id
    /// that does not exist).
    pub async fn answers(&self, id: SessionId) -> Result<Vec<AnswerRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT session_id, step, node, choice, at FROM answers \
             WHERE session_id = $1 ORDER BY step",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(answer_from_row).collect()
    }
}

/// The name of the start lock of a member's sessions in one place. The member's name is quoted,
/// so no name can spell another member and place.
fn start_lock_key(m: &MemberKey<'_>, s: &ScopeKey) -> String {
    let (m_kind, m_id, m_name) = m.lookup_values();
    let (s_kind, s_guild, s_channel) = s.lookup_values();
    format!("session start: {m_kind} {m_id} {m_name:?} in {s_kind} {s_guild} {s_channel}")
}

/// Binds the values of a new session's row as `$1`…`$14`, in the order of
/// `new_session_columns!`.
fn bind_new_session<'q>(
    query: Query<'q, Postgres, PgArguments>,
    m: &MemberKey<'q>,
    s: &ScopeKey,
    guide_id: &'q str,
    version: &'q GuideVersion,
    state: &'q State,
    now: Timestamp,
) -> Query<'q, Postgres, PgArguments> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;

    #[test]
    fn start_lock_keys_tell_members_and_places_apart() {
        let key = |member: &Member, scope: &Scope| {
            let m = MemberKey::new(member).expect("member");
            let s = ScopeKey::new(scope).expect("scope");
            start_lock_key(&m, &s)
        };
        let local = |name: &str| Member::Local(name.into());
        assert_ne!(
            key(&local("a"), &Scope::Dm),
            key(&local("a"), &Scope::Local)
        );
        assert_ne!(
            key(&local("a\" in dm -1 -1"), &Scope::Local),
            key(&local("a"), &Scope::Dm)
        );
        assert_ne!(
            key(&Member::Discord(UserId(1)), &Scope::Dm),
            key(&Member::Discord(UserId(2)), &Scope::Dm)
        );
    }
}
