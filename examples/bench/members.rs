//! Simulated members: each one runs `/triage`, then presses through what the bot shows, as
//! fast as the bot answers (a closed loop: one interaction in flight per member), until the
//! time is up. Every interaction goes through the fake exactly as in the tests, so the fake
//! checks every answer against Discord's rules and the 3 s deadline.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::fake::builders::{button, command};
use crate::fake::{Actor, FakeDiscord, StoredMessage};

use super::procfs;
use super::stats::{ms, percentile};

/// What the members do.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Guide ids `/triage guide:` rotates through; empty means `/triage` without a guide.
    pub guides: Vec<String>,
    /// A walk ends at a screen without choices, or after this many presses.
    pub max_presses: usize,
    /// Interactions before this are not counted (connections warm, caches filled).
    pub warmup: Duration,
    /// The measured window.
    pub measure: Duration,
    /// An interaction without any callback after this is an error.
    pub timeout: Duration,
    /// Each member's pause between an answer and its next interaction (±50 %, so members do
    /// not move in step). Zero: the next one at once, as fast as the bot answers.
    pub think: Duration,
    /// Also sample the CPU time of the PostgreSQL server's processes: with
    /// `DATABASE_URL=postgres://…` half of the store's work runs there, not in the bot.
    pub db_cpu: bool,
}

/// How one interaction went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Answered in time with the expected kind of response.
    Ok,
    /// Acknowledged in time with a deferral; the answer came as an edit.
    Deferred,
    /// The fake refused the response (a rule broken, or later than 3 s): HTTP status.
    Refused(u16),
    /// Answered with something else than expected (a note instead of the next step).
    Unexpected(u64),
    /// No response at all within [`Plan::timeout`].
    Timeout,
}

#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// When the member dispatched it.
    pub at: Instant,
    /// Interaction type: 2 command, 3 component.
    pub kind: u64,
    /// Dispatch to first callback, as the fake timed it.
    pub latency: Duration,
    pub outcome: Outcome,
}

/// The figures of one measured window.
#[derive(Clone, Debug)]
pub struct Figures {
    pub members: usize,
    pub window: Duration,
    pub interactions: usize,
    pub commands: usize,
    pub presses: usize,
    pub per_second: f64,
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub max: Duration,
    /// Responses later than Discord's 3 s (each is also an error).
    pub over_3s: usize,
    pub errors: usize,
    /// First responses that were deferrals (correct, but the member waited for an edit).
    pub deferred: usize,
    /// Error kinds, for the report.
    pub refused: usize,
    pub unexpected: usize,
    pub timeouts: usize,
    /// Members whose task died (a panic in the fake's `dispatch`: a bug, reported loudly).
    pub members_lost: usize,
    /// CPU time of the bot processes in the window, per interaction.
    pub bot_cpu_per_interaction: Duration,
    /// CPU time of the PostgreSQL server in the window, per interaction (zero on SQLite).
    pub db_cpu_per_interaction: Duration,
    /// CPU time of the benchmark process (fake + members) in the window, per interaction.
    pub driver_cpu_per_interaction: Duration,
    /// Times a bot thread went to sleep, per interaction: hand-offs between threads, which
    /// the neighbours on a shared machine barely move.
    pub bot_sleeps_per_interaction: f64,
}

impl Figures {
    pub fn print(&self, name: &str) {
        println!(
            "{name:>9}: {:>7.0} interactions/s  p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  \
             max {:>7.2} ms  errors {} (late >3 s {}, refused {}, unexpected {}, timeouts {}, \
             members lost {}), deferred {}",
            self.per_second,
            ms(self.p50),
            ms(self.p95),
            ms(self.p99),
            ms(self.max),
            self.errors,
            self.over_3s,
            self.refused,
            self.unexpected,
            self.timeouts,
            self.members_lost,
            self.deferred,
        );
        println!(
            "{:>9}  {} interactions in {:.1} s ({} commands, {} presses); per interaction: bot \
             CPU {:.0} µs and {:.1} thread sleeps, PostgreSQL CPU {:.0} µs, fake+members CPU \
             {:.0} µs",
            "",
            self.interactions,
            self.window.as_secs_f64(),
            self.commands,
            self.presses,
            super::stats::us(self.bot_cpu_per_interaction),
            self.bot_sleeps_per_interaction,
            super::stats::us(self.db_cpu_per_interaction),
            super::stats::us(self.driver_cpu_per_interaction),
        );
    }
}

