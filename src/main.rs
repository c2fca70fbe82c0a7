//! The `pitcrew` binary: a thin shell over the library. Exit codes: 0 fine, 1 a problem with
//! content, the database or Discord at run time, 2 a setting or argument to fix.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use pitcrew::chat::{Chat, ChatEnd};
use pitcrew::config::Config;
use pitcrew::desk::Desk;
use pitcrew::discord::{self, RunError};
use pitcrew::domain::{Car, Member, Region};
use pitcrew::guide::Lang;
use pitcrew::guide::{self, LoadError};
use pitcrew::reload::LiveContent;
use pitcrew::store::Store;

#[derive(Parser)]
#[command(
    name = "pitcrew",
    version,
    about = "Calm, safety-first roadside triage for car clubs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every guide and list each problem as FILE:LINE:COL.
    Check {
        /// Folder of guide files (default: CONTENT_DIR, or ./content).
        #[arg(long)]
        content: Option<PathBuf>,
    },
    /// Draw a guide's decision graph: every node marked by its kind, every choice an arrow.
    ///
    /// Without --out the SVG goes to stdout; FILE.png for a picture Discord shows.
    Graph {
        /// Guide id (as in `pitcrew chat`).
        guide: String,
        /// Where to write the picture: FILE.svg or FILE.png.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The language of the legend (en, de; default: PITCREW_LANG, else English).
        #[arg(long)]
        lang: Option<Lang>,
        /// Folder of guide files (default: CONTENT_DIR, or ./content).
        #[arg(long)]
        content: Option<PathBuf>,
        /// Draw the traffic of the guides started this far back (30d, 24h; from DATABASE_URL).
        #[arg(long, value_parser = stats::parse_since)]
        since: Option<std::time::Duration>,
    },
    /// Walk a guide in the terminal, exactly as a member would in Discord.
    Chat {
        /// Guide id; without it, pick from a list or describe the problem.
        guide: Option<String>,
        /// Whose session this is (sessions are saved per user).
        #[arg(long, default_value = "you")]
        user: String,
        /// Whose emergency numbers to show: US, CA, GB (or UK), IE, DE, AT, CH, FR, NL, BE,
        /// ES, IT, AU, NZ or OTHER (default: PITCREW_REGION; without it, all side by side).
        #[arg(long)]
        region: Option<Region>,
        /// Your car in one line, `MAKE [MODEL] [YEAR] [KEY]`, e.g. "MINI Cooper 2006 clamshell";
        /// saved for --user like Discord's `/car set`, so guides skip what it answers.
        #[arg(long)]
        car: Option<Car>,
        /// Read the guide in this language (en, de); text not yet translated shows in the
        /// guide's own. Not taken from LANG: a preview should not change with the machine.
        /// (default: PITCREW_LANG; without it, the guide's own language).
        #[arg(long)]
        lang: Option<Lang>,
    },
    /// Translations: write a skeleton for a new language, or re-stamp a reviewed one.
    ///
    /// `pitcrew translate GUIDE_ID --lang de` writes content/GUIDE.de.toml;
    /// `pitcrew translate --stamp content/GUIDE.de.toml` records that it matches the guide now.
    Translate {
        /// The guide to write a skeleton for (with --lang).
        guide: Option<String>,
        /// The skeleton's language.
        #[arg(long)]
        lang: Option<Lang>,
        /// Translation files whose source hashes to bring up to date after a review.
        #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["guide", "lang"])]
        stamp: Vec<PathBuf>,
        /// Folder of guide files (default: CONTENT_DIR, or ./content).
        #[arg(long)]
        content: Option<PathBuf>,
    },
    /// Start the Discord bot (needs DISCORD_TOKEN). Stops cleanly on SIGINT/SIGTERM.
    Run,
    /// Check settings, content, the database and Discord, one line each with the fix for what
    /// fails; exit 1 when something members would notice is broken.
    Doctor,
    /// Print the link that adds the bot to a server, with exactly the permissions it uses
    /// (needs DISCORD_TOKEN).
    Invite,
    /// Write a consistent copy of the database (DATABASE_URL) to FILE; safe while the bot runs.
    Backup {
        /// Where to write the copy; must not exist yet.
        file: PathBuf,
    },
    /// Replace the database (DATABASE_URL) with a backup, after checking it. Stop the bot first:
    /// a database in use is refused.
    Restore {
        /// The backup to restore (from `pitcrew backup` or BACKUP_DIR).
        file: PathBuf,
    },
    /// Copy a club's SQLite data into a new, empty PostgreSQL database (DATABASE_URL), ids
    /// and all, in one transaction; stop the bot first. Then run the bot on DATABASE_URL.
    MigrateData {
        /// The club's SQLite database, e.g. sqlite://pitcrew.db (the old DATABASE_URL).
        #[arg(long, value_name = "URL")]
        from: String,
    },
    /// Forget a Discord member on request: their notes, descriptions and saved car are
    /// deleted, their sessions and handoffs kept for the figures without their id.
    Forget {
        /// The member's Discord user id (Developer Mode → right-click → Copy User ID).
        #[arg(long, value_name = "ID")]
        user: u64,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Figures per guide: starts, outcomes, "did this fix it?", where members leave, and how
    /// fast volunteers pick up handoffs.
    Stats {
        /// Only this guide (default: every guide, and all together).
        #[arg(long)]
        guide: Option<String>,
        /// How far back: sessions started in the last 30d, 24h, 7d, 90m, 2w…
        #[arg(long, default_value = "30d", value_parser = stats::parse_since)]
        since: std::time::Duration,
        /// table, csv (the full table) or json.
        #[arg(long, value_enum, default_value = "table")]
        format: stats::Format,
    },
}

