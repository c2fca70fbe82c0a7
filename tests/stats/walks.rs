//! The scripted walks the figures tests assert on: eight members walk `stuck-fob` through a
//! desk on a real SQLite file, with the clock moved by hand between presses, plus one walk
//! from before the window. Shared by `tests/stats.rs` and `tests/cli_stats.rs`.
//!
//! `stuck-fob`: safe → battery | danger; battery → fixed | blade; blade → fixed | ask-human.
//!
//! | walk | start   | presses (seconds after its start)                  | ends             |
//! |------|---------|----------------------------------------------------|------------------|
//! | W1   | T0      | 60 battery, 120 fixed; fixed: yes                  | resolved, 120 s  |
//! | W2   | T0+1s   | 30 battery, 60 blade, 90 fixed; fixed: no          | resolved, 90 s   |
//! | W3   | T0+2s   | 10 battery, 20 blade, 40 ask-human; claimed +100,  | escalated, 40 s  |
//! |      |         | resolved +400, rated solved                        |                  |
//! | W4   | T0+3s   | 20 battery, 50 volunteer; reminder +650, claimed   | escalated, 50 s  |
//! |      |         | +700, released +800, claimed again +900            |                  |
//! | W5   | T0+4s   | 15 battery, then nothing                           | abandoned (idle) |
//! | W6   | T0+5s   | cancelled at +30 on the first step                 | abandoned        |
//! | W7   | NOW-10m | at NOW-5m battery                                  | in progress      |
//! | W8   | T0+6s   | 5 danger                                           | emergency, 5 s   |
//! | old  | NOW-40d | 1 battery                                          | outside 30 days  |

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use pitcrew::desk::{Desk, Pressed};
use pitcrew::domain::{
    Claim, Clock, GuildId, HandoffId, LangCode, Member, NewHandoff, Rating, Scope, SessionId,
    SessionRecord, Timestamp, UserId,
};
use pitcrew::guide::load_library;
use pitcrew::store::Store;
use pitcrew::triage::Input;

pub const GUIDE: &str = include_str!("../fixtures/cli/stuck-fob.toml");
pub const T0: i64 = 1_700_000_000_000;
/// When the figures are read: two hours after T0, so W5 (idle since T0+19 s) is abandoned.
pub const NOW: i64 = T0 + 2 * 3_600_000;
const GUILD: GuildId = GuildId(10);
const VOLUNTEER: UserId = UserId(900);
const OTHER_VOLUNTEER: UserId = UserId(901);

/// A clock the test sets.
#[derive(Debug, Default)]
pub struct HandClock(AtomicI64);

impl HandClock {
    pub fn set(&self, ms: i64) {
        self.0.store(ms, Ordering::SeqCst);
    }
}

impl Clock for HandClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

/// A temp folder with the guide in `content/` and the database `p.db`.
pub fn world() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("content")).expect("content dir");
    std::fs::write(dir.path().join("content/stuck-fob.toml"), GUIDE).expect("guide");
    dir
}

// Used by `cli_stats.rs` only (`stats.rs` opens its own database through `support/db.rs`).
#[allow(dead_code)]
pub fn db_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("p.db").display())
}

pub fn content(dir: &Path) -> PathBuf {
    dir.join("content")
}

#[allow(dead_code)]
pub async fn desk(dir: &Path, clock: Arc<HandClock>) -> Desk {
    desk_on(&db_url(dir), dir, clock).await
}

/// [`desk`] on the database at `url` (the content still from `dir`). Unused by `cli_stats.rs`,
/// whose binary reads the SQLite file [`db_url`] names.
#[allow(dead_code)]
pub async fn desk_on(url: &str, dir: &Path, clock: Arc<HandClock>) -> Desk {
    let library = load_library(&content(dir)).expect("valid content");
    let store = Store::open(url).await.expect("store");
    Desk::with_clock(library, store, clock)
}

struct Walker<'a> {
    desk: &'a Desk,
    clock: &'a HandClock,
    member: Member,
    session: SessionRecord,
    start: i64,
}

impl Walker<'_> {
    /// Presses `input` `secs` after the walk's start.
    async fn press(&mut self, secs: i64, input: Input) {
        self.clock.set(self.start + secs * 1000);
        let step = self.session.state.step;
        match self
            .desk
            .press(&self.member, self.session.id, step, input)
            .await
            .expect("press")
        {
            Pressed::Moved { session, .. } => self.session = session,
            other => panic!("the press did not move: {other:?}"),
        }
    }

    fn id(&self) -> SessionId {
        self.session.id
    }
}

