//! Graceful shutdown: interactions being answered and the reminder timer are tracked, so a stop
//! can turn new work away and let what is in flight finish before the gateway and the store
//! close.

use std::future::Future;
use std::task::Poll;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tokio_util::task::task_tracker::TaskTrackerToken;
use tokio_util::task::TaskTracker;

#[derive(Clone, Default)]
pub struct Lifecycle {
    tracker: TaskTracker,
    /// Wakes background tasks (the reminder timer) that wait for more than a lock.
    stopping: CancellationToken,
}

impl Lifecycle {
    /// Held while an interaction is handled. Take it before asking [`Lifecycle::is_stopping`]:
    /// both read one atomic in the tracker, so either the stop waits for this interaction or
    /// the interaction sees the stop, never neither.
    pub fn enter(&self) -> TaskTrackerToken {
        self.tracker.token()
    }

    pub fn is_stopping(&self) -> bool {
        self.tracker.is_closed()
    }

    /// The signal a background task watches to stop taking new work.
    pub fn stop_signal(&self) -> CancellationToken {
        self.stopping.clone()
    }

    /// Runs `task` in the background; a stop waits for it to return.
    pub fn spawn<F>(&self, task: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.tracker.spawn(task);
    }

    /// Turns new work away and waits, at most `limit`, for what is in flight. Returns false
    /// when time ran out with work still running.
    pub async fn stop(&self, limit: Duration) -> bool {
        self.stopping.cancel();
        self.tracker.close();
        let mut done = std::pin::pin!(self.tracker.wait());
        // Said only when there is something to wait for, so the log shows what held a stop.
        if std::future::poll_fn(|cx| Poll::Ready(done.as_mut().poll(cx)))
            .await
            .is_pending()
        {
            tracing::info!(
                tasks = self.tracker.len(),
                "stopping: waiting for work in flight"
            );
        }
        tokio::time::timeout(limit, done).await.is_ok()
    }

    /// How many tasks are still running.
    pub fn left(&self) -> usize {
        self.tracker.len()
    }
}
