//! PostgreSQL: what its session writes record in the session cache (`../cache.rs`), and in
//! which order.

use sqlx::{Postgres, Transaction};

use super::Pg;
use crate::domain::SessionRecord;
use crate::store::StoreError;
use crate::triage::Status;

impl Pg {
    /// Records committed session rows in the session cache (`../cache.rs`), for presses.
    /// Every PostgreSQL write of a session row calls this after its commit.
    ///
    /// The cache keeps, per session, the entry with the highest order it was given. SQLite
    /// orders by its writer's turns; PostgreSQL has no single writer, and a counter taken when a
    /// reply arrives would not do: two writes of one row commit in the order their row locks
    /// allow, but their replies can reach their tasks in either order. So the order is read
    /// from the row itself ([`written_order`]), which only ever moves forward. That also makes
    /// it safe to cache a row read outside any lock (the current row behind a `Stale`), and
    /// keeps the rows another process wrote in order too.
    pub(super) fn remember(&self, records: &[SessionRecord]) {
        for record in records {
            self.cache.put(written_order(record), record);
        }
    }

    /// Commits `tx`, which wrote `records`, and records them in the session cache in their
    /// rows' own order ([`Pg::remember`]). A commit that fails may or may not have happened, so
    /// those sessions are forgotten instead (like `Lite::committed`).
    pub(super) async fn committed_sessions(
        &self,
        tx: Transaction<'_, Postgres>,
        records: &[SessionRecord],
    ) -> Result<(), StoreError> {
        match tx.commit().await {
            Ok(()) => {
                self.remember(records);
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
}

/// Where a row stands in its session's life, for [`Pg::remember`]: later rows of one session
/// never order lower. Every advance raises the step; at one step the status only moves from
/// `active` on to a volunteer (`escalated`, `emergency`, from an unguided start) and to an end
/// (`resolved`, `abandoned`: an abandon, or the end of a handoff), never back, since only an
/// advance (a new step) reopens a session. The one change that keeps both (forgetting a
/// member, which rewrites who it was) drops the entry instead of putting one.
fn written_order(record: &SessionRecord) -> u64 {
    let settled = match record.state.status {
        Status::Active => 0,
        Status::Escalated | Status::Emergency => 1,
        Status::Resolved | Status::Abandoned => 2,
    };
    (u64::from(record.state.step) << 2) | settled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Member, Scope, SessionId, Timestamp, UserId};
    use crate::guide::GuideVersion;
    use crate::triage::State;

    fn at(step: u32, status: Status) -> SessionRecord {
        SessionRecord {
            id: SessionId(1),
            member: Member::Discord(UserId(1)),
            scope: Scope::Dm,
            guide_id: "g".into(),
            guide_version: GuideVersion("v".into()),
            state: State {
                node: "n".into(),
                path: vec![],
                step,
                status,
            },
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
        }
    }

    /// Each pair is a write and a later write of the same row, as the store makes them.
    #[test]
    fn a_later_row_of_a_session_never_orders_lower() {
        use Status::*;
        let later = [
            ((0, Active), (0, Abandoned)),    // a newer start abandons it
            ((0, Active), (1, Active)),       // a press
            ((3, Active), (4, Resolved)),     // the last press
            ((4, Resolved), (5, Escalated)),  // "still stuck?"
            ((5, Escalated), (5, Resolved)),  // the volunteer resolves it
            ((5, Escalated), (5, Abandoned)), // the request is cancelled
            ((0, Emergency), (0, Resolved)),  // an unguided request, resolved
            ((u32::MAX - 1, Active), (u32::MAX, Active)),
        ];
        for ((s1, st1), (s2, st2)) in later {
            assert!(
                written_order(&at(s1, st1)) < written_order(&at(s2, st2)),
                "{s1} {st1:?} before {s2} {st2:?}"
            );
        }
    }
}