async fn start<'a>(desk: &'a Desk, clock: &'a HandClock, who: u64, at: i64) -> Walker<'a> {
    clock.set(at);
    let member = Member::Discord(UserId(who));
    let scope = Scope::Dm;
    let (session, _) = desk
        .start(&member, &scope, "stuck-fob")
        .await
        .expect("start");
    Walker {
        desk,
        clock,
        member,
        session,
        start: at,
    }
}

async fn open_handoff(desk: &Desk, clock: &HandClock, w: &Walker<'_>) -> HandoffId {
    let now = clock.now();
    let new = NewHandoff {
        session: w.id(),
        guild: GUILD,
        member: UserId(1),
        urgent: false,
        member_lang: LangCode::En,
        next_notify_at: now.plus(Duration::from_secs(600)),
    };
    let (h, created) = desk.store().open_handoff(&new, now).await.expect("open");
    assert!(created);
    h.id
}

async fn claim(desk: &Desk, id: HandoffId, who: UserId, at: i64) {
    let claimed = desk
        .store()
        .claim(id, who, Timestamp(at))
        .await
        .expect("claim");
    assert!(matches!(claimed, Claim::Claimed(_)), "{claimed:?}");
}

/// Walks the table above.
pub async fn walk_all(desk: &Desk, clock: &HandClock) {
    let store = desk.store();
    let (yes, no) = (Input::Choose(0), Input::Choose(1));

    let mut old = start(desk, clock, 100, NOW - 40 * 86_400_000).await;
    old.press(1, yes).await;

    let mut w1 = start(desk, clock, 1, T0).await;
    w1.press(60, yes).await;
    w1.press(120, yes).await;
    desk.answer_fixed(&w1.member, w1.id(), true)
        .await
        .expect("fixed");

    let mut w2 = start(desk, clock, 2, T0 + 1_000).await;
    w2.press(30, yes).await;
    w2.press(60, no).await;
    w2.press(90, yes).await;
    desk.answer_fixed(&w2.member, w2.id(), false)
        .await
        .expect("fixed");

    let mut w3 = start(desk, clock, 3, T0 + 2_000).await;
    w3.press(10, yes).await;
    w3.press(20, no).await;
    w3.press(40, no).await;
    let h3 = open_handoff(desk, clock, &w3).await;
    claim(desk, h3, VOLUNTEER, w3.start + 100_000).await;
    let resolved = store
        .resolve_handoff(h3, None, Timestamp(w3.start + 400_000))
        .await
        .expect("resolve");
    assert!(resolved.is_some());
    store
        .rate(h3, Rating::Solved, Timestamp(w3.start + 500_000))
        .await
        .expect("rate");

    let mut w4 = start(desk, clock, 4, T0 + 3_000).await;
    w4.press(20, yes).await;
    w4.press(50, Input::Escalate).await;
    let h4 = open_handoff(desk, clock, &w4).await;
    let notice = store
        .take_notice(
            h4,
            0,
            Some(Timestamp(w4.start + 1_250_000)),
            Timestamp(w4.start + 650_000),
        )
        .await
        .expect("notice");
    assert!(notice.is_some(), "the first reminder went out");
    claim(desk, h4, VOLUNTEER, w4.start + 700_000).await;
    let released = store
        .release(
            h4,
            Timestamp(w4.start + 1_400_000),
            Timestamp(w4.start + 800_000),
        )
        .await
        .expect("release");
    assert!(released.is_some());
    claim(desk, h4, OTHER_VOLUNTEER, w4.start + 900_000).await;

    let mut w5 = start(desk, clock, 5, T0 + 4_000).await;
    w5.press(15, yes).await;

    let w6 = start(desk, clock, 6, T0 + 5_000).await;
    clock.set(w6.start + 30_000);
    let cancelled = desk.cancel(&w6.member, &Scope::Dm).await.expect("cancel");
    assert!(cancelled.is_some());

    let mut w7 = start(desk, clock, 7, NOW - 600_000).await;
    w7.press(300, yes).await;

    let mut w8 = start(desk, clock, 8, T0 + 6_000).await;
    w8.press(5, no).await;

    clock.set(NOW);
}
