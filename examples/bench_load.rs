//! Load benchmark: the real bot against the local Discord-compatible server, then the floor bot
//! through the same server in the same run, with the same simulated members.
//!
//! ```sh
//! cargo run --release --example bench_load                  # 50 members, 3 s warm-up + 20 s each
//! cargo run --release --example bench_load -- --members 100 --seconds 30
//! ```
//!
//! Each bot runs in its own child process (this executable started again, see
//! `bench/child.rs`), so its peak memory (`VmHWM`) and CPU time are its own. The benchmark
//! process holds the fake server and the members. Latency is what the fake measures: from the
//! moment it sends INTERACTION_CREATE on the gateway to the moment the first callback arrives.
//! The last line of the output is one JSON object with both sets of figures and the ratios.

#[path = "../tests/discord/fake/mod.rs"]
mod fake;

mod bench;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use serde_json::{json, Value};

use bench::child::{BotProcess, Role};
use bench::members::{self, Figures, Plan, Window};
use bench::procfs::mb;
use bench::ready::wait_registered;
use bench::stats::{ms, round, us};
use fake::{Actor, FakeDiscord};

const READY_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Parser, Debug)]
#[command(about = "pitcrew against the floor bot, with simulated members")]
struct Args {
    /// Simulated members, each with one interaction in flight at a time.
    #[arg(long, default_value_t = 50)]
    members: usize,
    /// Measured seconds per bot.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Warm-up seconds per bot, not counted.
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    /// Guides pitcrew serves.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Rounds; each runs both bots, alternating which goes first.
    #[arg(long, default_value_t = 2)]
    rounds: u32,
    /// Folder for pitcrew's fresh database (default: a temporary folder on the disk the
    /// benchmark runs from). `/dev/shm` takes the disk out of the measurement.
    #[arg(long)]
    db_dir: Option<PathBuf>,
    /// Run only one of the bots (`pitcrew` or `floor`), e.g. under a profiler.
    #[arg(long)]
    only: Option<String>,
}

fn main() -> ExitCode {
    if let Some(code) = bench::child::run_if_child() {
        return code;
    }
    let args = Args::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(run(args))
}

/// One bot over all its rounds: its windows, the peak memory of its processes, the Discord
/// rules it broke.
struct Measured {
    windows: Vec<Window>,
    /// The highest `VmHWM` of the bot's processes, KiB.
    peak_rss_kb: u64,
    /// Resident set once connected and registered, before any member came, KiB.
    idle_rss_kb: u64,
    violations: usize,
    exited_cleanly: bool,
}

impl Default for Measured {
    fn default() -> Self {
        Measured {
            windows: Vec::new(),
            peak_rss_kb: 0,
            idle_rss_kb: 0,
            violations: 0,
            exited_cleanly: true,
        }
    }
}

impl Measured {
    fn figures(&self) -> Figures {
        Figures::of(&self.windows)
    }
}

