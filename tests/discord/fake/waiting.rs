//! Waiting for the bot: every wait polls a condition after each state change (no sleeps, no
//! timing assertions) and, on timeout, says what the fake saw so a failing test explains itself.

use std::time::Duration;

use super::state::RequestRecord;
use super::{FakeDiscord, WaitError};

impl FakeDiscord {
    /// Polls `f` after every state change until it yields, or fails after `timeout`.
    pub async fn wait_until<T>(
        &self,
        timeout: Duration,
        what: &str,
        mut f: impl FnMut(&Self) -> Option<T>,
    ) -> Result<T, WaitError> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut rx = self.inner.changed.subscribe();
        loop {
            // Marking the current version seen before checking means no change is missed.
            rx.borrow_and_update();
            if let Some(v) = f(self) {
                return Ok(v);
            }
            if tokio::time::timeout_at(deadline, rx.changed())
                .await
                .is_err()
            {
                return Err(WaitError(self.describe_timeout(what, timeout)));
            }
        }
    }

    fn describe_timeout(&self, what: &str, timeout: Duration) -> String {
        self.read(|st| {
            let line = |r: &RequestRecord| {
                format!("  {} {}?{} -> {}", r.method, r.path, r.query, r.status)
            };
            let recent: Vec<String> = st.requests.iter().rev().take(8).map(line).collect();
            let violations: Vec<String> = st.violations.iter().map(|v| format!("  {v}")).collect();
            let (identified, connected) = (st.gateway.identified, st.gateway.connected().is_some());
            format!(
                "timed out after {timeout:?} waiting for {what}\n\
                 identified: {identified}, connected session: {connected}\n\
                 latest requests:\n{}\nviolations:\n{}",
                recent.join("\n"),
                violations.join("\n")
            )
        })
    }

    /// Waits until a session is identified and connected (READY was sent); returns its id.
    pub async fn wait_ready(&self, timeout: Duration) -> Result<String, WaitError> {
        self.wait_until(timeout, "READY", |s| {
            s.read(|st| st.gateway.connected().map(|c| c.id.clone()))
        })
        .await
    }

    /// Waits until at least `n` IDENTIFYs were accepted (a restarted bot identifies again).
    pub async fn wait_identified_count(&self, n: u32, timeout: Duration) -> Result<u32, WaitError> {
        let what = format!("{n} IDENTIFY(s)");
        self.wait_until(timeout, &what, |s| {
            Some(s.identified_count()).filter(|c| *c >= n)
        })
        .await
    }

    pub async fn wait_resumed_count(&self, n: u32, timeout: Duration) -> Result<u32, WaitError> {
        let what = format!("{n} RESUME(s)");
        self.wait_until(timeout, &what, |s| {
            Some(s.resumed_count()).filter(|c| *c >= n)
        })
        .await
    }

    /// Waits for a request like [`Self::requests_to`] and returns the first match.
    pub async fn wait_request(
        &self,
        method: &str,
        pattern: &str,
        timeout: Duration,
    ) -> Result<RequestRecord, WaitError> {
        let what = format!("{method} {pattern}");
        self.wait_until(timeout, &what, |s| {
            s.requests_to(method, pattern).into_iter().next()
        })
        .await
    }
}
