//! The world a handoff-service test runs in: a shipped guide, a real SQLite file, a server set
//! up with volunteers, the service over a recording port, and paused tokio time held still.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use pitcrew::desk::Desk;
use pitcrew::domain::time::TokioClock;
use pitcrew::domain::{
    ChannelId, GuildId, GuildSetup, Handoff, Member, Ready, RoleId, Scope, UserId,
};
use pitcrew::guide::{load_library, Lang};
use pitcrew::handoff::{CardOutcome, Handoffs, Prepared, PressedBy};
use pitcrew::store::Store;
use tokio::sync::Notify;

use crate::recorder::Recorder;

pub const GUILD: GuildId = GuildId(10);
pub const ROLE: RoleId = RoleId(30);
pub const CARDS: ChannelId = ChannelId(40);
pub const HELP: ChannelId = ChannelId(50);
pub const MEMBER: UserId = UserId(60);
pub const ADA: UserId = UserId(70);
pub const BEN: UserId = UserId(71);
pub const INTERVAL: Duration = Duration::from_secs(600);
pub const GUIDE: &str = "bmw-keys-locked";

pub struct World {
    _dir: tempfile::TempDir,
    /// The database's URL, for a second process's store on the same database.
    pub url: String,
    _busy: Busy,
    pub desk: Arc<Desk>,
    pub port: Recorder,
    pub service: Handoffs<Recorder>,
}

impl World {
    pub async fn new() -> World {
        let busy = Busy::start();
        let dir = tempfile::tempdir().unwrap();
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let library = load_library(&content).expect("shipped content");
        // A SQLite file, or a PostgreSQL schema on the PostgreSQL run (`support/db.rs`).
        let url = crate::db::fresh_url(&dir).await;
        let store = Store::open(&url).await.expect("store");
        let desk = Arc::new(Desk::with_clock(
            library,
            store,
            Arc::new(TokioClock::new()),
        ));
        let setup = GuildSetup {
            volunteer_role: Some(ROLE),
            cards_channel: Some(CARDS),
            help_channel: Some(HELP),
            renotify: INTERVAL,
            // A British club: the texts posted in its threads give 999.
            region: Some(pitcrew::domain::Region::Gb),
            ..GuildSetup::new(GUILD)
        };
        desk.store()
            .save_guild_setup(&setup, desk.now())
            .await
            .unwrap();
        let port = Recorder::default();
        let service = Handoffs::new(desk.clone(), port.clone(), Arc::new(Notify::new()));
        World {
            _dir: dir,
            url: url.clone(),
            _busy: busy,
            desk,
            port,
            service,
        }
    }

    /// Another bot process on the same database: its own store, desk (on the same paused
    /// tokio time) and recording port.
    pub async fn second_process(&self) -> (Recorder, Handoffs<Recorder>) {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let library = load_library(&content).expect("shipped content");
        let store = Store::open(&self.url).await.expect("second store");
        let desk = Arc::new(Desk::with_clock(library, store, self.desk.clock()));
        let port = Recorder::default();
        let service = Handoffs::new(desk, port.clone(), Arc::new(Notify::new()));
        (port, service)
    }

    /// A handoff stored for a fresh walk, not yet delivered.
    pub async fn prepared(&self) -> (Handoff, Ready) {
        let scope = Scope::Guild {
            guild: GUILD,
            channel: ChannelId(20),
        };
        let (session, _) = self
            .desk
            .start(&Member::Discord(MEMBER), &scope, GUIDE)
            .await
            .unwrap();
        match self
            .service
            .prepare(&session, false, Lang::En)
            .await
            .unwrap()
        {
            Prepared::Opened { handoff, ready } => (*handoff, ready),
            other => panic!("expected a handoff, got {other:?}"),
        }
    }

    /// A delivered handoff (thread and card made), with the port's record cleared.
    pub async fn opened(&self) -> Handoff {
        let (h, ready) = self.prepared().await;
        assert!(self.service.deliver_prepared(&h, &ready, "Sam").await);
        self.port.clear();
        self.stored(&h).await
    }

    pub async fn stored(&self, h: &Handoff) -> Handoff {
        self.desk.store().handoff(h.id).await.unwrap().unwrap()
    }

    pub async fn problem(&self) -> Option<String> {
        let setup = self.desk.store().guild_setup(GUILD).await.unwrap();
        setup.and_then(|s| s.permission_problem)
    }
}

/// Keeps paused time still until a test advances it. With nothing runnable, tokio would jump
/// paused time to the next timer while SQLite works on its own threads: a connection pool's
/// acquire timeout would fire, or the clock would drift by the WAL checkpoint's ticks.
struct Busy(tokio::task::JoinHandle<()>);

impl Busy {
    fn start() -> Busy {
        Busy(tokio::spawn(async {
            loop {
                tokio::task::yield_now().await;
            }
        }))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Lets other tasks run until `done` holds (the reminder loop working through SQLite).
pub async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let give_up = std::time::Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(
            std::time::Instant::now() < give_up,
            "never happened: {what}"
        );
        tokio::task::yield_now().await;
    }
}

pub fn volunteer(user: UserId) -> PressedBy {
    PressedBy {
        user,
        roles: vec![ROLE],
    }
}

pub fn changed(outcome: CardOutcome) -> Handoff {
    match outcome {
        CardOutcome::Changed(view) => view.handoff,
        other => panic!("expected a changed card, got {other:?}"),
    }
}

pub fn thread(h: &Handoff) -> ChannelId {
    h.thread.expect("a delivered handoff has a thread")
}

pub fn reminders(w: &World) -> Vec<String> {
    w.port
        .said_in(CARDS)
        .into_iter()
        .filter(|t| t.contains("Still waiting"))
        .collect()
}
