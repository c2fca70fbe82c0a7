//! Percentiles and number formatting for the reports.

use std::time::Duration;

/// Nearest-rank percentile of an ascending slice (`p` in 0..=100); zero when empty.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000_000.0
}

/// Rounds for JSON: figures with more digits than the machine's noise only mislead.
pub fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Median of a small set of measurements.
pub fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    percentile(&xs, 50.0)
}
