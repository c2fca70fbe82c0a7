//! Load benchmark: the real bot against the local Discord-compatible server, then the floor bot
//! through the same server in the same run, with the same simulated members.
//!
//! ```sh
//! cargo run --release --example bench_load                 # 50 members, about a minute
//! cargo run --release --example bench_load -- --members 100 --seconds 30
//! ```
//!
//! Each bot runs in its own child process (this executable started again, see
//! `bench/child.rs`), so its peak memory (`VmHWM`) and CPU time are its own; the benchmark
//! process holds the fake server and the members. Latency is what the fake measures: from the
//! moment it sends INTERACTION_CREATE on the gateway to the moment the first callback arrives.
//!
//! Two loads, both with the same members walking the same guides:
//! - saturated: each member sends its next interaction as soon as the last one is answered, so
//!   the figures are the most the bot gets through on this machine, and its latency there
//!   (mostly queueing: with 50 members in flight, latency ≈ 50 / throughput);
//! - paced: members pause between interactions (a fixed total rate well under either bot's
//!   capacity), so latency is the bot's own time to answer.
//!
//! Rounds (four by default) alternate which bot goes first (pitcrew, floor, floor, pitcrew),
//! so a noisy neighbour weighs on both alike. The last line of the output is one JSON object with both
//! sets of figures and the ratios.

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
    /// Saturated seconds measured per bot, split over the rounds.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Warm-up seconds before each saturated window, not counted.
    #[arg(long, default_value_t = 2)]
    warmup: u64,
    /// Rounds; each runs both bots, alternating which goes first.
    #[arg(long, default_value_t = 4)]
    rounds: u32,
    /// Paced seconds measured per bot (after its saturated window, split over the rounds);
    /// 0 skips the paced load.
    #[arg(long, default_value_t = 8)]
    paced_seconds: u64,
    /// Interactions per second all members together offer in the paced load.
    #[arg(long, default_value_t = 500)]
    paced_rate: u64,
    /// Guides pitcrew serves.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Folder for pitcrew's fresh database (default: a temporary folder on the disk the
    /// benchmark runs from). `/dev/shm` takes the disk out of the measurement.
    #[arg(long)]
    db_dir: Option<PathBuf>,
    /// Run only one of the bots (`pitcrew` or `floor`), e.g. under a profiler.
    #[arg(long)]
    only: Option<String>,
}

fn main() -> ExitCode {
    bench::child::main(run)
}

/// One bot over all its rounds: its windows, the peak memory of its processes, the Discord
/// rules it broke.
struct Measured {
    saturated: Vec<Window>,
    paced: Vec<Window>,
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
            saturated: Vec::new(),
            paced: Vec::new(),
            peak_rss_kb: 0,
            idle_rss_kb: 0,
            violations: 0,
            exited_cleanly: true,
        }
    }
}

impl Measured {
    fn errors(&self) -> usize {
        Figures::of(&self.saturated).errors + Figures::of(&self.paced).errors
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
    let rounds = args.rounds.max(1);
    let mut saturated = Plan {
        guides: library.ids().map(str::to_string).collect(),
        max_presses: 50,
        warmup: Duration::from_secs(args.warmup),
        measure: Duration::from_secs_f64(args.seconds as f64 / f64::from(rounds)),
        timeout: Duration::from_secs(10),
        think: Duration::ZERO,
    };
    let mut paced = Plan {
        // The saturated window just before is the warm-up; this lets its last answers drain.
        warmup: Duration::from_millis(500),
        measure: Duration::from_secs_f64(args.paced_seconds as f64 / f64::from(rounds)),
        think: Duration::from_secs_f64(args.members as f64 / args.paced_rate.max(1) as f64),
        ..saturated.clone()
    };
    println!(
        "bench_load: {} members walking {} guides from {}; per bot: {} s saturated (after {} s \
         warm-ups) and {} s paced at {} interactions/s, over {} rounds; {} CPUs",
        args.members,
        library.len(),
        args.content.display(),
        args.seconds,
        args.warmup,
        args.paced_seconds,
        args.paced_rate,
        rounds,
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
        let (sat, pac) = measure(&server, &actors, [&saturated, &paced], bot, i + 1, acc).await;
        let (s, p) = (Figures::of(std::slice::from_ref(&sat)), pac.as_ref());
        let p = p.map(|w| Figures::of(std::slice::from_ref(w)));
        println!(
            "  {name:<8} round {}: saturated {:.0} interactions/s, p99 {:.2} ms; paced p99 {}; \
             errors {}",
            acc.saturated.len() + 1,
            s.per_second,
            ms(s.p99),
            p.as_ref()
                .map_or("-".to_string(), |p| format!("{:.2} ms", ms(p.p99))),
            s.errors + p.as_ref().map_or(0, |p| p.errors),
        );
        // The floor walks as many steps per command as the members took with pitcrew.
        if role == Role::Pitcrew && acc.saturated.is_empty() && s.commands > 0 {
            let per_walk = s.presses as f64 / s.commands as f64;
            saturated.max_presses = per_walk.round().max(1.0) as usize;
            paced.max_presses = saturated.max_presses;
        }
        acc.saturated.push(sat);
        acc.paced.extend(pac);
    }
    let pitcrew = (!pitcrew.saturated.is_empty()).then_some(pitcrew);
    let floor = (!floor.saturated.is_empty()).then_some(floor);
    for (name, m) in [("pitcrew", &pitcrew), ("floor", &floor)] {
        let Some(m) = m else { continue };
        println!("{name}:");
        Figures::of(&m.saturated).print("saturated");
        if !m.paced.is_empty() {
            Figures::of(&m.paced).print("paced");
        }
        println!(
            "{:>9}  peak memory {:.1} MB (idle after start {:.1} MB); Discord rule violations {}",
            "",
            mb(m.peak_rss_kb),
            mb(m.idle_rss_kb),
            m.violations
        );
    }

    let summary = summary(&args, pitcrew.as_ref(), floor.as_ref());
    print_verdict(&summary);
    println!("{summary}");
    let clean = [&pitcrew, &floor]
        .iter()
        .filter_map(|m| m.as_ref())
        .all(|m| m.errors() == 0 && m.violations == 0 && m.exited_cleanly);
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Waits for the `nth` bot of this server to be connected with its commands registered, runs
/// the members against it (saturated, then paced), stops it, and adds what it showed to `acc`.
async fn measure(
    server: &Arc<FakeDiscord>,
    actors: &[Actor],
    [saturated, paced]: [&Plan; 2],
    bot: BotProcess,
    nth: usize,
    acc: &mut Measured,
) -> (Window, Option<Window>) {
    if let Err(e) = wait_registered(server, nth as u32, READY_TIMEOUT).await {
        eprintln!("{e}\nbot log:\n{}", bot.log_tail());
        std::process::exit(1);
    }
    let idle = bot.rss_kb();
    let sat = members::run(server, actors, saturated, bot.pid).await;
    let pac = if paced.measure.is_zero() {
        None
    } else {
        Some(members::run(server, actors, paced, bot.pid).await)
    };
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
    (sat, pac)
}

fn figures_json(f: &Figures) -> Value {
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
        "bot_cpu_us_per_interaction": round(us(f.bot_cpu_per_interaction), 0),
        "bot_thread_sleeps_per_interaction": round(f.bot_sleeps_per_interaction, 1),
        "driver_cpu_us_per_interaction": round(us(f.driver_cpu_per_interaction), 0),
    })
}

