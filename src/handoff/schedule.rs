//! When an unclaimed handoff pings the volunteers again.

use std::time::Duration;

use super::model::RENOTIFY_MAX;

/// The due time of the re-notification after `sent` of them have gone out, counted from `now`;
/// `None` once the last one has been sent.
pub fn next_notice(now: i64, interval: Duration, sent: u32) -> Option<i64> {
    (sent < RENOTIFY_MAX).then(|| first_notice(now, interval))
}

/// The due time of a handoff's first re-notification (when it opens, or goes back to the
/// queue), counted from `now`.
pub fn first_notice(now: i64, interval: Duration) -> i64 {
    now.saturating_add(millis(interval))
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_reminders_then_none() {
        let ten = Duration::from_secs(600);
        assert_eq!(next_notice(1_000, ten, 0), Some(601_000));
        assert_eq!(next_notice(1_000, ten, 2), Some(601_000));
        assert_eq!(next_notice(1_000, ten, 3), None);
        assert_eq!(next_notice(i64::MAX, ten, 0), Some(i64::MAX));
        assert_eq!(first_notice(1_000, ten), 601_000);
    }
}
