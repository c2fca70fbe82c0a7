//! Shared pieces of the benchmarks (`bench_load`, `bench_store`): the bots as child processes,
//! the floor bot, simulated members, generated guides and the figures.
//!
//! Each example uses a different subset, so unused helpers are expected here, as in the fake.
#![allow(dead_code)]

pub mod child;
pub mod deploy;
pub mod floor;
pub mod guides;
pub mod history;
pub mod members;
pub mod procfs;
pub mod ready;
pub mod report;
pub mod stats;
