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
