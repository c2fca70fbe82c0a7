//! Storage and startup benchmark: pitcrew with 100 generated guides and 100,000 stored
//! sessions (1,000 of them active).
//!
//! ```sh
//! cargo run --release --example bench_store
//! cargo run --release --example bench_store -- --sessions 200000 --guides 200
//! ```
//!
//! 1. `check` on the 100 guides: in a child process like `pitcrew check` (wall time from
//!    spawn to exit), and the checker alone in this process.
//! 2. The cost of an advance: `Desk::press` (read the session, apply the engine, commit the
//!    step and the answer), on the 100k-session database and, for comparison, on one holding
//!    only the 1,000 active sessions; one at a time, then 50 at once. Times are of the press
//!    alone; CPU and thread sleeps per advance also carry starting the guide again after an
//!    outcome (`restarts_after_an_outcome` in the JSON).
//! 3. Startup: from spawning the bot process (100 guides, 100k sessions) to READY with its
//!    commands registered at the local Discord-compatible server, several times.
//! 4. Peak memory: the bot process on the 100k-session database while simulated members resume
//!    and walk their open sessions through Discord. `VmHWM` of the bot process alone.
//!
//! The last line is one JSON object with every figure.

#[path = "../tests/discord/fake/mod.rs"]
mod fake;

mod bench;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::{json, Value};

use bench::child::{BotProcess, Role};
use bench::history::{self, OpenSession, Shape};
use bench::members::{self, Figures, Plan};
use bench::procfs::{self, mb};
use bench::ready::wait_registered;
use bench::stats::{median, ms, percentile, round, us};
use fake::{Actor, FakeDiscord};
use pitcrew::desk::{Desk, Pressed};
use pitcrew::domain::SessionId;
use pitcrew::domain::{Member, Scope};
use pitcrew::guide::Library;
use pitcrew::store::Store;
use pitcrew::triage::Input;

const READY_TIMEOUT: Duration = Duration::from_secs(30);
const MEMORY_TARGET_MB: f64 = 60.0;
const READY_TARGET: Duration = Duration::from_secs(1);

#[derive(Parser, Debug)]
#[command(about = "pitcrew with 100k stored sessions and 100 guides")]
struct Args {
    /// Stored sessions.
    #[arg(long, default_value_t = 100_000)]
    sessions: usize,
    /// Of which still active (one per member).
    #[arg(long, default_value_t = 1_000)]
    active: usize,
    /// Members the sessions belong to.
    #[arg(long, default_value_t = 10_000)]
    members: usize,
    /// Generated guides.
    #[arg(long, default_value_t = 100)]
    guides: usize,
    /// Advances timed one at a time.
    #[arg(long, default_value_t = 3_000)]
    presses: usize,
    /// Tasks pressing at once in the concurrent run, and members in the memory run.
    #[arg(long, default_value_t = 50)]
    concurrency: usize,
    /// Seconds of the concurrent run and of the memory run (each).
    #[arg(long, default_value_t = 8)]
    seconds: u64,
    /// Bot starts timed.
    #[arg(long, default_value_t = 5)]
    startups: usize,
}

fn main() -> ExitCode {
    bench::child::main(run)
}