async fn run(args: Args) -> ExitCode {
    let dir = tempfile::tempdir().expect("temporary directory");
    let library = match pitcrew::guide::load_library(&args.content) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let guides: Vec<String> = library.ids().map(str::to_string).collect();
    let server = Arc::new(FakeDiscord::start().await);
    let guild = server.add_guild("Pit Lane");
    let channel = server.add_text_channel(guild, "roadside-help");
    let actors: Vec<Actor> = (0..args.members)
        .map(|i| {
            let user = server.add_user(&format!("member{i}"));
            server.add_member(guild, user.id, &[]);
            server.guild_actor(guild, channel, user.id)
        })
        .collect();
    let mut plan = Plan {
        guides,
        max_presses: 50,
        warmup: Duration::from_secs(args.warmup),
        measure: Duration::from_secs(args.seconds),
        timeout: Duration::from_secs(10),
    };
    println!(
        "bench_load: {} members; per bot {} s measured over {} round(s), each after a {} s \
         warm-up; guides from {} ({} guides); {} CPUs",
        args.members,
        args.seconds,
        args.rounds.max(1),
        args.warmup,
        args.content.display(),
        library.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );

    let db_dir = match &args.db_dir {
        Some(d) => tempfile::tempdir_in(d).expect("temporary folder for the database"),
        None => tempfile::tempdir().expect("temporary folder for the database"),
    };
    let db = db_dir.path().join("pitcrew.db");
    let pitcrew_env = vec![
        ("DISCORD_TOKEN", server.token().to_string()),
        ("DISCORD_API_URL", server.api_url()),
        ("DATABASE_URL", format!("sqlite://{}", db.display())),
        ("CONTENT_DIR", args.content.display().to_string()),
    ];
    let floor_env = pitcrew_env[..2].to_vec();
    // Rounds alternate the order (pitcrew, floor, floor, pitcrew, ...) so a noisy neighbour on
    // the machine weighs on both bots alike; each bot gets `seconds` in all.
    let rounds = args.rounds.max(1);
    plan.measure = Duration::from_secs_f64(args.seconds as f64 / rounds as f64);
    let mut order = Vec::new();
    for r in 0..rounds {
        let pair = [Role::Pitcrew, Role::Floor];
        order.extend(if r % 2 == 0 { pair } else { [pair[1], pair[0]] });
    }
    order.retain(|r| match args.only.as_deref() {
        Some("pitcrew") => *r == Role::Pitcrew,
        Some("floor") => *r == Role::Floor,
        _ => true,
    });
    let mut pitcrew = Measured::default();
    let mut floor = Measured::default();
    for (i, role) in order.into_iter().enumerate() {
        let (name, env, acc) = match role {
            Role::Pitcrew => ("pitcrew", &pitcrew_env, &mut pitcrew),
            _ => ("floor", &floor_env, &mut floor),
        };
        let log = dir.path().join(format!("{name}-{i}.log"));
        let bot = BotProcess::spawn(role, env, &log);
        let window = measure(&server, &actors, &plan, bot, i as u32 + 1, acc).await;
        let f = Figures::of(std::slice::from_ref(&window));
        println!(
            "  {name:<8} round {}: {:.0} interactions/s, p99 {:.2} ms, errors {}",
            acc.windows.len() + 1,
            f.per_second,
            ms(f.p99),
            f.errors
        );
        // The floor walks as many steps per command as the members took with pitcrew.
        if role == Role::Pitcrew && acc.windows.is_empty() && f.commands > 0 {
            let per_walk = f.presses as f64 / f.commands as f64;
            plan.max_presses = per_walk.round().max(1.0) as usize;
        }
        acc.windows.push(window);
    }
    let pitcrew = (!pitcrew.windows.is_empty()).then_some(pitcrew);
    let floor = (!floor.windows.is_empty()).then_some(floor);
    for (name, m) in [("pitcrew", &pitcrew), ("floor", &floor)] {
        if let Some(m) = m {
            m.figures().print(name);
            println!(
                "{:>8}  peak memory {:.1} MB (idle after start {:.1} MB); Discord rule violations {}",
                "",
                mb(m.peak_rss_kb),
                mb(m.idle_rss_kb),
                m.violations
            );
        }
    }

    let summary = summary(&args, pitcrew.as_ref(), floor.as_ref());
    print_verdict(&summary);
    println!("{summary}");
    let clean = [&pitcrew, &floor]
        .iter()
        .filter_map(|m| m.as_ref())
        .all(|m| m.figures().errors == 0 && m.violations == 0 && m.exited_cleanly);
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Waits for the `nth` bot of this server to be connected with its commands registered, runs
/// the members against it, stops it, and adds what it showed to `acc`.
async fn measure(
    server: &Arc<FakeDiscord>,
    actors: &[Actor],
    plan: &Plan,
    bot: BotProcess,
    nth: u32,
    acc: &mut Measured,
) -> Window {
    if let Err(e) = wait_registered(server, nth, READY_TIMEOUT).await {
        eprintln!("{e}\nbot log:\n{}", bot.log_tail());
        std::process::exit(1);
    }
    let idle = bot.rss_kb();
    let window = members::run(server, actors, plan, bot.pid).await;
    let log = bot.log.clone();
    let report = bot.stop().await;
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    for line in logged
        .lines()
        .filter(|l| l.contains("ERROR") || l.contains("WARN"))
        .take(5)
    {
        eprintln!("bench: bot log: {line}");
    }
    let violations = server.take_violations();
    for v in violations.iter().take(5) {
        eprintln!("bench: violation: {v}");
    }
    acc.peak_rss_kb = acc.peak_rss_kb.max(report.peak_rss_kb);
    acc.idle_rss_kb = acc.idle_rss_kb.max(idle);
    acc.violations += violations.len();
    acc.exited_cleanly &= report.success;
    window
}

fn figures_json(m: &Measured) -> Value {
    let f = &m.figures();
    json!({
        "interactions_per_s": round(f.per_second, 1),
        "p50_ms": round(ms(f.p50), 3),
        "p95_ms": round(ms(f.p95), 3),
        "p99_ms": round(ms(f.p99), 3),
        "max_ms": round(ms(f.max), 3),
        "interactions": f.interactions,
        "commands": f.commands,
        "presses": f.presses,
        "errors": f.errors,
        "over_3s": f.over_3s,
        "deferred": f.deferred,
        "violations": m.violations,
        "peak_rss_mb": round(mb(m.peak_rss_kb), 1),
        "idle_rss_mb": round(mb(m.idle_rss_kb), 1),
        "bot_cpu_us_per_interaction": round(us(f.bot_cpu_per_interaction), 0),
        "driver_cpu_us_per_interaction": round(us(f.driver_cpu_per_interaction), 0),
    })
}

fn summary(args: &Args, pitcrew: Option<&Measured>, floor: Option<&Measured>) -> Value {
    let mut out = json!({
        "benchmark": "load",
        "members": args.members,
        "warmup_s": args.warmup,
        "measured_s": args.seconds,
        "rounds": args.rounds.max(1),
    });
    if let Some(p) = pitcrew {
        out["pitcrew"] = figures_json(p);
    }
    if let Some(f) = floor {
        out["floor"] = figures_json(f);
    }
    if let (Some(p), Some(f)) = (pitcrew, floor) {
        let (p, f) = (&p.figures(), &f.figures());
        let ratio = |a: f64, b: f64| if b > 0.0 { round(a / b, 3) } else { 0.0 };
        let p99_delta = ms(p.p99) - ms(f.p99);
        out["ratios"] = json!({
            "throughput": ratio(p.per_second, f.per_second),
            "p50": ratio(ms(p.p50), ms(f.p50)),
            "p95": ratio(ms(p.p95), ms(f.p95)),
            "p99": ratio(ms(p.p99), ms(f.p99)),
            "p99_delta_ms": round(p99_delta, 3),
            "bot_cpu_per_interaction": ratio(
                us(p.bot_cpu_per_interaction),
                us(f.bot_cpu_per_interaction)
            ),
        });
        out["targets"] = json!({
            "throughput_at_least_0_8x_floor": p.per_second >= 0.8 * f.per_second,
            "p99_within_2ms_of_floor": p99_delta <= 2.0,
            "no_first_response_over_3s": p.over_3s == 0 && p.timeouts == 0,
        });
    }
    out
}

fn print_verdict(summary: &Value) {
    let Some(targets) = summary["targets"].as_object() else {
        return;
    };
    let r = &summary["ratios"];
    println!(
        "pitcrew / floor: throughput {:.3}x, p99 {:+.2} ms ({:.2}x), bot CPU per interaction {:.2}x",
        r["throughput"].as_f64().unwrap_or(0.0),
        r["p99_delta_ms"].as_f64().unwrap_or(0.0),
        r["p99"].as_f64().unwrap_or(0.0),
        r["bot_cpu_per_interaction"].as_f64().unwrap_or(0.0),
    );
    for (name, met) in targets {
        let mark = if met == true { "met" } else { "NOT MET" };
        println!("target {name}: {mark}");
    }
}
