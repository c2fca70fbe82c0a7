//! The rows the figures are computed from (`pitcrew stats`): the sessions started in a window,
//! their answers and their handoffs, read as they are and handed to [`crate::insight`] as plain
//! rows. Forgotten and retention-anonymised rows are read like any other: the queries never
//! look at who walked.

use super::rows::StoreRow;

use super::{Lite, StoreError};
use crate::domain::{HandoffStatus, Rating, SessionId, Status, Timestamp};
use crate::insight::{AnswerRow, HandoffRow, Rows, SessionRow};

/// The window's sessions: started at or after ?1, of guide ?2 when it is not NULL.
const IN_WINDOW: &str = "s.created_at >= ?1 AND (?2 IS NULL OR s.guide_id = ?2)";

impl Lite {
    /// Sessions started at or after `since` (of `guide` only, when given), oldest first, with
    /// their answers (in step order) and handoffs.
    ///
    /// Three reads on one connection; a walk that moves between them may show an answer its
    /// session row does not yet reflect, which shifts a figure by one for a second at most.
    pub async fn stats_rows(
        &self,
        since: Timestamp,
        guide: Option<&str>,
    ) -> Result<Rows, StoreError> {
        let mut conn = self.reader().await?;
        let sessions = sqlx::query(&format!(
            "SELECT s.id, s.guide_id, s.node, s.status, s.fixed, s.created_at FROM sessions s \
             WHERE {IN_WINDOW} ORDER BY s.created_at, s.id"
        ))
        .bind(since)
        .bind(guide)
        .fetch_all(&mut *conn)
        .await?;
        let answers = sqlx::query(&format!(
            "SELECT a.session_id, a.step, a.node, a.choice, a.at FROM answers a \
             JOIN sessions s ON s.id = a.session_id WHERE {IN_WINDOW} \
             ORDER BY a.session_id, a.step"
        ))
        .bind(since)
        .bind(guide)
        .fetch_all(&mut *conn)
        .await?;
        let handoffs = sqlx::query(&format!(
            "SELECT h.session_id, h.urgent, h.status, h.claimed_by IS NOT NULL AS ever_claimed, \
             h.notify_count, h.created_at, h.first_claimed_at, h.notices_at_claim, \
             h.resolved_at, h.rating FROM handoffs h \
             JOIN sessions s ON s.id = h.session_id WHERE {IN_WINDOW} ORDER BY h.id"
        ))
        .bind(since)
        .bind(guide)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Rows {
            sessions: sessions.iter().map(session_row).collect::<Result<_, _>>()?,
            answers: answers.iter().map(answer_row).collect::<Result<_, _>>()?,
            handoffs: handoffs.iter().map(handoff_row).collect::<Result<_, _>>()?,
        })
    }
}

fn corrupt(record: String, what: String) -> StoreError {
    StoreError::CorruptRecord { record, what }
}

fn count(record: &str, name: &str, value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt(record.into(), format!("{name} {value} out of range")))
}

pub(super) fn session_row(row: &impl StoreRow) -> Result<SessionRow, StoreError> {
    let id = SessionId(row.try_get("id")?);
    let status: String = row.try_get("status")?;
    let fixed: Option<i64> = row.try_get("fixed")?;
    Ok(SessionRow {
        id,
        guide: row.try_get("guide_id")?,
        node: row.try_get("node")?,
        status: Status::parse(&status).ok_or_else(|| {
            corrupt(
                format!("session {id}"),
                format!("unknown status {status:?}"),
            )
        })?,
        fixed: fixed.map(|f| f != 0),
        created_at: row.try_get("created_at")?,
    })
}

pub(super) fn answer_row(row: &impl StoreRow) -> Result<AnswerRow, StoreError> {
    let session = SessionId(row.try_get("session_id")?);
    Ok(AnswerRow {
        session,
        step: count(
            &format!("session {session}"),
            "answer step",
            row.try_get("step")?,
        )?,
        node: row.try_get("node")?,
        choice: row.try_get("choice")?,
        at: row.try_get("at")?,
    })
}

pub(super) fn handoff_row(row: &impl StoreRow) -> Result<HandoffRow, StoreError> {
    let session = SessionId(row.try_get("session_id")?);
    let record = format!("the handoff of session {session}");
    let status: String = row.try_get("status")?;
    let rating: Option<String> = row.try_get("rating")?;
    let rating = match rating {
        None => None,
        Some(r) => Some(
            Rating::parse(&r)
                .ok_or_else(|| corrupt(record.clone(), format!("unknown rating {r:?}")))?,
        ),
    };
    let notices: Option<i64> = row.try_get("notices_at_claim")?;
    Ok(HandoffRow {
        session,
        urgent: row.try_get::<i64>("urgent")? != 0,
        status: HandoffStatus::parse(&status)
            .ok_or_else(|| corrupt(record.clone(), format!("unknown status {status:?}")))?,
        ever_claimed: row.try_get::<i64>("ever_claimed")? != 0,
        notify_count: count(&record, "notify_count", row.try_get("notify_count")?)?,
        created_at: row.try_get("created_at")?,
        first_claimed_at: row.try_get("first_claimed_at")?,
        notices_at_claim: notices
            .map(|n| count(&record, "notices_at_claim", n))
            .transpose()?,
        resolved_at: row.try_get("resolved_at")?,
        rating,
    })
}

impl Lite {
    /// Whether any session (at any time) walked `guide`: a guide removed from the content is
    /// still one the figures know.
    pub async fn guide_walked(&self, guide: &str) -> Result<bool, StoreError> {
        let hit: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM sessions WHERE guide_id = ? LIMIT 1")
                .bind(guide)
                .fetch_optional(&mut *self.reader().await?)
                .await?;
        Ok(hit.is_some())
    }
}
