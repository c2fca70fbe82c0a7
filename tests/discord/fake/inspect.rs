//! What the fake saw, for tests to assert on: the request log, gateway frames and session
//! counts, and the Discord rules the bot broke. Kept apart from the server's start-up and
//! waiting so `mod.rs` stays the map of the fake.

use serde_json::Value;

use super::gateway::GatewayFrame;
use super::state::{path_matches, RequestRecord, Violation};
use super::FakeDiscord;

impl FakeDiscord {
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.read(|st| st.requests.clone())
    }

    /// Requests whose method matches and whose path under `/api/v10` matches `pattern`.
    pub fn requests_to(&self, method: &str, pattern: &str) -> Vec<RequestRecord> {
        self.read(|st| {
            st.requests
                .iter()
                .filter(|r| r.method == method && path_matches(pattern, r.api_path()))
                .cloned()
                .collect()
        })
    }

    pub fn gateway_frames(&self) -> Vec<GatewayFrame> {
        self.read(|st| st.gateway.frames.clone())
    }

    pub fn identified_count(&self) -> u32 {
        self.read(|st| st.gateway.identified)
    }

    pub fn resumed_count(&self) -> u32 {
        self.read(|st| st.gateway.resumed)
    }

    /// The IDENTIFY payload of the session dispatches currently go to.
    pub fn current_identify(&self) -> Option<Value> {
        self.read(|st| st.gateway.current().map(|s| s.identify.clone()))
    }

    pub fn violations(&self) -> Vec<Violation> {
        self.read(|st| st.violations.clone())
    }

    /// Returns and forgets the violations, for tests that provoke some on purpose.
    pub fn take_violations(&self) -> Vec<Violation> {
        self.with(|st| std::mem::take(&mut st.violations))
    }

    #[track_caller]
    pub fn assert_no_violations(&self) {
        let v = self.violations();
        if !v.is_empty() {
            let lines: Vec<String> = v.iter().map(ToString::to_string).collect();
            panic!(
                "the bot broke {} Discord rule(s):\n{}",
                v.len(),
                lines.join("\n")
            );
        }
    }

    /// Removes and returns the first violation with Discord code `code`; panics if none.
    #[track_caller]
    pub fn expect_violation(&self, code: u64) -> Violation {
        let found = self.with(|st| {
            let i = st.violations.iter().position(|v| v.code == code)?;
            Some(st.violations.remove(i))
        });
        found.unwrap_or_else(|| {
            panic!(
                "expected a violation with code {code}; got {:#?}",
                self.violations()
            )
        })
    }
}
