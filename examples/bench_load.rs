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

use bench::child::{BotProcess, ChildReport, Role};
use bench::members::{self, Figures, Plan};
use bench::procfs::mb;
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

/// One bot's run: its figures, its process report, the Discord rules it broke.
struct Measured {
    figures: Figures,
    report: ChildReport,
    idle_rss_kb: u64,
    violations: usize,
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
        "bench_load: {} members, {} s warm-up + {} s measured per bot, guides from {} ({} guides), \
         {} CPUs",
        args.members,
        args.warmup,
        args.seconds,
        args.content.display(),
        library.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );

    let env = |extra: &[(&'static str, String)]| {
        let mut env = vec![
            ("DISCORD_TOKEN", server.token().to_string()),
            ("DISCORD_API_URL", server.api_url()),
        ];
        env.extend_from_slice(extra);
        env
    };
    let mut bots = 0;
    let mut pitcrew = None;
    if args.only.as_deref() != Some("floor") {
        let db = dir.path().join("pitcrew.db");
        let content = args.content.display().to_string();
        let env = env(&[
            ("DATABASE_URL", format!("sqlite://{}", db.display())),
            ("CONTENT_DIR", content),
        ]);
        bots += 1;
        let log = dir.path().join("pitcrew.log");
        let bot = BotProcess::spawn(Role::Pitcrew, &env, &log);
        let m = measure(&server, &actors, &plan, bot, bots).await;
        m.figures.print("pitcrew");
        // The floor walks as many steps per command as the members took with pitcrew.
        if m.figures.commands > 0 {
            let per_walk = m.figures.presses as f64 / m.figures.commands as f64;
            plan.max_presses = per_walk.round().max(1.0) as usize;
        }
        pitcrew = Some(m);
    }
    let mut floor = None;
    if args.only.as_deref() != Some("pitcrew") {
        bots += 1;
        let log = dir.path().join("floor.log");
        let bot = BotProcess::spawn(Role::Floor, &env(&[]), &log);
        let m = measure(&server, &actors, &plan, bot, bots).await;
        m.figures.print("floor");
        floor = Some(m);
    }

    let summary = summary(&args, pitcrew.as_ref(), floor.as_ref());
    print_verdict(&summary);
    println!("{summary}");
    let clean = [&pitcrew, &floor]
        .iter()
        .filter_map(|m| m.as_ref())
        .all(|m| m.figures.errors == 0 && m.violations == 0 && m.report.success);
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Waits for the `nth` bot of this server to be connected with its commands registered, runs
/// the members against it, then stops it.
async fn measure(
    server: &Arc<FakeDiscord>,
    actors: &[Actor],
    plan: &Plan,
    bot: BotProcess,
    nth: u32,
) -> Measured {
    if let Err(e) = wait_registered(server, nth).await {
        eprintln!("{e}\nbot log:\n{}", bot.log_tail());
        std::process::exit(1);
    }
    let idle_rss_kb = bot.rss_kb();
    let figures = members::run(server, actors, plan, bot.pid).await;
    let report = bot.stop().await;
    let violations = server.take_violations();
    for v in violations.iter().take(5) {
        eprintln!("bench: violation: {v}");
    }
    Measured {
        figures,
        report,
        idle_rss_kb,
        violations: violations.len(),
    }
}

/// The `nth` IDENTIFY of this server, and its PUT of the commands accepted.
pub async fn wait_registered(server: &FakeDiscord, nth: u32) -> Result<(), fake::WaitError> {
    server.wait_identified_count(nth, READY_TIMEOUT).await?;
    server
        .wait_until(READY_TIMEOUT, "the commands to be registered", |s| {
            let ok = s
                .requests_to("PUT", "/applications/*/commands")
                .iter()
                .filter(|r| r.status == 200)
                .count();
            (ok >= nth as usize).then_some(())
        })
        .await
}

fn figures_json(m: &Measured) -> Value {
    let f = &m.figures;
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
        "violations": m.violations,
        "peak_rss_mb": round(mb(m.report.peak_rss_kb), 1),
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
    });
    if let Some(p) = pitcrew {
        out["pitcrew"] = figures_json(p);
    }
    if let Some(f) = floor {
        out["floor"] = figures_json(f);
    }
    if let (Some(p), Some(f)) = (pitcrew, floor) {
        let (p, f) = (&p.figures, &f.figures);
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
