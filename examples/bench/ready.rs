//! Waiting for a bot to be usable: connected, and its commands accepted by the fake.

use std::time::Duration;

use crate::fake::{FakeDiscord, WaitError};

/// Waits for the `nth` IDENTIFY this server saw and the `nth` accepted PUT of the commands:
/// the moment members can use the bot.
pub async fn wait_registered(
    server: &FakeDiscord,
    nth: u32,
    timeout: Duration,
) -> Result<(), WaitError> {
    server.wait_identified_count(nth, timeout).await?;
    server
        .wait_until(timeout, "the commands to be registered", |s| {
            let ok = s
                .requests_to("PUT", "/applications/*/commands")
                .iter()
                .filter(|r| r.status == 200)
                .count();
            (ok >= nth as usize).then_some(())
        })
        .await
}
