//! pitcrew: calm, safety-first roadside triage for car clubs, on Discord and in a terminal.
//!
//! Module map (dependencies point downwards only; `tests/architecture.rs` holds the tree to it):
//!
//! - [`domain`]: typed ids, time and the clock, member and scope, session and handoff records.
//!   Below all the others.
//! - [`guide`]: guides as TOML files and their translations beside them: the model, the loader,
//!   the checker (`pitcrew check`), the languages ([`guide::Lang`]) and
//!   free-text ranking. Reads files, nothing else.
//! - [`i18n`]: the bot's own words per language, from the Fluent files in `locales/` embedded
//!   in the binary; knows only [`guide::Lang`], the languages a member can read.
//! - [`triage`]: the engine. Pure functions from (guide, state, input) to (state, view). No
//!   Discord, no SQL, no clock.
//! - [`store`]: the only place with SQL: sessions, the append-only answer log, handoffs, server
//!   setup, migrations.
//! - [`desk`]: the application service both front ends call: starts, resumes and advances
//!   sessions by joining the engine to the store; it holds the library, the store and the clock.
//! - [`handoff`]: the volunteer handoff as a service over the desk: claim, release, transfer,
//!   resolve, rate, cancel and reminders, talking to the platform through a port trait; also
//!   the card's content, the reminder schedule and the texts.
//! - [`config`]: settings from the environment, loaded once, errors name the setting.
//! - [`chat`]: the terminal front end (`pitcrew chat`).
//! - [`discord`]: the Discord front end; the only module with serenity types, and the one that
//!   implements the handoff port.
pub mod chat;
pub mod config;
pub mod desk;
pub mod discord;
pub mod domain;
pub mod guide;
pub mod handoff;
pub mod i18n;
pub mod store;
pub mod triage;
