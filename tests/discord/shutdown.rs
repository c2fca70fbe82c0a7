//! SIGTERM to the real binary while work is in flight: the reminder being sent goes out once
//! and the ones not yet taken stay due for the next start; an answer being worked on still
//! reaches the member. Everything is arranged by an in-process bot first (handoffs, a guide
//! open), which is then killed so `pitcrew run` takes over the same database.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use pitcrew::domain::{Clock, HandoffId, SystemClock};
use tokio::process::Child;

use crate::binary::pitcrew_run;
use crate::fake::builders::button;
use crate::handoff_timers::{reminder, starting};
use crate::harness::lock::WriteLock;
use crate::harness::screen::{description, id_of, step_of};
use crate::harness::{Pit, DRILL, T};

const JACK: &str = "Find the jack and the wheel brace in the boot floor.";

/// What `run` logs once it is stopping and something in flight holds the stop.
const WAITING: &str = "waiting for work in flight";

/// `pitcrew run` on the pit's database, content and server, its log in a file.
struct Bot {
    child: Child,
    log: PathBuf,
}

impl Bot {
    /// Starts the binary and waits until it is the `n`th bot to identify and register.
    async fn launch(pit: &Pit, dir: &Path, n: u32) -> Bot {
        let log = dir.join(format!("run-{n}.log"));
        let env = [
            ("CONTENT_DIR", pit.content.display().to_string()),
            ("DATABASE_URL", pit.db_url.clone()),
            ("DISCORD_TOKEN", pit.server.token().to_string()),
            ("DISCORD_API_URL", pit.server.api_url()),
        ];
        let child = pitcrew_run(dir, &env)
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .expect("pitcrew starts");
        pit.server
            .wait_identified_count(n, T)
            .await
            .expect("the binary identifies");
        let route = pit.commands_route();
        pit.server
            .wait_until(T, "the binary's command registration", |s| {
                (s.requests_to("PUT", &route).len() as u32 >= n).then_some(())
            })
            .await
            .expect("and registers its commands");
        Bot { child, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn terminate(&self) {
        let pid = self.child.id().expect("running").to_string();
        let kill = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert!(kill.success());
    }

    /// After SIGTERM: true once the bot says it is waiting for work in flight, false if it
    /// exits without waiting for anything.
    async fn waits_for_work_in_flight(&mut self) -> bool {
        let deadline = Instant::now() + T;
        loop {
            if self.log().contains(WAITING) {
                return true;
            }
            if self.child.try_wait().expect("child status").is_some() {
                return false;
            }
            assert!(
                Instant::now() < deadline,
                "neither waited nor exited:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits for the process to end; its status and log.
    async fn exit(mut self) -> (ExitStatus, String) {
        let status = tokio::time::timeout(T, self.child.wait())
            .await
            .unwrap_or_else(|_| panic!("pitcrew exits after SIGTERM:\n{}", self.log()))
            .expect("exit status");
        (status, self.log())
    }
}

/// Makes handoff `id`'s next notice due `ago_ms` milliseconds ago.
async fn due(pit: &Pit, id: HandoffId, ago_ms: i64) {
    let at = SystemClock.now().millis() - ago_ms;
    pit.execute_sql(&format!(
        "UPDATE handoffs SET next_notify_at = {at} WHERE id = {}",
        id.0
    ))
    .await;
}

#[tokio::test]
async fn sigterm_during_a_reminder_sends_it_once_and_leaves_the_next_one_due() {
    let mut pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(600)).await;
    let (_, first) = pit.ask_volunteer(&pit.scene.actor.clone()).await;
    let first = pit.delivered(first).await;
    let other = pit.other_member("second_driver");
    let (_, second) = pit.ask_volunteer(&other).await;
    let second = pit.delivered(second).await;
    pit.kill();
    // Both due; the first is the longer overdue, so it is taken first.
    due(&pit, first.handoff.id, 60_000).await;
    due(&pit, second.handoff.id, 30_000).await;

    // Discord is slow to take the first reminder: the stop comes while it is being sent.
    let posts = format!("/channels/{}/messages", crew.cards);
    pit.server.hold("POST", &posts);
    let dir = tempfile::tempdir().unwrap();
    let mut bot = Bot::launch(&pit, dir.path(), 2).await;
    pit.server
        .wait_held("POST", &posts, T)
        .await
        .expect("the first reminder is on its way");
    bot.terminate();
    let waited = bot.waits_for_work_in_flight().await;
    pit.server.release("POST", &posts);
    let (status, log) = bot.exit().await;
    assert!(waited, "the stop did not wait for the reminder:\n{log}");
    assert_eq!(status.code(), Some(0), "{log}");

    // The reminder it was sending went out whole: to the volunteers and to the member.
    let cards = pit.server.channel_messages(crew.cards);
    assert_eq!(starting(&cards, &reminder(&crew, &pit, &first, 1)), 1);
    let said = pit.server.channel_messages(first.thread);
    assert_eq!(
        starting(&said, "Still looking for a volunteer (reminder 1"),
        1
    );
    // The second was not taken: stopping, the timer takes nothing new, and it is still due.
    assert_eq!(starting(&cards, &reminder(&crew, &pit, &second, 1)), 0);
    let h = pit.handoff_of(second.handoff.session).await.unwrap();
    assert_eq!(h.notify_count, 0);
    assert!(h.next_notify_at.unwrap() <= SystemClock.now(), "{h:?}");
    let h = pit.handoff_of(first.handoff.session).await.unwrap();
    assert_eq!(h.notify_count, 1);
    let next = h.next_notify_at.expect("the next one is planned");
    assert!(next > SystemClock.now().plus(Duration::from_secs(500)));

    // Started again: the second goes out, the first not a second time.
    let mut bot = Bot::launch(&pit, dir.path(), 3).await;
    let cards = pit
        .wait_messages(crew.cards, 4, "the second reminder after the restart")
        .await;
    bot.terminate();
    bot.waits_for_work_in_flight().await;
    let (status, log) = bot.exit().await;
    assert_eq!(status.code(), Some(0), "{log}");
    let cards_now = pit.server.channel_messages(crew.cards);
    assert_eq!(cards_now.len(), 4, "two cards, one reminder each");
    assert_eq!(starting(&cards, &reminder(&crew, &pit, &second, 1)), 1);
    assert_eq!(starting(&cards_now, &reminder(&crew, &pit, &first, 1)), 1);
    assert_eq!(pit.server.channel_messages(first.thread).len(), 2);
    let h = pit.handoff_of(first.handoff.session).await.unwrap();
    assert_eq!((h.notify_count, h.next_notify_at), (1, Some(next)));
    pit.assert_pings_only(&[pit.scene.user.id, other.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn sigterm_with_an_answer_in_flight_still_answers_the_member() {
    let mut pit = Pit::start().await;
    let me = pit.scene.actor.clone();
    let msg = pit.triage(&me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    pit.kill();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = Bot::launch(&pit, dir.path(), 2).await;

    // The store is slow: the press is deferred and waits for the database.
    let lock = WriteLock::take(&pit.db_url).await;
    let press = pit
        .server
        .dispatch(button(&msg, &id_of(&msg, "Yes, we are safe")).by(&me))
        .await;
    assert_eq!(pit.server.wait_response(&press, T).await.unwrap().kind, 6);
    bot.terminate();
    let waited = bot.waits_for_work_in_flight().await;
    lock.release().await;
    let (status, log) = bot.exit().await;
    assert!(waited, "the stop did not wait for the answer:\n{log}");
    assert_eq!(status.code(), Some(0), "{log}");

    // Before the process ended, the member's message was edited and the answer committed.
    let shown = pit.server.message(msg.id).unwrap();
    assert_eq!(description(&shown), JACK);
    assert_eq!(step_of(&shown), (session, 1));
    assert_eq!(pit.answer_labels(session).await, ["Yes, we are safe"]);
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}
