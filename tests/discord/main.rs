//! The Discord integration tests: one binary, so serenity and the fake server link once.

mod autocomplete;
mod backup;
mod binary;
mod car_flow;
mod fake;
mod fake_selftest;
mod forged;
mod handoff_cards;
mod handoff_flow;
mod handoff_lang;
mod handoff_modals;
mod handoff_setup;
mod handoff_timers;
mod harness;
mod hostile;
mod invite;
mod language;
mod lifecycle;
mod limits;
mod permissions;
mod region;
mod registration;
mod shutdown;
mod slow_commands;
mod triage_flow;
mod unguided;
