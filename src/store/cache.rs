//! The last committed state of the sessions this process wrote, so that a press finds its
//! session in memory instead of asking SQLite (a round trip to a connection's thread, which
//! the load benchmark counts as the bot's main cost).
//!
//! Why an entry can be trusted:
//! - it is filled only by writes, after their commit (or, for a write that lost its race, from
//!   the row read under the write lock), never by plain reads, so a slow read can never put an
//!   older row over a newer one;
//! - every write carries the order in which the store's writer ran it ([`WriteTx::seq`]), and
//!   an entry is replaced only by a later write, so writes whose tasks finish out of order
//!   cannot either.
//!
//! And why a wrong entry could do no harm: the cache only answers a press whose step matches
//! it ([`Store::session_for_press`]); anything else is read from the database. The advance
//! itself is still judged by the database's guarded update, so even another process writing
//! the same file cannot make a press apply twice or to the wrong step.
//!
//! [`WriteTx::seq`]: super::writer::WriteTx::seq
//! [`Store::session_for_press`]: super::Store::session_for_press

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use super::SessionRecord;

/// Sessions kept at most. The oldest written are forgotten first; a forgotten session is read
/// from the database on its next press. A few thousand members in the middle of a guide at
/// once is far beyond a club's worst minute, and this is about a megabyte.
pub(crate) const CAPACITY: usize = 4096;

#[derive(Debug, Default)]
pub(crate) struct SessionCache {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<i64, (u64, SessionRecord)>,
    /// Session ids in the order they were first cached, for forgetting the oldest.
    order: VecDeque<i64>,
}

impl SessionCache {
    /// The cached session `id`, if any.
    pub fn get(&self, id: i64) -> Option<SessionRecord> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.entries.get(&id).map(|(_, record)| record.clone())
    }

    /// Records `record` as written by the write that ran `seq`-th; ignored if a later write of
    /// the same session is already recorded.
    pub fn put(&self, seq: u64, record: &SessionRecord) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let id = record.id.0;
        match inner.entries.get_mut(&id) {
            Some((known, _)) if *known > seq => {}
            Some(entry) => *entry = (seq, record.clone()),
            None => {
                inner.entries.insert(id, (seq, record.clone()));
                inner.order.push_back(id);
                while inner.entries.len() > CAPACITY {
                    let Some(oldest) = inner.order.pop_front() else {
                        break;
                    };
                    inner.entries.remove(&oldest);
                }
            }
        }
    }

    /// Forgets session `id` (a write whose outcome is unknown).
    pub fn forget(&self, id: i64) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.entries.remove(&id).is_some() {
            inner.order.retain(|&o| o != id);
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Member, Scope};
    use crate::domain::{SessionId, Timestamp};
    use crate::guide::GuideVersion;
    use crate::triage::{State, Status};

    fn record(id: i64, step: u32) -> SessionRecord {
        SessionRecord {
            id: SessionId(id),
            member: Member::Local("ana".into()),
            scope: Scope::Local,
            guide_id: "g".into(),
            guide_version: GuideVersion("v".into()),
            state: State {
                node: "n".into(),
                path: vec![],
                step,
                status: Status::Active,
            },
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
        }
    }

    #[test]
    fn a_later_write_wins_whatever_order_the_puts_arrive_in() {
        let cache = SessionCache::default();
        cache.put(7, &record(1, 3));
        cache.put(5, &record(1, 2));
        assert_eq!(cache.get(1).map(|r| r.state.step), Some(3));
        cache.put(9, &record(1, 4));
        assert_eq!(cache.get(1).map(|r| r.state.step), Some(4));
        cache.forget(1);
        assert!(cache.get(1).is_none());
    }

    #[test]
    fn the_oldest_cached_sessions_are_forgotten_first() {
        let cache = SessionCache::default();
        for id in 0..(CAPACITY as i64 + 10) {
            cache.put(id as u64, &record(id, 1));
        }
        assert_eq!(cache.len(), CAPACITY);
        assert!(cache.get(0).is_none());
        assert!(cache.get(9).is_none());
        assert!(cache.get(10).is_some());
        assert!(cache.get(CAPACITY as i64 + 9).is_some());
    }
}
