//! What Linux says about a process: peak resident memory and CPU time, from `/proc`.

use std::time::Duration;

/// Linux reports utime/stime in USER_HZ ticks, which is 100 on every architecture it runs on.
const TICKS_PER_SECOND: u64 = 100;

/// `VmHWM` (peak resident set) of `pid` in KiB; `"self"` for this process.
pub fn peak_rss_kb(pid: &str) -> Option<u64> {
    status_kb(pid, "VmHWM:")
}

/// `VmRSS` (resident set now) of `pid` in KiB.
pub fn rss_kb(pid: &str) -> Option<u64> {
    status_kb(pid, "VmRSS:")
}

fn status_kb(pid: &str, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// User + system CPU time of `pid` (all its threads, exited ones included).
pub fn cpu_time(pid: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may contain spaces; fields are counted after its `)`.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
}

/// CPU time of every process whose command is `name` (all of a PostgreSQL server's
/// backends: `postgres`), by pid.
pub fn cpu_by_command(name: &str) -> std::collections::HashMap<u32, Duration> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Default::default();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == name)
        })
        .filter_map(|pid| Some((pid, cpu_time(&pid.to_string())?)))
        .collect()
}

/// The CPU time spent between two [`cpu_by_command`] readings: a process that started in
/// between counts whole, one that ended in between is lost (connections here live for the
/// whole run).
pub fn spent_between(
    before: &std::collections::HashMap<u32, Duration>,
    after: &std::collections::HashMap<u32, Duration>,
) -> Duration {
    after
        .iter()
        .map(|(pid, t)| t.saturating_sub(before.get(pid).copied().unwrap_or_default()))
        .sum()
}

pub fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// Voluntary context switches (a thread going to sleep: waiting for a lock, a channel, I/O) of
/// every live thread of `pid`; involuntary ones depend on the neighbours, not on us. Threads
/// that exited are not counted, so take it over windows where the threads of interest live on.
pub fn context_switches(pid: &str) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
        .map(|status| {
            status
                .lines()
                .filter(|l| l.starts_with("voluntary_ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}