#[path = "main_content.rs"]
mod content_cmd;
use content_cmd::{check, translate};

#[path = "main_graph.rs"]
mod graph_cmd;

#[path = "main_ops.rs"]
mod ops;
use ops::{backup, doctor, forget, invite, migrate_data, restore};
#[path = "main_stats.rs"]
mod stats;

fn main() -> ExitCode {
    // A missing .env is normal; a broken one is worth saying.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("warning: .env could not be read: {e}");
        }
    }
    init_logging();
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            // The doctor says it in its own words: the first line of its report.
            if matches!(cli.command, Command::Doctor) {
                println!("FAIL  settings: {e}");
                return ExitCode::FAILURE;
            }
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Check { content } => check(&content.unwrap_or(config.content_dir)),
        Command::Graph {
            guide,
            out,
            lang,
            content,
            since,
        } => {
            let lang = lang.or(config.lang);
            let mut config = config;
            if let Some(dir) = content {
                config.content_dir = dir;
            }
            with_runtime(graph_cmd::graph(config, guide, out, lang, since))
        }
        Command::Chat {
            guide,
            user,
            region,
            car,
            lang,
        } => with_runtime(chat(config, guide, user, region, car, lang)),
        Command::Translate {
            guide,
            lang,
            stamp,
            content,
        } => translate(&content.unwrap_or(config.content_dir), guide, lang, &stamp),
        Command::Run => with_runtime(run(config)),
        Command::Invite => with_runtime(invite(config)),
        Command::Doctor => with_runtime(doctor(config)),
        Command::Backup { file } => with_runtime(backup(config, file)),
        Command::Restore { file } => with_runtime(restore(config, file)),
        Command::MigrateData { from } => with_runtime(migrate_data(config, from)),
        Command::Forget { user, yes } => with_runtime(forget(config, user, yes)),
        Command::Stats {
            guide,
            since,
            format,
        } => with_runtime(stats::stats(config, guide, since, format)),
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,pitcrew=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn with_runtime(fut: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(fut),
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Loads and checks the content, then opens the store: what every front end needs first.
async fn open_desk(config: &Config) -> Result<Desk, ExitCode> {
    let library = match guide::load_library(&config.content_dir) {
        Ok(l) => l,
        Err(LoadError::Invalid(problems)) => {
            eprintln!(
                "error: the guides in {} have problems:",
                config.content_dir.display()
            );
            for p in &problems {
                eprintln!("{p}");
            }
            return Err(ExitCode::FAILURE);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::FAILURE);
        }
    };
    for w in library.warnings() {
        tracing::warn!("{w}");
    }
    match Store::open(&config.database_url).await {
        Ok(store) => Ok(Desk::new(library, store).with_retention(config.retention_days)),
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

async fn chat(
    config: Config,
    guide: Option<String>,
    user: String,
    region: Option<Region>,
    car: Option<Car>,
    lang: Option<Lang>,
) -> ExitCode {
    let desk = match open_desk(&config).await {
        Ok(d) => d,
        Err(code) => return code,
    };
    if let Some(car) = car {
        if let Err(e) = desk.save_car(&Member::Local(user.clone()), &car).await {
            eprintln!("error: your car could not be saved: {e}");
            desk.store().close().await;
            return ExitCode::FAILURE;
        }
        println!("Your car: {car}. Guides skip the questions it answers.");
    }
    let stdin = tokio::io::BufReader::new(tokio::io::stdin());
    // The flag, else the setting; without either the numbers stand side by side (the system
    // locale is not used: servers and containers default to en_US wherever they are).
    let region = region.or(config.region).unwrap_or(Region::Other);
    let lang = lang.or(config.lang).unwrap_or(Lang::GUIDES);
    let result = Chat::new(&desk, &user, stdin, std::io::stdout())
        .in_region(region)
        .in_lang(lang)
        .run(guide.as_deref())
        .await;
    desk.store().close().await;
    match result {
        Ok(ChatEnd::Quit) => ExitCode::SUCCESS,
        Ok(ChatEnd::UnknownGuide) => ExitCode::from(2),
        Err(e) => {
            tracing::error!(error = %e, "chat failed");
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> ExitCode {
    let discord = match config.discord() {
        Ok(d) => d.clone(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let desk = match open_desk(&config).await {
        Ok(d) => Arc::new(d),
        Err(code) => return code,
    };
    let content = LiveContent {
        dir: config.content_dir.clone(),
        watch: config.content_watch,
    };
    match discord::run_with(
        &discord,
        desk,
        content,
        config.backups.as_ref(),
        shutdown_signal(),
    )
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ RunError::TokenRejected { .. }) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM (service managers, containers).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                return;
            }
            Err(e) => tracing::warn!(error = %e, "SIGTERM cannot be caught; stop with Ctrl-C"),
        }
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        tracing::warn!(error = %e, "Ctrl-C cannot be caught either; stop the process to end");
        std::future::pending::<()>().await;
    }
}
