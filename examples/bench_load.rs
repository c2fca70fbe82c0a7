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
use serde_json::json;

use bench::child::{BotProcess, Role};
use bench::deploy::Deploy;
use bench::members::{self, Figures, Plan, Window};
use bench::procfs::mb;
use bench::ready::wait_registered;
use bench::report::{print_verdict, summary, Measured};
use bench::stats::ms;
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
    /// pitcrew's database server: a `postgres://…` URL runs it on a fresh schema there
    /// (dropped at the end) instead of a fresh SQLite file.
    #[arg(long)]
    database: Option<String>,
    /// pitcrew processes, each on its own gateway shard of this many (`DISCORD_SHARDS=i/N`);
    /// the members are spread over one guild per shard. The floor bot stays one process.
    #[arg(long, default_value_t = 1)]
    shards: u32,
}

fn main() -> ExitCode {
    bench::child::main(run)
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
    let shards = args.shards.max(1);
    // One guild per shard, so each pitcrew process serves its share of the members.
    let places: Vec<(u64, u64)> = (0..u64::from(shards))
        .map(|i| {
            let guild = if shards == 1 {
                server.add_guild("Pit Lane")
            } else {
                server.add_guild_on_shard("Pit Lane", i, u64::from(shards))
            };
            (guild, server.add_text_channel(guild, "roadside-help"))
        })
        .collect();
    let actors: Vec<Actor> = (0..args.members)
        .map(|i| {
            let (guild, channel) = places[i % places.len()];
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
        db_cpu: args
            .database
            .as_deref()
            .is_some_and(pitcrew::store::is_postgres),
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
    let deploy = match Deploy::new(args.database.as_deref(), db_dir.path(), shards).await {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("bench_load: pitcrew on {}", deploy.label());
    let floor_env = vec![
        ("DISCORD_TOKEN", server.token().to_string()),
        ("DISCORD_API_URL", server.api_url()),
    ];
    let mut base = floor_env.clone();
    base.push(("CONTENT_DIR", args.content.display().to_string()));
    let pitcrew_envs = deploy.envs(&base);
    let floor_envs = vec![floor_env];
    // Bot processes started so far: the fake counts IDENTIFYs and registrations over the run.
    let mut started = 0;
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
        let (name, envs, acc) = match role {
            Role::Pitcrew => ("pitcrew", &pitcrew_envs, &mut pitcrew),
            _ => ("floor", &floor_envs, &mut floor),
        };
        let bots: Vec<BotProcess> = envs
            .iter()
            .enumerate()
            .map(|(p, env)| {
                let log = dir.path().join(format!("{name}-{i}-{p}.log"));
                BotProcess::spawn(role, env, &log)
            })
            .collect();
        started += bots.len();
        let (sat, pac) = measure(&server, &actors, [&saturated, &paced], bots, started, acc).await;
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

    deploy.finish().await;
    let header = json!({
        "benchmark": "load",
        "database": if deploy.is_postgres() { "postgres" } else { "sqlite" },
        "pitcrew_processes": deploy.shards,
        "members": args.members,
        "saturated_s": args.seconds,
        "warmup_s": args.warmup,
        "paced_s": args.paced_seconds,
        "paced_rate": args.paced_rate,
        "rounds": args.rounds.max(1),
    });
    let summary = summary(header, pitcrew.as_ref(), floor.as_ref());
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

/// Waits until the bot's processes (the first `started` of this server's run counted) are
/// connected with their commands registered, runs the members against them (saturated, then
/// paced), stops them, and adds what they showed to `acc`.
async fn measure(
    server: &Arc<FakeDiscord>,
    actors: &[Actor],
    [saturated, paced]: [&Plan; 2],
    bots: Vec<BotProcess>,
    started: usize,
    acc: &mut Measured,
) -> (Window, Option<Window>) {
    if let Err(e) = wait_registered(server, started as u32, READY_TIMEOUT).await {
        let logs: Vec<String> = bots.iter().map(BotProcess::log_tail).collect();
        eprintln!("{e}\nbot logs:\n{}", logs.join("\n---\n"));
        std::process::exit(1);
    }
    // Per process, like the peak: what one machine of a deployment needs.
    let idle = bots.iter().map(BotProcess::rss_kb).max().unwrap_or(0);
    let pids: Vec<u32> = bots.iter().map(|b| b.pid).collect();
    let sat = members::run(server, actors, saturated, &pids).await;
    let pac = if paced.measure.is_zero() {
        None
    } else {
        Some(members::run(server, actors, paced, &pids).await)
    };
    for bot in bots {
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
        // Peak memory per process: what one machine of a deployment needs.
        acc.peak_rss_kb = acc.peak_rss_kb.max(report.peak_rss_kb);
        acc.exited_cleanly &= report.success;
    }
    let violations = server.take_violations();
    for v in violations.iter().take(5) {
        eprintln!("bench: violation: {v}");
    }
    acc.idle_rss_kb = acc.idle_rss_kb.max(idle);
    acc.violations += violations.len();
    (sat, pac)
}
