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

/// How long a taken lease lasts unless renewed. The holders renew it at least every
/// [`LEASE_RENEW`], so a live process keeps it with time to spare, and a dead one's work is
/// taken over within this long.
pub const LEASE_TTL: Duration = Duration::from_secs(90);

/// How often a process holding a lease renews it, and one not holding it tries to take it.
pub const LEASE_RENEW: Duration = Duration::from_secs(30);

/// Who holds a lease: one id per process start (per bot run), never reused, within a *slot*:
/// what the process is in its deployment (its shard range). Two live processes never share a
/// slot (Discord would send both the same shards' events), so a process restarted after a
/// crash, in its predecessor's slot, takes that one's leases over at once instead of waiting
/// for them to run out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LeaseHolder {
    slot: String,
    id: String,
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
        }
    }

    /// A holder with a chosen id, alone in a slot of the same name (tests name their
    /// processes).
    pub fn named(id: impl Into<String>) -> LeaseHolder {
        let id = id.into();
        LeaseHolder {
            slot: id.clone(),
            id,
        }
    }

    /// A holder with a chosen id in `slot`.
    pub fn in_slot(slot: impl Into<String>, id: impl Into<String>) -> LeaseHolder {
        LeaseHolder {
            slot: slot.into(),
            id: id.into(),
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
    }
}
