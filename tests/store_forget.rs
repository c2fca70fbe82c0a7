//! Forgetting a member, and the retention period, on a SQLite file or (with
//! `PITCREW_TEST_POSTGRES`) PostgreSQL: every table is read back with SQL (the tables listed
//! from the database's catalogue, so one added later is covered too) to show the member is
//! gone everywhere, someone else's rows are untouched, and the counts the figures need survive.

use pitcrew::domain::{
    Car, ChannelId, GuildId, HandoffStatus, LangCode, Member, MessageId, NewAnswer, NewHandoff,
    Scope, SessionRecord, Timestamp, UserId,
};
use pitcrew::guide::GuideVersion;
use pitcrew::store::{Advance, Store, FORGOTTEN_USER};
use pitcrew::triage::{State, Status};
use tempfile::TempDir;

const ALICE: UserId = UserId(80_351_110_224_678_912);
const BOB: UserId = UserId(80_351_110_224_678_913);
const CAROL: UserId = UserId(80_351_110_224_678_914);
const GUILD: GuildId = GuildId(175_928_847_299_117_063);
const CHANNEL: ChannelId = ChannelId(381_870_553_235_193_857);
const CARDS: ChannelId = ChannelId(381_870_553_235_193_858);
const ALICE_WORDS: &str = "my plate is AB-123, call +49 170 1234567";
const ALICE_NOTE: &str = "Alice's own note";
const BOB_WORDS: &str = "Bob's words";
const DAY_MS: i64 = 86_400_000;

fn at(ms: i64) -> Timestamp {
    Timestamp(ms)
}

#[path = "support/db.rs"]
mod db;

async fn fresh() -> (TempDir, String, Store) {
    let dir = TempDir::new().expect("temp dir");
    let url = db::fresh_url(&dir).await;
    let store = Store::open(&url).await.expect("open");
    (dir, url, store)
}

/// A guide session of `member` in the server that pressed one answer and ended `status`.
async fn walked(store: &Store, member: &Member, status: Status, now: i64) -> SessionRecord {
    let scope = Scope::Guild {
        guild: GUILD,
        channel: CHANNEL,
    };
    let v = GuideVersion("sha256:aaaa".into());
    let start = State {
        node: "start".into(),
        path: vec![],
        step: 0,
        status: Status::Active,
    };
    let rec = store
        .start_session(member, &scope, "flat-tyre", &v, &start, at(now))
        .await
        .expect("start");
    let next = State {
        node: "end".into(),
        path: vec!["start".into()],
        step: 1,
        status,
    };
    let answer = NewAnswer {
        node: "start".into(),
        choice: "Yes".into(),
    };
    match store
        .advance(rec.id, 0, &next, &v, &answer, at(now + 1))
        .await
        .expect("advance")
    {
        Advance::Applied(r) => r,
        Advance::Stale(r) => panic!("stale {r:?}"),
    }
}

/// An escalated session of `member` with its open handoff and a card, created at `now`.
async fn handoff(
    store: &Store,
    member: UserId,
    message: u64,
    now: i64,
) -> pitcrew::domain::Handoff {
    let session = walked(store, &Member::Discord(member), Status::Escalated, now).await;
    let new = NewHandoff {
        session: session.id,
        guild: GUILD,
        member,
        urgent: false,
        member_lang: LangCode::En,
        next_notify_at: at(now + 600_000),
    };
    let (h, _) = store.open_handoff(&new, at(now)).await.expect("open");
    store
        .attach_card(h.id, CARDS, MessageId(message), at(now))
        .await
        .expect("card");
    h
}

#[path = "support/every_row.rs"]
mod every_row;
use every_row::every_row;

/// Whether a row (as JSON) holds `user`'s id, or `text` anywhere in it.
fn mentions(row: &str, user: UserId, texts: &[&str]) -> bool {
    let id = user.get().to_string();
    row.split([',', '[', ']'])
        .any(|field| field.trim() == id || field.trim() == format!("\"{id}\""))
        || texts.iter().any(|t| row.contains(t))
}

async fn count(url: &str, table: &str) -> usize {
    every_row(url)
        .await
        .iter()
        .filter(|(t, _)| t == table)
        .count()
}