/// Is this button a choice of the step on screen (`...:c<n>`)?
fn is_choice(id: &str) -> bool {
    let last = id.rsplit(':').next().unwrap_or_default();
    last.len() > 1 && last.starts_with('c') && last[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The next button to press on `msg`: a random choice, else "Resume" on a resume offer.
fn next_press(msg: &StoredMessage, rng: &mut u64) -> Option<String> {
    let ids = msg.custom_ids();
    let choices: Vec<&String> = ids.iter().filter(|id| is_choice(id)).collect();
    if !choices.is_empty() {
        return Some(choices[(xorshift(rng) % choices.len() as u64) as usize].clone());
    }
    ids.into_iter().find(|id| id.starts_with("res:"))
}

fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

async fn member(
    server: Arc<FakeDiscord>,
    actor: Actor,
    index: usize,
    plan: Arc<Plan>,
    end: Instant,
) -> (Vec<Sample>, Vec<String>) {
    let mut rng = 0x9e37_79b9_7f4a_7c15 ^ (index as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d);
    let mut samples = Vec::new();
    let mut notes = Vec::new();
    let mut on_screen: Option<StoredMessage> = None;
    let mut presses = 0;
    let mut next_guide = index;
    while Instant::now() < end {
        let press = on_screen
            .as_ref()
            .filter(|_| presses < plan.max_presses)
            .and_then(|m| next_press(m, &mut rng).map(|id| (m, id)));
        let source = press.as_ref().map(|(m, _)| m.id);
        let edits_before = press.as_ref().map_or(0, |(m, _)| m.edits);
        let payload = match press {
            Some((msg, id)) => button(msg, &id).by(&actor),
            None => {
                presses = 0;
                let mut triage = command("triage");
                if !plan.guides.is_empty() {
                    let guide = &plan.guides[next_guide % plan.guides.len()];
                    next_guide += 1;
                    triage = triage.string("guide", guide);
                }
                triage.by(&actor)
            }
        };
        let at = Instant::now();
        let h = server.dispatch(payload).await;
        let expected = if h.kind == 2 { 4 } else { 7 };
        let (latency, outcome) = match server.wait_response(&h, plan.timeout).await {
            Err(_) => (plan.timeout, Outcome::Timeout),
            Ok(cb) if !cb.accepted() => {
                notes.push(format!("refused {}: {:?}", cb.status, cb.error));
                (cb.latency, Outcome::Refused(cb.status))
            }
            // A deferral (5 for a command, 6 for a press) is a correct first response to slow
            // work; the answer follows as an edit, which the member waits for before going on.
            Ok(cb) if cb.kind == expected - 2 || (h.kind == 3 && cb.kind == 6) => {
                let edited = |m: &StoredMessage| !m.is_loading() && m.edits > edits_before;
                let _ = server.wait_original(&h, plan.timeout, edited).await;
                (cb.latency, Outcome::Deferred)
            }
            Ok(cb) if cb.kind != expected => {
                let content = cb.data["content"].as_str().unwrap_or_default();
                notes.push(format!("type {} instead of {expected}: {content}", cb.kind));
                (cb.latency, Outcome::Unexpected(cb.kind))
            }
            Ok(cb) => (cb.latency, Outcome::Ok),
        };
        samples.push(Sample {
            at,
            kind: h.kind,
            latency,
            outcome,
        });
        on_screen = match (outcome, source) {
            (Outcome::Ok | Outcome::Deferred, None) => server.original_message(&h),
            (Outcome::Ok | Outcome::Deferred, Some(id)) => server.message(id),
            _ => None,
        };
        if source.is_some() {
            presses += 1;
        }
        if !plan.think.is_zero() {
            let jitter = 0.5 + (xorshift(&mut rng) % 1000) as f64 / 1000.0;
            tokio::time::sleep(plan.think.mul_f64(jitter)).await;
        }
    }
    (samples, notes)
}

/// The raw result of one measured window.
#[derive(Clone, Debug, Default)]
pub struct Window {
    pub members: usize,
    pub measure: Duration,
    /// The interactions dispatched inside the window.
    pub samples: Vec<Sample>,
    /// CPU time of the bot processes during the window.
    pub bot_cpu: Duration,
    /// CPU time of the PostgreSQL server during the window (zero unless [`Plan::db_cpu`]).
    pub db_cpu: Duration,
    /// CPU time of the benchmark process (fake + members) during the window.
    pub driver_cpu: Duration,
    /// Times a thread of the bot went to sleep during the window (see `procfs`).
    pub bot_sleeps: u64,
    pub members_lost: usize,
}

/// Runs `actors` as members against whatever bot is connected to `server`, and measures.
/// `bot_pids` are the bot's processes (one per shard range) whose CPU time is sampled over the
/// window.
pub async fn run(
    server: &Arc<FakeDiscord>,
    actors: &[Actor],
    plan: &Plan,
    bot_pids: &[u32],
) -> Window {
    let plan = Arc::new(plan.clone());
    let start = Instant::now();
    let (t0, t1) = (start + plan.warmup, start + plan.warmup + plan.measure);
    let tasks: Vec<_> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| tokio::spawn(member(server.clone(), a.clone(), i, plan.clone(), t1)))
        .collect();
    let pids: Vec<String> = bot_pids.iter().map(u32::to_string).collect();
    let bots_cpu = || -> Option<Duration> { pids.iter().map(|p| procfs::cpu_time(p)).sum() };
    let bots_sleeps = || -> u64 { pids.iter().map(|p| procfs::context_switches(p)).sum() };
    let db = || plan.db_cpu.then(|| procfs::cpu_by_command("postgres"));
    tokio::time::sleep_until(t0.into()).await;
    let cpu0 = (bots_cpu(), procfs::cpu_time("self"));
    let (sleeps0, db0) = (bots_sleeps(), db());
    tokio::time::sleep_until(t1.into()).await;
    let cpu1 = (bots_cpu(), procfs::cpu_time("self"));
    let (sleeps1, db1) = (bots_sleeps(), db());
    let mut samples = Vec::new();
    let mut lost = 0;
    for t in tasks {
        match t.await {
            Ok((s, n)) => {
                samples.extend(s);
                for note in n.into_iter().take(3) {
                    eprintln!("bench: {note}");
                }
            }
            Err(e) => {
                eprintln!("bench: a member stopped: {e}");
                lost += 1;
            }
        }
    }
    samples.retain(|s| s.at >= t0 && s.at < t1);
    let delta = |a: Option<Duration>, b: Option<Duration>| match (a, b) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => Duration::ZERO,
    };
    Window {
        members: actors.len(),
        measure: plan.measure,
        samples,
        bot_cpu: delta(cpu0.0, cpu1.0),
        db_cpu: match (db0, db1) {
            (Some(a), Some(b)) => procfs::spent_between(&a, &b),
            _ => Duration::ZERO,
        },
        driver_cpu: delta(cpu0.1, cpu1.1),
        bot_sleeps: sleeps1.saturating_sub(sleeps0),
        members_lost: lost,
    }
}

