//! Holding a route: a request the test names waits, unanswered, until the test lets it go. A
//! slow Discord on demand, for stopping the bot while it is in the middle of a request.

use std::time::Duration;

use super::state::path_matches;
use super::{FakeDiscord, Inner, WaitError};

/// Requests on `method` and `pattern` (under `/api/v10`, `*` = one segment) wait while it stays.
#[derive(Clone, Debug)]
pub struct Hold {
    method: String,
    pattern: String,
    /// Requests that reached the hold so far.
    arrived: u32,
}

impl Hold {
    fn matches(&self, method: &str, api_path: &str) -> bool {
        self.method == method && path_matches(&self.pattern, api_path)
    }
}

impl Inner {
    /// Waits while a hold matches the request. Nothing of it is recorded or takes effect
    /// before it passes, as with a request Discord has not answered yet.
    pub async fn pass_holds(&self, method: &str, api_path: &str) {
        let mut changed = self.changed.subscribe();
        // Counted under the lock, which wakes a test waiting for the arrival.
        let held = self.with(|st| {
            st.holds
                .iter_mut()
                .find(|h| h.matches(method, api_path))
                .map(|h| h.arrived += 1)
                .is_some()
        });
        if !held {
            return;
        }
        loop {
            changed.borrow_and_update();
            if !self.read(|st| st.holds.iter().any(|h| h.matches(method, api_path))) {
                return;
            }
            if changed.changed().await.is_err() {
                return;
            }
        }
    }
}

impl FakeDiscord {
    /// Holds every `method` request on `pattern` until [`Self::release`].
    pub fn hold(&self, method: &str, pattern: &str) {
        let hold = Hold {
            method: method.into(),
            pattern: pattern.into(),
            arrived: 0,
        };
        self.inner.with(|st| st.holds.push(hold));
    }

    /// Waits until a request has reached the hold on `method` and `pattern`.
    pub async fn wait_held(
        &self,
        method: &str,
        pattern: &str,
        timeout: Duration,
    ) -> Result<(), WaitError> {
        let what = format!("{method} {pattern} to reach its hold");
        self.wait_until(timeout, &what, |s| {
            s.inner.read(|st| {
                st.holds
                    .iter()
                    .any(|h| h.method == method && h.pattern == pattern && h.arrived > 0)
                    .then_some(())
            })
        })
        .await
    }

    /// Lets the held requests on `method` and `pattern` through, and every later one.
    pub fn release(&self, method: &str, pattern: &str) {
        self.inner.with(|st| {
            st.holds
                .retain(|h| !(h.method == method && h.pattern == pattern))
        });
    }
}