async fn run(args: Args) -> ExitCode {
    let total = Instant::now();
    let dir = tempfile::tempdir().expect("temporary directory");
    let content = dir.path().join("content");
    bench::guides::write(&content, args.guides);
    println!(
        "bench_store: {} sessions ({} active) of {} members, {} generated guides; {} CPUs",
        args.sessions,
        args.active,
        args.members,
        args.guides,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );

    // 1. check
    let check = check_figures(&content, args.startups).await;
    let library = match pitcrew::guide::load_library(&content) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: the generated guides fail check: {e}");
            return ExitCode::FAILURE;
        }
    };

    // The Discord side: one guild, one channel, every member a user the fake knows.
    let server = Arc::new(FakeDiscord::start().await);
    let guild = server.add_guild("Pit Lane");
    let channel = server.add_text_channel(guild, "roadside-help");
    let members: Vec<u64> = (0..args.members.max(args.active))
        .map(|i| {
            let user = server.add_user(&format!("member{i}"));
            server.add_member(guild, user.id, &[]);
            user.id
        })
        .collect();
    let shape = Shape {
        sessions: args.sessions,
        active: args.active,
        members: members.clone(),
        guild,
        channel,
    };
    let db = dir.path().join("pitcrew.db");
    let url = format!("sqlite://{}", db.display());
    let big = history::write(&url, &library, &shape).await;
    let size = file_mb(&db);
    println!(
        "history: {} sessions, {} answers written in {:.1} s; database {:.1} MB",
        big.sessions, big.answers, big.seconds, size
    );

    // 2. the cost of an advance, on the big database and on a small one
    let small_db = dir.path().join("small.db");
    let small_url = format!("sqlite://{}", small_db.display());
    let small_shape = Shape {
        sessions: args.active,
        ..shape.clone()
    };
    let small = history::write(&small_url, &library, &small_shape).await;
    let scope = Scope::Guild {
        guild: guild.into(),
        channel: channel.into(),
    };
    let lib = Arc::new(library.clone());
    let adv_big = advance_cost(&url, &lib, scope, &big.open, &args).await;
    adv_big.print("100k sessions");
    let adv_small = advance_cost(&small_url, &lib, scope, &small.open, &args).await;
    adv_small.print(&format!("{} sessions", args.active));

    // 3. startup with the 100 guides and the 100k sessions
    let env = |server: &FakeDiscord| {
        vec![
            ("DISCORD_TOKEN", server.token().to_string()),
            ("DISCORD_API_URL", server.api_url()),
            ("DATABASE_URL", url.clone()),
            ("CONTENT_DIR", content.display().to_string()),
        ]
    };
    let mut ready_times = Vec::new();
    for i in 0..args.startups {
        let fresh = FakeDiscord::start().await;
        let log = dir.path().join(format!("startup-{i}.log"));
        let bot = BotProcess::spawn(Role::Pitcrew, &env(&fresh), &log);
        if let Err(e) = wait_registered(&fresh, 1, READY_TIMEOUT).await {
            eprintln!("{e}\nbot log:\n{}", bot.log_tail());
            return ExitCode::FAILURE;
        }
        ready_times.push(bot.started.elapsed());
        bot.stop().await;
        fresh.assert_no_violations();
    }
    let mut sorted = ready_times.clone();
    sorted.sort();
    let ready_median = median(ready_times.clone());
    let ready_max = sorted.last().copied().unwrap_or_default();
    println!(
        "startup: READY with commands registered in {:.0} ms median, {:.0} ms max ({} starts: {})",
        ms(ready_median),
        ms(ready_max),
        sorted.len(),
        ready_times
            .iter()
            .map(|d| format!("{:.0}", ms(*d)))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // 4. peak memory of the bot with the 100k sessions, under members walking their sessions
    let log = dir.path().join("memory.log");
    let bot = BotProcess::spawn(Role::Pitcrew, &env(&server), &log);
    if let Err(e) = wait_registered(&server, 1, READY_TIMEOUT).await {
        eprintln!("{e}\nbot log:\n{}", bot.log_tail());
        return ExitCode::FAILURE;
    }
    let idle_kb = bot.rss_kb();
    let walkers: Vec<Actor> = big
        .open
        .iter()
        .take(args.concurrency)
        .map(|o| server.guild_actor(guild, channel, o.member))
        .collect();
    let plan = Plan {
        guides: library.ids().map(str::to_string).collect(),
        max_presses: 50,
        warmup: Duration::ZERO,
        measure: Duration::from_secs(args.seconds),
        timeout: Duration::from_secs(10),
        think: Duration::ZERO,
        db_cpu: false,
    };
    let window = members::run(&server, &walkers, &plan, &[bot.pid]).await;
    let load = Figures::of(std::slice::from_ref(&window));
    let report = bot.stop().await;
    let violations = server.take_violations();
    let peak_kb = report.peak_rss_kb;
    println!(
        "memory: bot peak {:.1} MB (VmHWM of the bot process; {:.1} MB resident when idle after \
         start), while {} members walked their open sessions: {:.0} interactions/s, p99 {:.2} ms, \
         errors {}, violations {}",
        mb(peak_kb),
        mb(idle_kb),
        walkers.len(),
        load.per_second,
        ms(load.p99),
        load.errors,
        violations.len()
    );

    let summary = json!({
        "benchmark": "store",
        "sessions": big.sessions,
        "active": args.active,
        "answers": big.answers,
        "members": args.members,
        "guides": args.guides,
        "database_mb": round(size, 1),
        "advance_100k": adv_big.json(),
        "advance_small": adv_small.json(),
        "check": check,
        "ready_ms": {
            "median": round(ms(ready_median), 1),
            "max": round(ms(ready_max), 1),
            "runs": ready_times.iter().map(|d| round(ms(*d), 1)).collect::<Vec<_>>(),
        },
        "memory": {
            "bot_peak_rss_mb": round(mb(peak_kb), 1),
            "bot_idle_rss_mb": round(mb(idle_kb), 1),
            "members": walkers.len(),
            "interactions": load.interactions,
            "interactions_per_s": round(load.per_second, 1),
            "p99_ms": round(ms(load.p99), 3),
            "errors": load.errors,
            "violations": violations.len(),
        },
        "targets": {
            "peak_memory_at_most_60mb": mb(peak_kb) <= MEMORY_TARGET_MB,
            "ready_and_registered_within_1s": ready_max <= READY_TARGET,
        },
        "total_s": round(total.elapsed().as_secs_f64(), 1),
    });
    for (name, met) in summary["targets"].as_object().into_iter().flatten() {
        let mark = if met == true { "met" } else { "NOT MET" };
        println!("target {name}: {mark}");
    }
    println!("{summary}");
    if load.errors == 0 && violations.is_empty() && report.success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn file_mb(path: &Path) -> f64 {
    let size = |p: PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    (size(path.to_path_buf()) + size(PathBuf::from(wal))) as f64 / (1024.0 * 1024.0)
}

/// `check` on the generated guides: as `pitcrew check` in a child process, and in process.
async fn check_figures(content: &Path, runs: usize) -> Value {
    let mut in_process = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let report = pitcrew::guide::check_dir(content);
        in_process.push(t.elapsed());
        assert!(report.is_ok(), "generated guides fail check:\n{report}");
    }
    let mut child = Vec::new();
    let env = [("CONTENT_DIR", content.display().to_string())];
    for i in 0..runs.max(1) {
        let log = content.with_file_name(format!("check-{i}.log"));
        let (report, wall) = BotProcess::spawn(Role::Check, &env, &log).finish().await;
        assert!(report.success, "check failed:\n{}", report.stdout);
        child.push(wall);
    }
    let (inp, chi) = (median(in_process), median(child));
    println!(
        "check: {:.0} ms as `pitcrew check` (child process, spawn to exit, median of {}), \
         {:.0} ms for the checker alone",
        ms(chi),
        runs.max(1),
        ms(inp)
    );
    json!({"process_ms": round(ms(chi), 1), "checker_ms": round(ms(inp), 1)})
}

