//! Once-only periodic work across processes: several bot processes (shard ranges) share one
//! database, and the reminder loop and the retention task must run in exactly one of them at a
//! time. Whoever holds a named lease does that work and renews it; when that process dies its
//! lease runs out and another takes over (`Store::take_lease`).

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// The periodic jobs that run in one process at a time, each under its own lease.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeaseName {
    /// The re-notification loop (`handoff::reminders`).
    Reminders,
    /// The daily retention task (`retention`).
    Retention,
}

impl LeaseName {
    /// The row's key in the store; written once here, never parsed back.
    pub const fn as_str(self) -> &'static str {
        match self {
            LeaseName::Reminders => "reminders",
            LeaseName::Retention => "retention",
        }
    }
}

/// How long a taken lease lasts unless renewed, by default (`LEASE_SECS` sets a process's
/// [`LeaseHolder::term`]). The holders renew it every third of it, so a live process keeps it
/// with time to spare, and a dead one's work is taken over within this long (and a third).
pub const LEASE_TTL: Duration = Duration::from_secs(90);

/// How often a process holding a lease of the default term renews it, and one not holding it
/// tries to take it: [`LeaseHolder::renew_every`] of [`LEASE_TTL`].
pub const LEASE_RENEW: Duration = Duration::from_secs(30);

/// Who holds a lease: one id per process start (per bot run), never reused, within a *slot*:
/// what the process is in its deployment (its shard range). Two live processes never share a
/// slot (Discord would send both the same shards' events), so a process restarted after a
/// crash, in its predecessor's slot, takes that one's leases over at once instead of waiting
/// for them to run out.
///
/// It also carries the term of the leases it takes (how long a lease lasts unless renewed):
/// a setting of the process, not part of who it is, so two holders are equal when slot and id
/// are.
#[derive(Debug, Clone)]
pub struct LeaseHolder {
    slot: String,
    id: String,
    term: Duration,
}

impl PartialEq for LeaseHolder {
    fn eq(&self, other: &LeaseHolder) -> bool {
        self.slot == other.slot && self.id == other.id
    }
}

impl Eq for LeaseHolder {}

impl std::hash::Hash for LeaseHolder {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.slot.hash(state);
        self.id.hash(state);
    }
}

impl LeaseHolder {
    /// A fresh holder id in `slot`: the process id, the start time and 64 random bits (std's
    /// hasher keys are random per process and per `RandomState`), so two processes, or two bot
    /// runs in one test process, never share one.
    pub fn random(slot: impl Into<String>) -> LeaseHolder {
        let mut h = RandomState::new().build_hasher();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        h.write_u128(nanos);
        h.write_u32(std::process::id());
        let id = format!("{}-{nanos:x}-{:016x}", std::process::id(), h.finish());
        LeaseHolder {
            slot: slot.into(),
            id,
            term: LEASE_TTL,
        }
    }

    /// The same holder taking leases of `term` (`LEASE_SECS`): a shorter term hands a dead
    /// process's work over sooner, at the cost of a renewal write every third of it.
    pub fn with_term(self, term: Duration) -> LeaseHolder {
        LeaseHolder { term, ..self }
    }

    /// How long the leases it takes last unless renewed.
    pub fn term(&self) -> Duration {
        self.term
    }

    /// How often it renews what it holds and tries to take what it does not: a third of the
    /// term, so two renewals can be missed (a slow database, a paused process) before the
    /// lease runs out under a live holder.
    pub fn renew_every(&self) -> Duration {
        self.term / 3
    }

    /// A holder with a chosen id, alone in a slot of the same name (tests name their
    /// processes).
    pub fn named(id: impl Into<String>) -> LeaseHolder {
        let id = id.into();
        LeaseHolder {
            slot: id.clone(),
            id,
            term: LEASE_TTL,
        }
    }

    /// A holder with a chosen id in `slot`.
    pub fn in_slot(slot: impl Into<String>, id: impl Into<String>) -> LeaseHolder {
        LeaseHolder {
            slot: slot.into(),
            id: id.into(),
            term: LEASE_TTL,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.id
    }

    pub fn slot(&self) -> &str {
        &self.slot
    }
}

impl fmt::Display for LeaseHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.id, self.slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_holders_are_never_the_same() {
        assert_ne!(LeaseHolder::random("all"), LeaseHolder::random("all"));
    }

    #[test]
    fn a_live_holder_renews_well_before_its_lease_runs_out() {
        assert!(LEASE_RENEW * 2 < LEASE_TTL);
        let holder = LeaseHolder::named("a");
        assert_eq!(holder.renew_every(), LEASE_RENEW);
        let short = holder.with_term(Duration::from_secs(6));
        assert_eq!(short.renew_every(), Duration::from_secs(2));
    }

    #[test]
    fn the_term_is_not_part_of_who_holds() {
        let a = LeaseHolder::named("a");
        assert_eq!(a.clone().with_term(Duration::from_secs(6)), a);
    }
}