#[tokio::test]
async fn forget_me_removes_the_member_from_every_table_and_leaves_others_alone() {
    let (_dir, url, store) = fresh().await;
    // Alice: a resolved handoff with her note and the volunteer's note, an unguided one still
    // open with her words, a live walk, a saved car, a duty row, and Carol's handoff claimed.
    let resolved = handoff(&store, ALICE, 1, 1_000).await;
    store
        .set_member_note(resolved.id, ALICE_NOTE, at(1_001))
        .await
        .expect("note");
    store
        .claim(resolved.id, CAROL, at(1_002))
        .await
        .expect("claim");
    store
        .resolve_handoff(
            resolved.id,
            Some("told Alice to call AB-123's owner"),
            at(1_003),
        )
        .await
        .expect("resolve");
    let (_, unguided) = store
        .open_unguided_handoff(
            (GUILD, CHANNEL),
            ALICE,
            LangCode::De,
            ALICE_WORDS,
            at(9_000),
            at(2_000),
        )
        .await
        .expect("unguided");
    let live = store
        .start_session(
            &Member::Discord(ALICE),
            &Scope::Dm,
            "flat-tyre",
            &GuideVersion("sha256:aaaa".into()),
            &State {
                node: "start".into(),
                path: vec![],
                step: 0,
                status: Status::Active,
            },
            at(3_000),
        )
        .await
        .expect("live");
    let car: Car = "MINI Cooper 2006".parse().expect("car");
    store
        .save_car(&Member::Discord(ALICE), &car, at(3_001))
        .await
        .expect("car");
    store
        .set_on_duty(GUILD, ALICE, true, at(3_002))
        .await
        .expect("duty");
    let carols = handoff(&store, CAROL, 3, 4_000).await;
    store
        .claim(carols.id, ALICE, at(4_001))
        .await
        .expect("claim");
    // Bob: a handoff with his words, a car, on duty.
    let bobs = handoff(&store, BOB, 2, 5_000).await;
    store
        .set_member_note(bobs.id, BOB_WORDS, at(5_001))
        .await
        .expect("note");
    store
        .save_car(&Member::Discord(BOB), &car, at(5_002))
        .await
        .expect("car");
    store
        .set_on_duty(GUILD, BOB, true, at(5_003))
        .await
        .expect("duty");

    let before = every_row(&url).await;
    let bob_before: Vec<_> = before
        .iter()
        .filter(|(_, r)| mentions(r, BOB, &[BOB_WORDS]) && !mentions(r, ALICE, &[]))
        .collect();
    assert!(before
        .iter()
        .any(|(_, r)| mentions(r, ALICE, &[ALICE_WORDS])));
    let counts = (
        count(&url, "sessions").await,
        count(&url, "answers").await,
        count(&url, "handoffs").await,
    );

    let forgotten = store
        .forget_member(&Member::Discord(ALICE), at(10_000))
        .await
        .expect("forget");

    let after = every_row(&url).await;
    let left: Vec<_> = after
        .iter()
        .filter(|(_, r)| mentions(r, ALICE, &[ALICE_WORDS, ALICE_NOTE, "AB-123", "Alice"]))
        .collect();
    assert!(left.is_empty(), "Alice is still stored: {left:#?}");
    let bob_after: Vec<_> = after
        .iter()
        .filter(|(_, r)| mentions(r, BOB, &[BOB_WORDS]) && !mentions(r, ALICE, &[]))
        .collect();
    assert_eq!(bob_before, bob_after, "Bob's rows changed");
    // The figures still count every session, answer and handoff.
    assert_eq!(
        counts,
        (
            count(&url, "sessions").await,
            count(&url, "answers").await,
            count(&url, "handoffs").await,
        )
    );

    // What the Discord side needs: her handoffs with their cards, now anonymous; the live
    // one cancelled; Carol's, which she held, back in the queue.
    assert_eq!(forgotten.sessions, 3);
    assert!(forgotten.car);
    let mut ids: Vec<_> = forgotten.handoffs.iter().map(|h| h.id).collect();
    ids.sort();
    assert_eq!(ids, vec![resolved.id, unguided.id]);
    let card = forgotten
        .handoffs
        .iter()
        .find(|h| h.id == resolved.id)
        .expect("card");
    assert_eq!(
        (card.card_channel, card.card_message),
        (Some(CARDS), Some(MessageId(1)))
    );
    assert!(forgotten
        .handoffs
        .iter()
        .all(|h| h.member == FORGOTTEN_USER && h.member_note.is_none()));
    let open_one = forgotten
        .handoffs
        .iter()
        .find(|h| h.id == unguided.id)
        .expect("unguided");
    assert_eq!(open_one.status, HandoffStatus::Cancelled);
    // Only the live one is cancelled by the forgetting (its thread is to be closed); the one
    // resolved before is not.
    assert_eq!(forgotten.cancelled, vec![unguided.id]);
    assert_eq!(forgotten.released.len(), 1);
    assert_eq!(forgotten.released[0].id, carols.id);
    assert_eq!(forgotten.released[0].status, HandoffStatus::Open);
    let live = store.session(live.id).await.expect("read").expect("kept");
    assert_eq!(live.state.status, Status::Abandoned);
    assert_eq!(
        store.car(&Member::Discord(BOB)).await.expect("car"),
        Some(car)
    );

    // Asking again finds nothing more.
    let again = store
        .forget_member(&Member::Discord(ALICE), at(11_000))
        .await
        .expect("again");
    assert_eq!(
        (again.sessions, again.handoffs.len(), again.car),
        (0, 0, false)
    );
    assert!(again.cancelled.is_empty() && again.released.is_empty());
    store.close().await;
}