impl Figures {
    /// The figures of one or more windows of the same bot, taken together.
    pub fn of(windows: &[Window]) -> Figures {
        let counted: Vec<&Sample> = windows.iter().flat_map(|w| &w.samples).collect();
        let measure: Duration = windows.iter().map(|w| w.measure).sum();
        let bot_cpu: Duration = windows.iter().map(|w| w.bot_cpu).sum();
        let db_cpu: Duration = windows.iter().map(|w| w.db_cpu).sum();
        let driver_cpu: Duration = windows.iter().map(|w| w.driver_cpu).sum();
        let bot_sleeps: u64 = windows.iter().map(|w| w.bot_sleeps).sum();
        let lost = windows.iter().map(|w| w.members_lost).sum();
        let mut latencies: Vec<Duration> = counted.iter().map(|s| s.latency).collect();
        latencies.sort();
        let n = counted.len();
        let count = |f: &dyn Fn(&Sample) -> bool| counted.iter().filter(|s| f(s)).count();
        let per = |cpu: Duration| {
            if n > 0 {
                cpu / n as u32
            } else {
                Duration::ZERO
            }
        };
        let refused = count(&|s| matches!(s.outcome, Outcome::Refused(_)));
        let unexpected = count(&|s| matches!(s.outcome, Outcome::Unexpected(_)));
        let timeouts = count(&|s| s.outcome == Outcome::Timeout);
        Figures {
            members: windows.first().map_or(0, |w| w.members),
            window: measure,
            interactions: n,
            commands: count(&|s| s.kind == 2),
            presses: count(&|s| s.kind == 3),
            per_second: n as f64 / measure.as_secs_f64().max(f64::EPSILON),
            p50: percentile(&latencies, 50.0),
            p95: percentile(&latencies, 95.0),
            p99: percentile(&latencies, 99.0),
            max: latencies.last().copied().unwrap_or_default(),
            over_3s: count(&|s| s.latency > Duration::from_secs(3)),
            errors: refused + unexpected + timeouts + lost,
            deferred: count(&|s| s.outcome == Outcome::Deferred),
            refused,
            unexpected,
            timeouts,
            members_lost: lost,
            bot_cpu_per_interaction: per(bot_cpu),
            db_cpu_per_interaction: per(db_cpu),
            driver_cpu_per_interaction: per(driver_cpu),
            bot_sleeps_per_interaction: bot_sleeps as f64 / n.max(1) as f64,
        }
    }
}