/// Figures of the advance benchmark on one database.
struct AdvanceCost {
    sequential: Vec<Duration>,
    sequential_cpu: Duration,
    /// Times a thread went to sleep in the one-at-a-time run: every round trip to sqlx's
    /// connection thread puts both threads to sleep once. A count the neighbours on a shared
    /// machine barely move, unlike times.
    sequential_switches: u64,
    concurrent: Vec<Duration>,
    concurrent_window: Duration,
    concurrent_cpu: Duration,
    concurrent_switches: u64,
    /// Tasks pressing at once in the concurrent run.
    tasks: usize,
    starts: usize,
}

impl AdvanceCost {
    fn print(&self, name: &str) {
        let mut s = self.sequential.clone();
        s.sort();
        let mut c = self.concurrent.clone();
        c.sort();
        let mean = |v: &[Duration]| v.iter().sum::<Duration>() / v.len().max(1) as u32;
        println!(
            "advance on {name}: one at a time p50 {:.3} ms, p99 {:.3} ms, mean {:.3} ms, \
             CPU {:.0} µs and {:.1} thread sleeps each; {} at once: {:.0} advances/s, \
             p50 {:.2} ms, p99 {:.2} ms, CPU {:.0} µs and {:.1} thread sleeps each",
            ms(percentile(&s, 50.0)),
            ms(percentile(&s, 99.0)),
            ms(mean(&s)),
            us(self.sequential_cpu / s.len().max(1) as u32),
            self.sequential_switches as f64 / s.len().max(1) as f64,
            self.tasks,
            c.len() as f64 / self.concurrent_window.as_secs_f64(),
            ms(percentile(&c, 50.0)),
            ms(percentile(&c, 99.0)),
            us(self.concurrent_cpu / c.len().max(1) as u32),
            self.concurrent_switches as f64 / c.len().max(1) as f64,
        );
    }

