//! The bot's own backups: one a day into a folder (`BACKUP_DIR`), keeping the newest N
//! (`BACKUP_KEEP`). Each file is named for the time it was taken, in UTC
//! (`pitcrew-20261203T180500Z.db`), so the folder sorts by age and the next start knows
//! when the last one was taken: a bot restarted every few hours still backs up once a day,
//! not never (waiting a full day after each start) nor at each start (pushing the older
//! backups out).
//!
//! Time comes from the desk's clock (the names, whether one is due) and tokio's timer (the
//! wait), so a test with paused time runs days in no time.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::BackupError;
use crate::domain::{Clock, Timestamp};
use crate::store::Store;

/// How often a backup is taken.
pub const DAILY: Duration = Duration::from_secs(24 * 60 * 60);

/// After a failed backup (a full disk, a missing folder), the next try; not at once, or a
/// lasting fault would fill the log.
const RETRY: Duration = Duration::from_secs(60 * 60);

const PREFIX: &str = "pitcrew-";
const SUFFIX: &str = "Z.db";

/// `pitcrew-YYYYMMDDTHHMMSSZ.db` for `at`, in UTC.
pub fn backup_name(at: Timestamp) -> String {
    let secs = at.unix_seconds();
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{PREFIX}{y:04}{m:02}{d:02}T{:02}{:02}{:02}{SUFFIX}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// The time a file named by [`backup_name`] was taken; `None` for any other file (a backup
/// still being written ends in `.partial`).
pub fn taken_at(name: &str) -> Option<Timestamp> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (date, time) = stamp.split_once('T')?;
    if date.len() != 8
        || time.len() != 6
        || !stamp.replace('T', "").bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let num = |s: &str| s.parse::<i64>().ok();
    let days = days_from_civil(num(&date[..4])?, num(&date[4..6])?, num(&date[6..])?);
    let secs = num(&time[..2])? * 3600 + num(&time[2..4])? * 60 + num(&time[4..])?;
    Some(Timestamp((days * 86_400 + secs) * 1000))
}

/// The backups in `dir`, oldest first.
fn backups_in(dir: &Path) -> std::io::Result<Vec<(Timestamp, PathBuf)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(at) = entry.file_name().to_str().and_then(taken_at) {
            found.push((at, entry.path()));
        }
    }
    found.sort();
    Ok(found)
}

/// Takes one backup into `dir`, named for `now`, then deletes all but the newest `keep`
/// (at least one: the one just taken). Returns the new file.
pub async fn take_daily_backup(
    store: &Store,
    dir: &Path,
    keep: usize,
    now: Timestamp,
) -> Result<PathBuf, BackupError> {
    let dest = dir.join(backup_name(now));
    store.backup_to(&dest).await?;
    let io = |e: std::io::Error| BackupError::Write {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    };
    let all = backups_in(dir).map_err(io)?;
    let old = all.len().saturating_sub(keep.max(1));
    for (_, path) in &all[..old] {
        std::fs::remove_file(path).map_err(io)?;
    }
    Ok(dest)
}

/// Takes a backup whenever one is due (a day after the newest in `dir`, at once when there is
/// none) until `stop` is cancelled; a backup under way when it is finishes first.
pub async fn run_daily_backups(
    store: Store,
    dir: PathBuf,
    keep: usize,
    clock: Arc<dyn Clock>,
    stop: CancellationToken,
) {
    let mut retry_at: Option<Timestamp> = None;
    loop {
        let now = clock.now();
        let due = retry_at.unwrap_or_else(|| match backups_in(&dir) {
            Ok(all) => all.last().map_or(now, |(at, _)| at.plus(DAILY)),
            // Tried now, so the failure is logged with its reason and retried later.
            Err(_) => now,
        });
        tokio::select! {
            _ = tokio::time::sleep(now.until(due)) => {}
            _ = stop.cancelled() => break,
        }
        let now = clock.now();
        match take_daily_backup(&store, &dir, keep, now).await {
            Ok(path) => {
                retry_at = None;
                tracing::info!(file = %path.display(), "daily backup taken");
            }
            Err(e) => {
                retry_at = Some(now.plus(RETRY));
                tracing::error!(error = %e, "daily backup failed (BACKUP_DIR); trying again in an hour");
            }
        }
    }
}

/// Year, month, day of the proleptic Gregorian calendar for days since 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The inverse of [`civil_from_days`].
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_utc_times_that_read_back() {
        // 2026-12-03 18:05:00 UTC.
        let at = Timestamp(1_796_321_100_000);
        assert_eq!(backup_name(at), "pitcrew-20261203T180500Z.db");
        assert_eq!(taken_at(&backup_name(at)), Some(at));
        assert_eq!(backup_name(Timestamp(0)), "pitcrew-19700101T000000Z.db");
        for other in [
            "pitcrew.db",
            "pitcrew-20261203T180500Z.db.partial",
            "pitcrew-2026120xT180500Z.db",
        ] {
            assert_eq!(taken_at(other), None, "{other}");
        }
    }
}
