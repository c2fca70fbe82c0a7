//! The binary's operator commands: `doctor`, `invite`, `backup`, `restore`, `migrate-data`,
//! `forget`. Each
//! prints what it did, or what to fix, and picks the exit code (see `main.rs`).

use std::path::PathBuf;
use std::process::ExitCode;

use pitcrew::config::Config;
use pitcrew::discord::{self, RunError};
use pitcrew::domain::{Clock, Member, SystemClock, UserId};
use pitcrew::store::{self, MigrateDataError, Store, FORGOTTEN_USER};

/// `pitcrew doctor`: the report on stdout; exit 1 when any check failed.
pub(crate) async fn doctor(config: Config) -> ExitCode {
    let lines = pitcrew::doctor::checks(&config).await;
    for line in &lines {
        println!("{line}");
    }
    if lines.iter().all(|l| l.outcome.is_ok()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `pitcrew invite`: the link on stdout, alone, so it can be piped or copied.
pub(crate) async fn invite(config: Config) -> ExitCode {
    let discord = match config.discord() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match discord::invite_link(discord).await {
        Ok(link) => {
            println!("{link}");
            ExitCode::SUCCESS
        }
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

/// `pitcrew backup FILE`: one line saying what the copy holds, or what to fix.
pub(crate) async fn backup(config: Config, file: PathBuf) -> ExitCode {
    match store::backup(&config.database_url, &file).await {
        Ok(report) => {
            println!("{}: backup written ({report})", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `pitcrew restore FILE`: the copy is checked, and the database must not be in use.
pub(crate) async fn restore(config: Config, file: PathBuf) -> ExitCode {
    match store::restore(&file, &config.database_url).await {
        Ok(report) => {
            println!(
                "{} restored from {} ({report})",
                config.database_url,
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `pitcrew migrate-data --from URL`: one line per table copied, or what to fix (exit 2 for
/// a setting or flag, 1 for a database that failed).
pub(crate) async fn migrate_data(config: Config, from: String) -> ExitCode {
    match store::migrate_data(&from, &config.database_url).await {
        Ok(copied) => {
            for c in &copied {
                println!("{:<20} {:>8} rows", c.table, c.rows);
            }
            println!(
                "Copied {from} into DATABASE_URL; start the bot on DATABASE_URL, and keep the \
                 SQLite file until you are happy."
            );
            ExitCode::SUCCESS
        }
        Err(
            e @ (MigrateDataError::SourceNotSqlite { .. }
            | MigrateDataError::SourceMissing { .. }
            | MigrateDataError::TargetNotPostgres { .. }
            | MigrateDataError::TargetNotEmpty { .. }),
        ) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `pitcrew forget --user ID`: asks first (unless `--yes`), then says what was cleared and,
/// plainly, what it could not reach (the cards already posted on Discord).
pub(crate) async fn forget(config: Config, user: u64, yes: bool) -> ExitCode {
    if user == FORGOTTEN_USER.get() {
        eprintln!("error: --user {user} is not a Discord user id");
        return ExitCode::from(2);
    }
    if !yes {
        print!(
            "Forget Discord user {user}? Their notes, descriptions and saved car in {} are \
             deleted for good. Type yes to go ahead: ",
            config.database_url
        );
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer).is_err() || answer.trim() != "yes" {
            println!("\nNothing was changed.");
            return ExitCode::SUCCESS;
        }
    }
    let store = match Store::open(&config.database_url).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let now = SystemClock.now();
    let result = store
        .forget_member(&Member::Discord(UserId(user)), now)
        .await;
    store.close().await;
    let done = match result {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Forgot Discord user {user}: {} session(s) and {} handoff(s) cleared, {} claim(s) \
         released, {}.",
        done.sessions,
        done.handoffs.len(),
        done.released.len(),
        if done.car {
            "saved car deleted"
        } else {
            "no saved car"
        }
    );
    let cards: Vec<String> = done
        .handoffs
        .iter()
        .chain(&done.released)
        .filter_map(|h| {
            Some(format!(
                "channel {} message {}",
                h.card_channel?, h.card_message?
            ))
        })
        .collect();
    if !cards.is_empty() {
        println!(
            "The handoff cards already posted on Discord keep their text until someone edits \
             or deletes them:"
        );
        for card in cards {
            println!("  {card}");
        }
    }
    ExitCode::SUCCESS
}
