//! The retention period as a task: once at start and then once a day, finished sessions and
//! closed handoffs older than the desk's `RETENTION_DAYS` lose their member's id and free text
//! ([`crate::store::Store::apply_retention`]). Counts and times stay, so the figures still add
//! up. "Now" comes from the desk's clock, so tests move it without waiting.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::desk::Desk;

/// How often the task runs. A day: the period is counted in days, so a row is at most a day
/// late, and a restart runs it at once anyway.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Runs until `stop` is cancelled. A failed run is logged and tried again the next day (the
/// rows it missed are still old then); it never ends the task.
pub async fn run_daily(desk: Arc<Desk>, stop: CancellationToken) {
    while !stop.is_cancelled() {
        let days = desk.retention_days();
        match desk.store().apply_retention(desk.now(), days).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rows = n, days, "retention: anonymised finished rows"),
            Err(e) => tracing::warn!(error = %e, "retention could not run; trying again tomorrow"),
        }
        tokio::select! {
            () = stop.cancelled() => break,
            () = tokio::time::sleep(EVERY) => {}
        }
    }
}
