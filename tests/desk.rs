//! The desk (engine + store) on a real SQLite file: who may press, which step counts, and what
//! happens to open sessions when a moderator edits or deletes a guide.

use std::path::Path;

use pitcrew::desk::{Desk, Pressed};
use pitcrew::domain::{ChannelId, GuildId, Member, Scope, UserId};
use pitcrew::guide::load_library;
use pitcrew::store::Store;
use pitcrew::triage::{Input, Notice, Status};

const GUIDE: &str = include_str!("fixtures/cli/stuck-fob.toml");
const SCOPE: Scope = Scope::Guild {
    guild: GuildId(10),
    channel: ChannelId(20),
};

struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let w = World { dir };
        w.write_guide(GUIDE);
        w
    }

    fn write_guide(&self, text: &str) {
        std::fs::write(self.dir.path().join("content/stuck-fob.toml"), text).unwrap();
    }

    /// A desk over the content as it is on disk now, on the same database file.
    async fn desk(&self) -> Desk {
        let library = load_library(&self.dir.path().join("content")).expect("valid content");
        let url = format!("sqlite://{}", self.dir.path().join("p.db").display());
        Desk::new(library, Store::open(&url).await.expect("store"))
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn moved(p: Pressed) -> (pitcrew::domain::SessionRecord, pitcrew::triage::View) {
    match p {
        Pressed::Moved { session, view } => (session, view),
        other => panic!("expected Moved, got {other:?}"),
    }
}

fn unchanged(p: Pressed) -> (pitcrew::domain::SessionRecord, pitcrew::triage::View) {
    match p {
        Pressed::Unchanged { session, view } => (session, view),
        other => panic!("expected Unchanged, got {other:?}"),
    }
}

#[tokio::test]
async fn only_the_owner_moves_a_session_and_only_from_the_current_step() {
    let w = World::new();
    let desk = w.desk().await;
    let ana = Member::Discord(UserId(1));
    let (s, view) = desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
    let other = desk
        .press(
            &Member::Discord(UserId(2)),
            s.id,
            view.step,
            Input::Choose(0),
        )
        .await
        .unwrap();
    assert!(matches!(other, Pressed::NotYours));
    let (s1, v1) = moved(desk.press(&ana, s.id, 0, Input::Choose(0)).await.unwrap());
    assert_eq!(v1.node_id, "battery");
    // The same old button again: nothing moves, the current step is shown with a notice.
    let (s2, v2) = unchanged(desk.press(&ana, s.id, 0, Input::Choose(1)).await.unwrap());
    assert_eq!(s2.state, s1.state);
    assert_eq!(v2.node_id, "battery");
    assert_eq!(v2.notice, Some(Notice::OldStep));
    assert_eq!(desk.store().answers(s.id).await.unwrap().len(), 1);
    // An unknown session is reported as such.
    let unknown = desk
        .press(&ana, pitcrew::domain::SessionId(999), 0, Input::Back)
        .await
        .unwrap();
    assert!(matches!(unknown, Pressed::Unknown));
}

#[tokio::test]
async fn an_edited_guide_shows_the_new_screen_before_applying_a_choice() {
    let w = World::new();
    let ana = Member::Local("ana".into());
    let id = {
        let desk = w.desk().await;
        let (s, _) = desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
        desk.press(&ana, s.id, 0, Input::Choose(0)).await.unwrap();
        desk.store().close().await;
        s.id
    };
    // The moderator swaps the two choices of the member's current step.
    w.write_guide(&GUIDE.replace(
        "  { label = \"It works now\", goto = \"fixed\" },\n  { label = \"Still nothing\", goto = \"blade\" },",
        "  { label = \"Still nothing\", goto = \"blade\" },\n  { label = \"It works now\", goto = \"fixed\" },",
    ));
    let desk = w.desk().await;
    let (open, resumed) = desk
        .open_session(&ana, &SCOPE)
        .await
        .unwrap()
        .expect("open");
    assert_eq!(open.id, id);
    assert_eq!(
        resumed.choices[0].label, "Still nothing",
        "drawn from the new version"
    );
    // A press on the old screen's first button ("It works now") must not resolve blindly.
    let (s, v) = unchanged(desk.press(&ana, id, 1, Input::Choose(0)).await.unwrap());
    assert_eq!(v.notice, Some(Notice::GuideUpdated));
    assert_eq!(s.state.status, Status::Active);
    assert_eq!(s.state.node, "battery");
    // Now the member presses what they see: the first button is "Still nothing".
    let (_, v) = moved(
        desk.press(&ana, id, v.step, Input::Choose(0))
            .await
            .unwrap(),
    );
    assert_eq!(v.node_id, "blade");
}

#[tokio::test]
async fn a_removed_step_offers_start_over_which_works() {
    let w = World::new();
    let ana = Member::Local("ana".into());
    {
        let desk = w.desk().await;
        let (s, _) = desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
        desk.press(&ana, s.id, 0, Input::Choose(0)).await.unwrap();
        desk.press(&ana, s.id, 1, Input::Choose(1)).await.unwrap(); // now on "blade"
        desk.store().close().await;
    }
    w.write_guide(
        &GUIDE
            .replace("{ label = \"Still nothing\", goto = \"blade\" }", "{ label = \"Still nothing\", goto = \"ask-human\" }")
            .replace(
                "[[node]]\nid = \"blade\"\ntext = \"Open the door with the metal key blade hidden in the fob.\"\nchoices = [\n  { label = \"I am in\", goto = \"fixed\" },\n  { label = \"The blade does not turn\", goto = \"ask-human\" },\n]\n",
                "",
            ),
    );
    let desk = w.desk().await;
    assert!(desk
        .library()
        .get("stuck-fob")
        .unwrap()
        .node("blade")
        .is_none());
    let (s, view) = desk
        .open_session(&ana, &SCOPE)
        .await
        .unwrap()
        .expect("open");
    assert_eq!(view.notice, Some(Notice::StepRemoved));
    assert!(view.choices.is_empty());
    let (_, v) = unchanged(desk.press(&ana, s.id, 2, Input::Back).await.unwrap());
    assert_eq!(v.notice, Some(Notice::StepRemoved));
    let (_, v) = moved(desk.press(&ana, s.id, 2, Input::Restart).await.unwrap());
    assert_eq!(v.node_id, "safe");
}

#[tokio::test]
async fn a_finished_guide_starts_over_as_a_new_session_and_a_resolved_one_can_still_escalate() {
    let w = World::new();
    let desk = w.desk().await;
    let ana = Member::Discord(UserId(7));
    let (s, _) = desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
    desk.press(&ana, s.id, 0, Input::Choose(0)).await.unwrap();
    let (done, v) = moved(desk.press(&ana, s.id, 1, Input::Choose(0)).await.unwrap());
    assert_eq!(done.state.status, Status::Resolved);
    assert!(v.flags.resolved);
    // Still stuck after all: the resolved walk hands over to a volunteer.
    let (esc, v) = moved(desk.press(&ana, s.id, 2, Input::Escalate).await.unwrap());
    assert_eq!(esc.state.status, Status::Escalated);
    assert_eq!(v.node_id, "ask-human");
    // Start over on the finished walk: a fresh session, the old one keeps its outcome.
    let (fresh, v) = moved(desk.press(&ana, s.id, 3, Input::Restart).await.unwrap());
    assert_ne!(fresh.id, s.id);
    assert_eq!(v.node_id, "safe");
    let old = desk.store().session(s.id).await.unwrap().unwrap();
    assert_eq!(old.state.status, Status::Escalated);
}

#[tokio::test]
async fn cancel_closes_the_open_session_and_a_deleted_guide_is_not_offered() {
    let w = World::new();
    let ana = Member::Discord(UserId(7));
    {
        let desk = w.desk().await;
        desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
        let closed = desk.cancel(&ana, &SCOPE).await.unwrap().expect("closed");
        assert_eq!(closed.state.status, Status::Abandoned);
        assert!(desk.cancel(&ana, &SCOPE).await.unwrap().is_none());
        desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
        desk.store().close().await;
    }
    // The guide is replaced by another one: the open session cannot continue.
    std::fs::remove_file(w.path().join("content/stuck-fob.toml")).unwrap();
    w.write_guide(&GUIDE.replace("id = \"stuck-fob\"", "id = \"other-fob\""));
    std::fs::rename(
        w.path().join("content/stuck-fob.toml"),
        w.path().join("content/other-fob.toml"),
    )
    .unwrap();
    let desk = w.desk().await;
    assert!(desk.open_session(&ana, &SCOPE).await.unwrap().is_none());
    assert!(desk
        .store()
        .active_session(&ana, &SCOPE)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn presses_on_a_cancelled_guide_say_it_was_closed_and_forged_choices_are_unavailable() {
    let w = World::new();
    let desk = w.desk().await;
    let ana = Member::Discord(UserId(9));
    let (s, _) = desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
    let (_, v) = unchanged(desk.press(&ana, s.id, 0, Input::Choose(7)).await.unwrap());
    assert_eq!(v.notice, Some(Notice::Unavailable));
    desk.cancel(&ana, &SCOPE).await.unwrap().expect("closed");
    let (closed, v) = unchanged(desk.press(&ana, s.id, 0, Input::Choose(0)).await.unwrap());
    assert_eq!(closed.state.status, Status::Abandoned);
    assert_eq!(v.notice, Some(Notice::Closed));
    assert_eq!(v.nav, vec![pitcrew::triage::Nav::Restart]);
}

/// The member's car is read for a walk only where it can change the walk: guides with steps for
/// some cars (MINI's key question, BMW's remote-key choice) ask, the trunk guide does not.
#[test]
fn only_guides_with_steps_for_some_cars_ask_about_cars() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let library = load_library(&content).expect("shipped content");
    let asks = |id: &str| library.get(id).expect(id).asks_about_cars();
    assert!(asks("mini-fob-not-working"));
    assert!(asks("bmw-keys-locked"));
    assert!(!asks("trunk-release-failed"));
}

/// A reload swaps the running set whole, on the same desk and its sessions; a copy pinned for
/// one interaction keeps the set it began with, so one answer never mixes two versions.
#[tokio::test]
async fn a_swapped_library_is_live_at_once_and_a_pinned_desk_keeps_its_own() {
    let w = World::new();
    let ana = Member::Local("ana".into());
    let desk = w.desk().await;
    let (s, _) = desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
    let pinned = desk.pinned();
    w.write_guide(&GUIDE.replace("Is everyone safe", "Is everybody safe"));
    let edited = load_library(&w.path().join("content")).expect("valid content");
    let new_version = edited.get("stuck-fob").unwrap().version.clone();
    desk.replace_library(edited);
    assert_eq!(
        desk.library().get("stuck-fob").unwrap().version,
        new_version,
        "the running set is the new one"
    );
    assert_ne!(
        pinned.library().get("stuck-fob").unwrap().version,
        new_version,
        "the pinned copy keeps the set it took"
    );
    assert_eq!(
        desk.pinned().library().get("stuck-fob").unwrap().version,
        new_version
    );
    // The session opened on the old version continues on the new one, as after a restart.
    let (_, view) = desk
        .open_session(&ana, &SCOPE)
        .await
        .unwrap()
        .expect("open");
    assert_eq!(view.notice, Some(Notice::Resumed));
    assert_ne!(s.guide_version, new_version);
}

#[tokio::test]
async fn did_this_fix_it_is_answered_once_by_the_member_on_a_resolved_walk_only() {
    use pitcrew::desk::Answered;
    let w = World::new();
    let desk = w.desk().await;
    let ana = Member::Discord(UserId(7));
    let bo = Member::Discord(UserId(8));
    let (s, _) = desk.start(&ana, &SCOPE, "stuck-fob").await.unwrap();
    // Not an outcome yet: nothing to answer.
    assert!(matches!(
        desk.answer_fixed(&ana, s.id, true).await.unwrap(),
        Answered::Unknown
    ));
    desk.press(&ana, s.id, 0, Input::Choose(0)).await.unwrap();
    desk.press(&ana, s.id, 1, Input::Choose(0)).await.unwrap();
    assert!(matches!(
        desk.answer_fixed(&bo, s.id, false).await.unwrap(),
        Answered::NotYours
    ));
    assert_eq!(desk.store().fixed(s.id).await.unwrap(), None);
    match desk.answer_fixed(&ana, s.id, true).await.unwrap() {
        Answered::Done { first, view, .. } => {
            assert!(first);
            assert!(view.flags.resolved);
        }
        other => panic!("expected Done, got {other:?}"),
    }
    // A second answer (a double tap, an old screen) changes nothing.
    match desk.answer_fixed(&ana, s.id, false).await.unwrap() {
        Answered::Done { first, .. } => assert!(!first),
        other => panic!("expected Done, got {other:?}"),
    }
    assert_eq!(desk.store().fixed(s.id).await.unwrap(), Some(true));
    assert!(matches!(
        desk.answer_fixed(&ana, pitcrew::domain::SessionId(999), true)
            .await
            .unwrap(),
        Answered::Unknown
    ));
}
