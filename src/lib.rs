//! pitcrew: calm, safety-first roadside triage for car clubs, on Discord and in a terminal.
//!
//! Module map (dependencies point downwards only; `tests/architecture.rs` holds the tree to it):
//!
//! - [`region`]: countries and their emergency, police and roadside numbers (with the official
//!   source of each), and the placeholders guides write instead of them. Uses nothing else, so
//!   guides, the engine, the domain and both front ends can all draw on it.
//! - [`domain`]: typed ids, time and the clock, member and scope, the member's car, the walk's
//!   state and guide version, session and handoff records, the leases of once-only work. Below all the others but `region`.
//! - [`guide`]: guides as TOML files and their translations beside them: the model, the loader,
//!   the checker (`pitcrew check`), the languages ([`guide::Lang`]), free-text ranking, the
//!   words that make a member's post read as an emergency, and
//!   car conditions (`when`) and whether a car fits them, and guide text cut short for a
//!   small space (`guide::words`). Reads files, nothing else.
//! - [`i18n`]: the bot's own words per language, from the Fluent files in `locales/` embedded
//!   in the binary; knows only [`guide::Lang`], the languages a member can read.
//! - [`triage`]: the engine. Pure functions from (guide, state, input, the member's car) to
//!   (state, view), and the view in the member's language (the engine's own words, such as
//!   navigation and notices, from [`i18n`]). No Discord, no SQL, no clock.
//! - [`insight`]: the figures (`pitcrew stats`): starts, outcomes, drop-off per node, traffic
//!   per edge, handoff times, from plain rows the store reads; pure arithmetic, `now` passed
//!   in. Below `store`, which fills its row types; uses `domain` and `guide` (titles).
//! - [`picture`]: pictures for moderators, pure like the engine: a guide's funnel chart and
//!   its decision graph (laid out by `layout-rs`), as SVG and as PNG through `resvg` with
//!   one embedded font. Takes plain figures (and converts [`insight`]'s, `picture::figures`);
//!   knows guides and [`i18n`].
//! - [`store`]: the only place with SQL: sessions, the append-only answer log, handoffs, server
//!   setup, members' cars, leases, migrations; one API over two backends, SQLite (embedded,
//!   one process) and PostgreSQL (shared by processes on shard ranges), chosen by
//!   `DATABASE_URL`; `pitcrew migrate-data` copies the one into the other.
//! - [`desk`]: the application service both front ends call: starts, resumes and advances
//!   sessions by joining the engine to the store; it holds the running set of guides (swapped
//!   whole by a reload, one snapshot per interaction), the store and the clock.
//! - [`reload`]: live content: reloads and checks the guides while the bot runs and swaps
//!   them into the desk whole, on a change in the content folder (a watcher) or on request.
//! - [`handoff`]: the volunteer handoff as a service over the desk: claim, release, transfer,
//!   resolve, rate, cancel and reminders, talking to the platform through a port trait; also
//!   the card's content, the reminder schedule and the texts.
//! - [`retention`]: the daily task that anonymises finished sessions and closed handoffs
//!   after `RETENTION_DAYS`, on the desk's clock; the Discord front end spawns it.
//! - [`config`]: settings from the environment, loaded once, errors name the setting (the
//!   gateway's shards and intents in `config_gateway.rs`).
//! - [`chat`]: the terminal front end (`pitcrew chat`): the conversation, and what it shows
//!   (`chat::screen`) in the language of `--lang`.
//! - [`doctor`]: `pitcrew doctor`, the operator's checks from settings to Discord, one line
//!   each; above `discord`, `store` and `guide`, which it asks.
//! - [`discord`]: the Discord front end, the forum helper included; the only module with
//!   serenity types, and the one that implements the handoff port. Its screens take their
//!   region from the server's setup, else
//!   the member's locale (`discord::region`).
pub mod chat;
pub mod config;
pub mod desk;
pub mod discord;
pub mod doctor;
pub mod domain;
pub mod guide;
pub mod handoff;
pub mod i18n;
pub mod insight;
pub mod picture;
pub mod region;
pub mod reload;
pub mod retention;
pub mod store;
pub mod triage;