#[tokio::test]
async fn a_terminal_user_is_forgotten_by_name() {
    let (_dir, url, store) = fresh().await;
    let alice = Member::Local("Alice".into());
    let bob = Member::Local("Bob".into());
    walked(&store, &alice, Status::Resolved, 1_000).await;
    walked(&store, &bob, Status::Resolved, 1_000).await;
    let forgotten = store
        .forget_member(&alice, at(2_000))
        .await
        .expect("forget");
    assert_eq!(forgotten.sessions, 1);
    let rows = every_row(&url).await;
    assert!(
        !rows.iter().any(|(_, r)| r.contains("\"Alice\"")),
        "{rows:#?}"
    );
    assert!(rows.iter().any(|(_, r)| r.contains("\"Bob\"")));
    store.close().await;
}

#[tokio::test]
async fn retention_anonymises_finished_rows_older_than_the_period_only() {
    let (_dir, url, store) = fresh().await;
    let day = |d: i64| d * DAY_MS;
    // Old and finished: a resolved walk, and a resolved handoff with a note.
    walked(&store, &Member::Discord(ALICE), Status::Resolved, day(1)).await;
    let old = handoff(&store, ALICE, 1, day(1)).await;
    store
        .set_member_note(old.id, ALICE_NOTE, at(day(1)))
        .await
        .expect("note");
    store.claim(old.id, CAROL, at(day(1))).await.expect("claim");
    store
        .resolve_handoff(old.id, None, at(day(1) + 5))
        .await
        .expect("resolve");
    // Old but still live: an open handoff (its escalated session is finished, but a volunteer
    // may still help), and an active walk.
    let live = handoff(&store, ALICE, 2, day(1)).await;
    store
        .set_member_note(live.id, ALICE_WORDS, at(day(1)))
        .await
        .expect("note");
    let active = store
        .start_session(
            &Member::Discord(ALICE),
            &Scope::Dm,
            "flat-tyre",
            &GuideVersion("sha256:aaaa".into()),
            &State {
                node: "start".into(),
                path: vec![],
                step: 0,
                status: Status::Active,
            },
            at(day(1)),
        )
        .await
        .expect("active");
    // Recent and finished: Bob's resolved walk.
    let recent = walked(&store, &Member::Discord(BOB), Status::Resolved, day(170)).await;
    let counts = (count(&url, "sessions").await, count(&url, "answers").await);

    // 180 days after the first ones, less a day: nothing is old enough yet.
    assert_eq!(
        store.apply_retention(at(day(180)), 180).await.expect("run"),
        0
    );
    // Past it: the old walk, the old handoff and its session.
    assert_eq!(
        store.apply_retention(at(day(182)), 180).await.expect("run"),
        3
    );
    assert_eq!(
        store
            .apply_retention(at(day(183)), 180)
            .await
            .expect("again"),
        0
    );

    let old = store.handoff(old.id).await.expect("read").expect("kept");
    assert_eq!((old.member, old.member_note), (FORGOTTEN_USER, None));
    assert_eq!(old.status, HandoffStatus::Resolved);
    let live = store.handoff(live.id).await.expect("read").expect("kept");
    assert_eq!(
        (live.member, live.member_note.as_deref()),
        (ALICE, Some(ALICE_WORDS))
    );
    let active = store.session(active.id).await.expect("read").expect("kept");
    assert_eq!(active.member, Member::Discord(ALICE));
    let recent = store.session(recent.id).await.expect("read").expect("kept");
    assert_eq!(recent.member, Member::Discord(BOB));
    let alices = every_row(&url)
        .await
        .into_iter()
        .filter(|(t, r)| t == "sessions" && mentions(r, ALICE, &[]))
        .count();
    // Alice's active walk and the session of her live handoff.
    assert_eq!(alices, 2);
    assert_eq!(
        counts,
        (count(&url, "sessions").await, count(&url, "answers").await)
    );
    store.close().await;
}
