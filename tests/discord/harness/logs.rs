//! The bot's log, captured in memory for assertions such as "logged once, not on every press".
//!
//! One subscriber serves the whole test binary (the bot runs in-process), so tests running in
//! parallel share the capture; each test picks its own events by a field only it could have
//! produced (its guild id, say).

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Mutex;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{EnvFilter, Targets};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::prelude::*;

/// One event the bot logged.
#[derive(Clone, Debug)]
pub struct Logged {
    pub level: Level,
    pub message: String,
    /// The event's other fields, as text (`Display` ones without quotes).
    pub fields: BTreeMap<String, String>,
}

static LOGGED: Mutex<Vec<Logged>> = Mutex::new(Vec::new());

/// `RUST_LOG=pitcrew=debug cargo test --test discord -- --nocapture` shows the bot's side;
/// pitcrew's own events at INFO and above are captured whatever `RUST_LOG` says.
pub fn init() {
    let shown = tracing_subscriber::fmt::layer()
        .with_test_writer()
        .with_filter(EnvFilter::from_default_env());
    let captured = Capture.with_filter(Targets::new().with_target("pitcrew", Level::INFO));
    let _ = tracing_subscriber::registry()
        .with(shown)
        .with(captured)
        .try_init();
}

/// Every captured event `keep` accepts, oldest first.
pub fn logged(keep: impl Fn(&Logged) -> bool) -> Vec<Logged> {
    LOGGED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|e| keep(e))
        .cloned()
        .collect()
}

struct Capture;

impl<S: Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let message = fields.0.remove("message").unwrap_or_default();
        let logged = Logged {
            level: *event.metadata().level(),
            message,
            fields: fields.0,
        };
        LOGGED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(logged);
    }
}

#[derive(Default)]
struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0
            .insert(field.name().to_string(), format!("{value:?}"));
    }
}
