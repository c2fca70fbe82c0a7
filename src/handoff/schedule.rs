//! When an unclaimed handoff pings the volunteers again.

use std::time::Duration;

use crate::domain::{Timestamp, RENOTIFY_MAX};

/// The due time of the re-notification after `sent` of them have gone out, counted from `now`;
/// `None` once the last one has been sent.
pub fn next_notice(now: Timestamp, interval: Duration, sent: u32) -> Option<Timestamp> {
    (sent < RENOTIFY_MAX).then(|| first_notice(now, interval))
}

/// The due time of a handoff's first re-notification (when it opens, or goes back to the
/// queue), counted from `now`.
pub fn first_notice(now: Timestamp, interval: Duration) -> Timestamp {
    now.plus(interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_reminders_then_none() {
        let ten = Duration::from_secs(600);
        let t = Timestamp(1_000);
        assert_eq!(next_notice(t, ten, 0), Some(Timestamp(601_000)));
        assert_eq!(next_notice(t, ten, 2), Some(Timestamp(601_000)));
        assert_eq!(next_notice(t, ten, 3), None);
        assert_eq!(
            next_notice(Timestamp(i64::MAX), ten, 0),
            Some(Timestamp(i64::MAX))
        );
        assert_eq!(first_notice(t, ten), Timestamp(601_000));
    }
}
