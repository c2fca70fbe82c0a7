//! The bots run in child processes, so their memory and CPU are theirs alone: the benchmark
//! process (fake Discord + simulated members) never shares an allocator or a runtime with them.
//!
//! The child is this very executable started again with [`ROLE_VAR`] set, so
//! `cargo run --release --example ...` builds everything needed. The `pitcrew` role runs the
//! library's own entry points in the order `pitcrew run` does (settings from the environment,
//! `load_library`, `Store::open`, `discord::run` on a multi-threaded tokio runtime); `check` is
//! `pitcrew check`; `floor` is the floor bot of [`super::floor`].

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;

use super::procfs;

/// Names the role of a child process; unset in the benchmark process itself.
pub const ROLE_VAR: &str = "PITCREW_BENCH_CHILD";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The real bot, as `pitcrew run` starts it.
    Pitcrew,
    /// The floor: a minimal serenity bot answering every interaction with a fixed message.
    Floor,
    /// `pitcrew check` on `CONTENT_DIR`.
    Check,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Pitcrew => "pitcrew",
            Role::Floor => "floor",
            Role::Check => "check",
        }
    }

    fn parse(s: &str) -> Option<Role> {
        [Role::Pitcrew, Role::Floor, Role::Check]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// When this process is a child, runs its role and returns the exit code; `None` in the parent.
pub fn run_if_child() -> Option<ExitCode> {
    let role = Role::parse(&std::env::var(ROLE_VAR).ok()?)?;
    let code = match role {
        Role::Check => check(),
        Role::Pitcrew => on_runtime(pitcrew()),
        Role::Floor => on_runtime(async {
            init_logging("warn");
            super::floor::run(stdin_closed()).await
        }),
    };
    // The parent reads the figures of the whole life of the process from this line.
    let peak = procfs::peak_rss_kb("self").unwrap_or(0);
    let cpu = procfs::cpu_time("self").unwrap_or_default();
    println!("bench-child peak_rss_kb={peak} cpu_ms={}", cpu.as_millis());
    Some(code)
}

fn init_logging(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// The multi-threaded runtime every process of the benchmarks runs on, as `pitcrew run` does.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// A benchmark's `main`: the child role when this process is one, else `run` with the
/// command line parsed as `A`.
pub fn main<A, F>(run: impl FnOnce(A) -> F) -> ExitCode
where
    A: clap::Parser,
    F: std::future::Future<Output = ExitCode>,
{
    if let Some(code) = run_if_child() {
        return code;
    }
    let args = A::parse();
    runtime().block_on(run(args))
}

fn on_runtime(fut: impl std::future::Future<Output = Result<(), String>>) -> ExitCode {
    let rt = runtime();
    let result = rt.block_on(fut);
    drop(rt);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `pitcrew check`: the report, exit 1 on problems.
fn check() -> ExitCode {
    let dir = std::env::var("CONTENT_DIR").unwrap_or_else(|_| "content".into());
    let report = pitcrew::guide::check_dir(Path::new(&dir));
    println!("{report}");
    if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `pitcrew run`, stopped by closing its stdin instead of a signal.
async fn pitcrew() -> Result<(), String> {
    init_logging("warn,pitcrew=info");
    let config = pitcrew::config::Config::from_env().map_err(|e| e.to_string())?;
    let discord = config.discord().map_err(|e| e.to_string())?.clone();
    let library = pitcrew::guide::load_library(&config.content_dir).map_err(|e| e.to_string())?;
    let store = pitcrew::store::Store::open(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let desk = Arc::new(pitcrew::desk::Desk::new(library, store));
    let content = pitcrew::reload::LiveContent {
        dir: config.content_dir.clone(),
        watch: config.content_watch,
    };
    pitcrew::discord::run(&discord, desk, content, stdin_closed())
        .await
        .map_err(|e| e.to_string())
}

/// Resolves when the parent closes our stdin (or dies).
pub async fn stdin_closed() {
    let mut stdin = tokio::io::stdin();
    let mut buf = [0u8; 64];
    while let Ok(n) = stdin.read(&mut buf).await {
        if n == 0 {
            break;
        }
    }
}

/// What a child said about itself when it exited.
#[derive(Clone, Debug, Default)]
pub struct ChildReport {
    pub success: bool,
    /// Peak resident set over the child's whole life (its own `VmHWM`), KiB.
    pub peak_rss_kb: u64,
    pub cpu: Duration,
    pub stdout: String,
}

/// A bot (or `check`) running in a child process.
pub struct BotProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    pub pid: u32,
    pub started: Instant,
    pub log: PathBuf,
}

impl BotProcess {
    /// Starts this executable in `role` with `env` added; stderr goes to `log`.
    pub fn spawn(role: Role, env: &[(&str, String)], log: &Path) -> BotProcess {
        let exe = std::env::current_exe().expect("path of the running benchmark");
        let mut cmd = Command::new(exe);
        cmd.env(ROLE_VAR, role.as_str())
            .env_remove("DISCORD_GUILD_ID")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(File::create(log).expect("child log file"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let mut child = cmd.spawn().expect("start the bot process");
        let stdin = child.stdin.take();
        BotProcess {
            pid: child.id(),
            child,
            stdin,
            started,
            log: log.to_path_buf(),
        }
    }

    pub fn pid_str(&self) -> String {
        self.pid.to_string()
    }

    pub fn cpu(&self) -> Duration {
        procfs::cpu_time(&self.pid_str()).unwrap_or_default()
    }

    pub fn rss_kb(&self) -> u64 {
        procfs::rss_kb(&self.pid_str()).unwrap_or(0)
    }

    pub fn peak_rss_kb(&self) -> u64 {
        procfs::peak_rss_kb(&self.pid_str()).unwrap_or(0)
    }

    /// The last lines the child logged, for error messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }

    /// Closes the child's stdin (its signal to stop gracefully) and waits for it to exit.
    pub async fn stop(mut self) -> ChildReport {
        drop(self.stdin.take());
        let peak_seen = self.peak_rss_kb();
        let log = self.log_tail();
        tokio::task::spawn_blocking(move || {
            let mut stdout = String::new();
            if let Some(mut out) = self.child.stdout.take() {
                let _ = out.read_to_string(&mut stdout);
            }
            let status = self.child.wait().expect("wait for the bot process");
            let mut report = parse_report(&stdout);
            report.success = status.success();
            report.peak_rss_kb = report.peak_rss_kb.max(peak_seen);
            report.stdout = stdout;
            if !report.success {
                eprintln!(
                    "bench: child {} exited with {status}; its log:\n{log}",
                    self.pid
                );
            }
            report
        })
        .await
        .expect("join the waiter")
    }

    /// Waits for a child that ends by itself (`check`), returning its report and wall time.
    pub async fn finish(self) -> (ChildReport, Duration) {
        let started = self.started;
        let report = self.stop().await;
        (report, started.elapsed())
    }
}

fn parse_report(stdout: &str) -> ChildReport {
    let mut report = ChildReport::default();
    let Some(line) = stdout.lines().rev().find(|l| l.starts_with("bench-child ")) else {
        return report;
    };
    for kv in line.split_whitespace().skip(1) {
        match kv.split_once('=') {
            Some(("peak_rss_kb", v)) => report.peak_rss_kb = v.parse().unwrap_or(0),
            Some(("cpu_ms", v)) => {
                report.cpu = Duration::from_millis(v.parse().unwrap_or(0));
            }
            _ => {}
        }
    }
    report
}
