//! `bench_load`'s figures as the JSON line and the verdict against its targets.

use serde_json::{json, Value};

use super::members::{Figures, Window};
use super::procfs::mb;
use super::stats::{ms, round, us};

/// One bot over all its rounds: its windows, the peak memory of its processes, the Discord
/// rules it broke.
pub struct Measured {
    pub saturated: Vec<Window>,
    pub paced: Vec<Window>,
    /// The highest `VmHWM` of the bot's processes, KiB.
    pub peak_rss_kb: u64,
    /// Resident set once connected and registered, before any member came, KiB.
    pub idle_rss_kb: u64,
    pub violations: usize,
    pub exited_cleanly: bool,
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
    pub fn errors(&self) -> usize {
        Figures::of(&self.saturated).errors + Figures::of(&self.paced).errors
    }
}

pub fn figures_json(f: &Figures) -> Value {
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
        "db_cpu_us_per_interaction": round(us(f.db_cpu_per_interaction), 0),
        "bot_thread_sleeps_per_interaction": round(f.bot_sleeps_per_interaction, 1),
        "driver_cpu_us_per_interaction": round(us(f.driver_cpu_per_interaction), 0),
    })
}

pub fn bot_json(m: &Measured) -> Value {
    let mut v = figures_json(&Figures::of(&m.saturated));
    if !m.paced.is_empty() {
        v["paced"] = figures_json(&Figures::of(&m.paced));
    }
    v["peak_rss_mb"] = json!(round(mb(m.peak_rss_kb), 1));
    v["idle_rss_mb"] = json!(round(mb(m.idle_rss_kb), 1));
    v["violations"] = json!(m.violations);
    v
}

/// The run's JSON line: `header` (what ran), each bot's figures, the ratios and the targets.
pub fn summary(header: Value, pitcrew: Option<&Measured>, floor: Option<&Measured>) -> Value {
    let mut out = header;
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

pub fn print_verdict(summary: &Value) {
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