fn bot_json(m: &Measured) -> Value {
    let mut v = figures_json(&Figures::of(&m.saturated));
    if !m.paced.is_empty() {
        v["paced"] = figures_json(&Figures::of(&m.paced));
    }
    v["peak_rss_mb"] = json!(round(mb(m.peak_rss_kb), 1));
    v["idle_rss_mb"] = json!(round(mb(m.idle_rss_kb), 1));
    v["violations"] = json!(m.violations);
    v
}

fn summary(args: &Args, pitcrew: Option<&Measured>, floor: Option<&Measured>) -> Value {
    let mut out = json!({
        "benchmark": "load",
        "members": args.members,
        "saturated_s": args.seconds,
        "warmup_s": args.warmup,
        "paced_s": args.paced_seconds,
        "paced_rate": args.paced_rate,
        "rounds": args.rounds.max(1),
    });
    if let Some(p) = pitcrew {
        out["pitcrew"] = bot_json(p);
    }
    if let Some(f) = floor {
        out["floor"] = bot_json(f);
    }
    let (Some(pm), Some(fm)) = (pitcrew, floor) else {
        return out;
    };
    let (p, f) = (Figures::of(&pm.saturated), Figures::of(&fm.saturated));
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
    let over_3s = |m: &Measured| {
        let (s, p) = (Figures::of(&m.saturated), Figures::of(&m.paced));
        s.over_3s + s.timeouts + p.over_3s + p.timeouts
    };
    out["targets"] = json!({
        "throughput_at_least_0_8x_floor": p.per_second >= 0.8 * f.per_second,
        "p99_within_2ms_of_floor_saturated": p99_delta <= 2.0,
        "no_first_response_over_3s": over_3s(pm) == 0,
    });
    if !pm.paced.is_empty() && !fm.paced.is_empty() {
        let (pp, fp) = (Figures::of(&pm.paced), Figures::of(&fm.paced));
        let delta = ms(pp.p99) - ms(fp.p99);
        out["ratios"]["paced_p50_delta_ms"] = json!(round(ms(pp.p50) - ms(fp.p50), 3));
        out["ratios"]["paced_p99_delta_ms"] = json!(round(delta, 3));
        out["targets"]["p99_within_2ms_of_floor_paced"] = json!(delta <= 2.0);
    }
    out
}

fn print_verdict(summary: &Value) {
    let Some(targets) = summary["targets"].as_object() else {
        return;
    };
    let r = &summary["ratios"];
    let num = |v: &Value| v.as_f64().unwrap_or(0.0);
    println!(
        "pitcrew / floor, saturated: throughput {:.3}x, p99 {:+.2} ms ({:.2}x), bot CPU per \
         interaction {:.2}x; paced: p99 {:+.2} ms",
        num(&r["throughput"]),
        num(&r["p99_delta_ms"]),
        num(&r["p99"]),
        num(&r["bot_cpu_per_interaction"]),
        num(&r["paced_p99_delta_ms"]),
    );
    for (name, met) in targets {
        let mark = if met == true { "met" } else { "NOT MET" };
        println!("target {name}: {mark}");
    }
}
