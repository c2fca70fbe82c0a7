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