    fn json(&self) -> Value {
        let mut s = self.sequential.clone();
        s.sort();
        let mut c = self.concurrent.clone();
        c.sort();
        json!({
            "one_at_a_time": {
                "advances": s.len(),
                "p50_ms": round(ms(percentile(&s, 50.0)), 3),
                "p99_ms": round(ms(percentile(&s, 99.0)), 3),
                "mean_ms": round(ms(s.iter().sum::<Duration>() / s.len().max(1) as u32), 3),
                "cpu_us_each": round(us(self.sequential_cpu / s.len().max(1) as u32), 0),
                "thread_sleeps_each": round(
                    self.sequential_switches as f64 / s.len().max(1) as f64,
                    1
                ),
            },
            "concurrent": {
                "tasks": self.tasks,
                "advances_per_s": round(c.len() as f64 / self.concurrent_window.as_secs_f64(), 1),
                "p50_ms": round(ms(percentile(&c, 50.0)), 3),
                "p99_ms": round(ms(percentile(&c, 99.0)), 3),
                "cpu_us_each": round(us(self.concurrent_cpu / c.len().max(1) as u32), 0),
                "thread_sleeps_each": round(
                    self.concurrent_switches as f64 / c.len().max(1) as f64,
                    1
                ),
            },
            "restarts_after_an_outcome": self.starts,
        })
    }
}

/// Presses choices on the open sessions through the desk, as the bot does for a button. A walk
/// that reaches an outcome is started again (not timed as an advance).
async fn advance_cost(
    url: &str,
    library: &Arc<Library>,
    scope: Scope,
    open: &[OpenSession],
    args: &Args,
) -> AdvanceCost {
    let store = Store::open(url).await.expect("open the store");
    let desk = Arc::new(Desk::new((**library).clone(), store));
    let mut sessions = open.to_vec();
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let mut starts = 0;
    let mut sequential = Vec::with_capacity(args.presses);
    let cpu0 = procfs::cpu_time("self").unwrap_or_default();
    let switches0 = procfs::context_switches("self");
    for i in 0..args.presses {
        let n = sessions.len();
        let s = &mut sessions[i % n];
        let (took, restarted) = press_once(&desk, scope, s, &mut rng).await;
        sequential.push(took);
        starts += usize::from(restarted);
    }
    let sequential_cpu = procfs::cpu_time("self").unwrap_or_default() - cpu0;
    let sequential_switches = procfs::context_switches("self").saturating_sub(switches0);

    // At once: each task owns a disjoint share of the open sessions.
    let tasks_n = args.concurrency.clamp(1, sessions.len());
    let window = Duration::from_secs(args.seconds);
    let end = Instant::now() + window;
    let cpu0 = procfs::cpu_time("self").unwrap_or_default();
    let switches0 = procfs::context_switches("self");
    let mut tasks = Vec::new();
    for t in 0..tasks_n {
        let mine: Vec<OpenSession> = sessions.iter().skip(t).step_by(tasks_n).cloned().collect();
        let desk = desk.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = mine;
            let mut rng = 0x2545_f491_4f6c_dd1d_u64 ^ (t as u64 + 1);
            let mut took = Vec::new();
            let mut starts = 0;
            let mut i = 0;
            while Instant::now() < end {
                let n = mine.len();
                let (d, restarted) = press_once(&desk, scope, &mut mine[i % n], &mut rng).await;
                took.push(d);
                starts += usize::from(restarted);
                i += 1;
            }
            (took, starts)
        }));
    }
    let mut concurrent = Vec::new();
    for t in tasks {
        let (took, s) = t.await.expect("press task");
        concurrent.extend(took);
        starts += s;
    }
    let concurrent_cpu = procfs::cpu_time("self").unwrap_or_default() - cpu0;
    let concurrent_switches = procfs::context_switches("self").saturating_sub(switches0);
    desk.store().close().await;
    AdvanceCost {
        sequential,
        sequential_cpu,
        sequential_switches,
        concurrent,
        concurrent_window: window,
        concurrent_cpu,
        concurrent_switches,
        tasks: tasks_n,
        starts,
    }
}

/// One press on `s` (a random choice of its step), timed; restarts the guide at an outcome.
async fn press_once(
    desk: &Desk,
    scope: Scope,
    s: &mut OpenSession,
    rng: &mut u64,
) -> (Duration, bool) {
    let member = Member::Discord(s.member.into());
    let library = desk.library();
    let guide = library.get(&s.guide).expect("guide of the session");
    let choices = guide
        .node(&s.state.node)
        .map_or(0, |n| n.choices.len())
        .max(1);
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    let input = Input::Choose((*rng % choices as u64) as usize);
    let t = Instant::now();
    let pressed = desk
        .press(&member, SessionId(s.id), s.state.step, input)
        .await
        .expect("press");
    let took = t.elapsed();
    let (session, view) = match pressed {
        Pressed::Moved { session, view } => (session, view),
        other => panic!("a press on the current step did not move: {other:?}"),
    };
    s.state = session.state;
    if view.choices.is_empty() {
        let (session, _) = desk.start(&member, &scope, &s.guide).await.expect("start");
        s.id = session.id.0;
        s.state = session.state;
        return (took, true);
    }
    (took, false)
}
