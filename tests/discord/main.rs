//! The Discord integration tests: one binary, so serenity and the fake server link once.

mod autocomplete;
mod binary;
mod car_flow;
mod fake;
mod fake_selftest;
mod forged;
mod forum;
mod handoff_cards;
mod handoff_flow;
mod handoff_lang;
mod handoff_lang_server;
mod handoff_modals;
mod handoff_setup;
mod handoff_timers;
mod harness;
mod hostile;
mod language;
mod lifecycle;
mod limits;
mod live_content;
mod region;
mod registration;
mod shutdown;
mod slow_commands;
mod triage_flow;
mod unguided;
