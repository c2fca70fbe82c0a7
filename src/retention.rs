//! The retention period as a task: once at start and then once a day, finished sessions and
//! closed handoffs older than the desk's `RETENTION_DAYS` lose their member's id and free text
//! ([`crate::store::Store::apply_retention`]). Counts and times stay, so the figures still add
//! up. "Now" comes from the desk's clock, so tests move it without waiting.
//!
//! With several processes on one database only the holder of the retention lease runs it;
//! each process looks every [`LeaseHolder::renew_every`], the holder renewing. One that takes the lease over
//! (its holder died or stopped) runs at once, as a restart would.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::desk::Desk;
use crate::domain::{LeaseHolder, LeaseName, Timestamp};

/// How often the task runs. A day: the period is counted in days, so a row is at most a day
/// late, and a restart runs it at once anyway.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Runs until `stop` is cancelled, while `holder` (this process) holds the retention lease;
/// gives the lease up on the way out. A failed run is logged and tried again the next day (the
/// rows it missed are still old then); it never ends the task.
pub async fn run_daily(desk: Arc<Desk>, holder: LeaseHolder, stop: CancellationToken) {
    let store = desk.store();
    // When this process last ran it while holding the lease; `None` while another holds it.
    let mut last: Option<Timestamp> = None;
    while !stop.is_cancelled() {
        // The next look is counted from before this one's work, so time that passes during
        // it (a slow disk, or a test moving paused time) does not push the next look back.
        let next = tokio::time::Instant::now() + holder.renew_every();
        let now = desk.now();
        match store
            .take_lease(LeaseName::Retention, &holder, now, holder.term())
            .await
        {
            Ok(true) if last.map_or(true, |t| t.plus(EVERY) <= now) => {
                run_once(&desk, now).await;
                last = Some(now);
            }
            Ok(true) => {}
            Ok(false) => last = None,
            Err(e) => tracing::warn!(error = %e, "could not take the retention lease"),
        }
        tokio::select! {
            () = stop.cancelled() => break,
            () = tokio::time::sleep_until(next) => {}
        }
    }
    if let Err(e) = store.release_lease(LeaseName::Retention, &holder).await {
        tracing::warn!(error = %e, "could not give up the retention lease; it runs out by itself");
    }
}

async fn run_once(desk: &Desk, now: Timestamp) {
    let days = desk.retention_days();
    match desk.store().apply_retention(now, days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(rows = n, days, "retention: anonymised finished rows"),
        Err(e) => tracing::warn!(error = %e, "retention could not run; trying again tomorrow"),
    }
}
