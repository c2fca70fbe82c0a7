//! The handoff rules without Discord: the service over a recording port, a real SQLite store
//! on a temp file, and paused tokio time read through `TokioClock`, so reminders due in ten
//! minutes are sent without waiting ten minutes.

#[path = "support/db.rs"]
mod db;
#[path = "handoff_service/leases.rs"]
mod leases;
#[path = "handoff_service/privacy.rs"]
mod privacy;
#[path = "handoff_service/recorder.rs"]
mod recorder;
#[path = "handoff_service/world.rs"]
mod world;

use std::sync::Arc;
use std::time::Duration;

use pitcrew::domain::{HandoffStatus, LeaseHolder, Rating, RoleId, UserId};
use pitcrew::guide::Lang;
use pitcrew::handoff::text;
use pitcrew::handoff::{CardOutcome, Handoffs, NoteOutcome, Ping, PressedBy, Rated, Refusal};
use pitcrew::i18n::Msg;
use tokio::sync::Notify;

use recorder::{Call, Op};
use world::*;

#[tokio::test(start_paused = true)]
async fn delivery_makes_the_thread_then_the_card_pinging_only_the_role() {
    let w = World::new().await;
    let (h, ready) = w.prepared().await;
    assert!(w.service.deliver_prepared(&h, &ready, "Sam").await);
    let calls = w.port.calls();
    assert!(
        matches!(&calls[0], Call::OpenThread { parent, name } if *parent == HELP && name.ends_with("· Sam"))
    );
    let t = w.stored(&h).await.thread.unwrap();
    assert_eq!(
        calls[1],
        Call::AddToThread {
            thread: t,
            user: MEMBER
        }
    );
    assert!(
        matches!(&calls[2], Call::Say { channel, ping, .. } if *channel == t && *ping == Ping::Users(vec![MEMBER]))
    );
    assert_eq!(
        calls[3],
        Call::PostCard {
            channel: CARDS,
            text: format!("<@&{ROLE}>: a member needs a volunteer."),
            ping: Ping::Role(ROLE),
        }
    );
    assert_eq!(calls.len(), 4);
}

#[tokio::test(start_paused = true)]
async fn a_claim_adds_the_volunteer_and_a_racing_claim_is_told_who_has_it() {
    let w = World::new().await;
    let h = w.opened().await;
    let (ada, ben) = (volunteer(ADA), volunteer(BEN));
    let (a, b) = tokio::join!(w.service.claim(&ada, h.id), w.service.claim(&ben, h.id));
    let (won, lost, winner) = match (a.unwrap(), b.unwrap()) {
        (CardOutcome::Changed(v), lost) => (v.handoff, lost, ADA),
        (lost, CardOutcome::Changed(v)) => (v.handoff, lost, BEN),
        other => panic!("exactly one claim wins: {other:?}"),
    };
    assert_eq!(lost.refusal(), Some(&Refusal::Taken { by: Some(winner) }));
    assert_eq!(
        (won.status, won.claimed_by, won.next_notify_at),
        (HandoffStatus::Claimed, Some(winner), None)
    );
    assert!(w.port.calls().contains(&Call::AddToThread {
        thread: thread(&h),
        user: winner
    }));
    assert_eq!(
        w.port.said_in(thread(&h)),
        [text::volunteer_joined(
            winner,
            Msg::VolunteerJoined,
            Lang::En
        )]
    );
    // Without the role, nothing happens.
    let stranger = PressedBy {
        user: UserId(99),
        roles: vec![RoleId(31)],
    };
    assert_eq!(
        w.service.claim(&stranger, h.id).await.unwrap().refusal(),
        Some(&Refusal::NotVolunteer)
    );
}

#[tokio::test(start_paused = true)]
async fn a_claim_notices_a_member_who_left() {
    let w = World::new().await;
    let h = w.opened().await;
    w.port.member_left(MEMBER);
    let claimed = changed(w.service.claim(&volunteer(ADA), h.id).await.unwrap());
    assert!(claimed.member_left, "the card drawn says so");
    assert!(w.stored(&h).await.member_left);
}

#[tokio::test(start_paused = true)]
async fn a_release_reschedules_and_repings() {
    let w = World::new().await;
    let h = w.opened().await;
    changed(w.service.claim(&volunteer(ADA), h.id).await.unwrap());
    tokio::time::advance(Duration::from_secs(120)).await;
    w.port.clear();
    let released = changed(w.service.release(&volunteer(ADA), h.id).await.unwrap());
    assert_eq!(
        (released.status, released.claimed_by, released.notify_count),
        (HandoffStatus::Open, None, 0)
    );
    assert_eq!(released.next_notify_at, Some(w.desk.now().plus(INTERVAL)));
    let card = h.card_message.unwrap();
    assert_eq!(
        w.port.calls()[0],
        Call::Say {
            channel: CARDS,
            text: format!("<@&{ROLE}>: a member needs a volunteer. Back in the queue: card:{card}"),
            ping: Ping::Role(ROLE),
        }
    );
    assert_eq!(w.port.said_in(thread(&h)), [text::stepped_away(Lang::En)]);
}

#[tokio::test(start_paused = true)]
async fn a_transfer_to_someone_without_the_role_is_refused() {
    let w = World::new().await;
    let h = w.opened().await;
    changed(w.service.claim(&volunteer(ADA), h.id).await.unwrap());
    let before = w.stored(&h).await;
    assert_eq!(
        w.service
            .transfer(&volunteer(ADA), h.id, Some(BEN))
            .await
            .unwrap()
            .refusal(),
        Some(&Refusal::NotAVolunteer { picked: BEN })
    );
    assert_eq!(w.stored(&h).await, before, "it stays with Ada");
    w.port.give_role(BEN, ROLE);
    let moved = changed(
        w.service
            .transfer(&volunteer(ADA), h.id, Some(BEN))
            .await
            .unwrap(),
    );
    assert_eq!(moved.claimed_by, Some(BEN));
}

#[tokio::test(start_paused = true)]
async fn a_resolve_asks_for_a_rating_and_archives_unlocked_then_the_rating_locks() {
    let w = World::new().await;
    let h = w.opened().await;
    changed(w.service.claim(&volunteer(ADA), h.id).await.unwrap());
    w.port.clear();
    let resolved = changed(
        w.service
            .resolve(&volunteer(ADA), h.id, Some("  towed home  "))
            .await
            .unwrap(),
    );
    assert_eq!(resolved.status, HandoffStatus::Resolved);
    assert_eq!(resolved.resolution_note.as_deref(), Some("towed home"));
    let t = thread(&h);
    assert_eq!(
        w.port.calls(),
        [
            Call::AskRating {
                thread: t,
                text: text::resolved(ADA, MEMBER, Some("> towed home"), Lang::En),
            },
            Call::CloseThread {
                thread: t,
                lock: false
            },
        ]
    );
    // Resolving again finds it closed.
    assert_eq!(
        w.service
            .resolve(&volunteer(ADA), h.id, None)
            .await
            .unwrap()
            .refusal(),
        Some(&Refusal::Closed)
    );
    assert_eq!(
        w.service.rate(ADA, h.id, Rating::Solved).await.unwrap(),
        Rated::NotTheMember
    );
    let Rated::Recorded { handoff, .. } =
        w.service.rate(MEMBER, h.id, Rating::Solved).await.unwrap()
    else {
        panic!("the member's answer is kept");
    };
    assert_eq!(
        w.service
            .rate(MEMBER, h.id, Rating::NotSolved)
            .await
            .unwrap(),
        Rated::AlreadyAnswered
    );
    w.port.clear();
    w.service.after_rating(&handoff).await;
    assert_eq!(
        w.port.calls(),
        [
            Call::UpdateCard {
                message: h.card_message.unwrap(),
                status: HandoffStatus::Resolved,
                member_left: false,
                lang: Lang::En,
                note: None,
            },
            Call::CloseThread {
                thread: t,
                lock: true
            },
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_cancel_closes_the_handoff_and_tells_the_thread() {
    let w = World::new().await;
    let h = w.opened().await;
    let cancelled = w.service.cancel(GUILD, MEMBER).await.unwrap().unwrap();
    assert_eq!(cancelled.status, HandoffStatus::Cancelled);
    assert_eq!(w.service.cancel(GUILD, MEMBER).await.unwrap(), None);
    w.service.after_cancel(&cancelled).await;
    let t = thread(&h);
    assert_eq!(w.port.said_in(t), [text::member_cancelled(Lang::En)]);
    assert!(w.port.calls().contains(&Call::CloseThread {
        thread: t,
        lock: true
    }));
    // A note on a closed handoff is refused kindly.
    assert_eq!(
        w.service.member_note(MEMBER, h.id, "hello").await.unwrap(),
        NoteOutcome::Closed
    );
}

#[tokio::test(start_paused = true)]
async fn the_members_note_reaches_the_thread_quoted_and_only_from_the_member() {
    let w = World::new().await;
    let h = w.opened().await;
    assert_eq!(
        w.service.member_note(ADA, h.id, "hi").await.unwrap(),
        NoteOutcome::NotTheMember
    );
    assert_eq!(
        w.service.member_note(MEMBER, h.id, "   ").await.unwrap(),
        NoteOutcome::Empty
    );
    assert_eq!(
        w.service
            .member_note(MEMBER, h.id, "@everyone at the gate")
            .await
            .unwrap(),
        NoteOutcome::Sent
    );
    assert_eq!(
        w.port.calls()[0],
        Call::Say {
            channel: thread(&h),
            text: "Note from the member:\n> @everyone at the gate".into(),
            ping: Ping::Nobody,
        }
    );
}

#[tokio::test(start_paused = true)]
async fn three_reminders_then_the_last_reminder_text_and_no_more() {
    let w = World::new().await;
    let h = w.opened().await;
    assert_eq!(w.service.remind_due().await.unwrap(), 0, "none due yet");
    let card = h.card_message.unwrap();
    for n in 1..=3u32 {
        tokio::time::advance(INTERVAL).await;
        assert_eq!(w.service.remind_due().await.unwrap(), 1);
        assert_eq!(
            reminders(&w).last().unwrap(),
            &format!(
                "<@&{ROLE}>: a member needs a volunteer. Still waiting (reminder {n} of 3): card:{card}"
            )
        );
        let told = w.port.said_in(thread(&h));
        let told = told.last().unwrap();
        let in_gb = text::still_waiting(false, n, pitcrew::domain::Region::Gb, Lang::En);
        assert!(told.starts_with(&in_gb), "{told}");
        assert!(told.contains("call 999") && !told.contains("911"), "{told}");
        assert_eq!(
            told.contains(&text::last_reminder(Lang::En)),
            n == 3,
            "{told}"
        );
    }
    tokio::time::advance(INTERVAL * 3).await;
    assert_eq!(w.service.remind_due().await.unwrap(), 0);
    assert_eq!(reminders(&w).len(), 3);
    let h = w.stored(&h).await;
    assert_eq!((h.notify_count, h.next_notify_at), (3, None));
}

#[tokio::test(start_paused = true)]
async fn no_reminder_after_a_claim() {
    let w = World::new().await;
    let h = w.opened().await;
    changed(w.service.claim(&volunteer(ADA), h.id).await.unwrap());
    tokio::time::advance(INTERVAL * 2).await;
    assert_eq!(w.service.remind_due().await.unwrap(), 0);
    assert!(reminders(&w).is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_reminder_notices_a_member_who_left_and_redraws_the_card() {
    let w = World::new().await;
    let h = w.opened().await;
    w.port.member_left(MEMBER);
    tokio::time::advance(INTERVAL).await;
    assert_eq!(w.service.remind_due().await.unwrap(), 1);
    assert!(w.stored(&h).await.member_left);
    assert!(w.port.calls().contains(&Call::UpdateCard {
        message: h.card_message.unwrap(),
        status: HandoffStatus::Open,
        member_left: true,
        lang: Lang::En,
        note: None,
    }));
}

#[tokio::test(start_paused = true)]
async fn an_undelivered_handoff_is_retried_before_the_reminder_and_the_problem_cleared() {
    let w = World::new().await;
    let (h, ready) = w.prepared().await;
    w.port.refuse(Op::OpenThread, true);
    assert!(!w.service.deliver_prepared(&h, &ready, "Sam").await);
    assert_eq!(
        w.problem().await.as_deref(),
        Some(format!("Create Private Threads in <#{HELP}>").as_str())
    );
    assert!(w.port.calls().is_empty());

    // A moderator grants the permission; the next due reminder first makes what is missing.
    w.port.refuse(Op::OpenThread, false);
    tokio::time::advance(INTERVAL).await;
    assert_eq!(w.service.remind_due().await.unwrap(), 1);
    let calls = w.port.calls();
    let made = calls
        .iter()
        .position(|c| matches!(c, Call::PostCard { .. }))
        .expect("the card is posted");
    let reminded = calls
        .iter()
        .position(|c| matches!(c, Call::Say { text, .. } if text.contains("Still waiting")))
        .expect("the volunteers are reminded");
    assert!(matches!(calls[0], Call::OpenThread { .. }));
    assert!(made < reminded, "{calls:?}");
    let h = w.stored(&h).await;
    assert!(h.thread.is_some() && h.card_message.is_some());
    assert_eq!(w.problem().await, None, "the problem is cleared");
}

#[tokio::test(start_paused = true)]
async fn a_missing_permission_to_close_the_thread_is_recorded() {
    let w = World::new().await;
    let h = w.opened().await;
    changed(w.service.claim(&volunteer(ADA), h.id).await.unwrap());
    w.port.refuse(Op::CloseThread, true);
    changed(
        w.service
            .resolve(&volunteer(ADA), h.id, None)
            .await
            .unwrap(),
    );
    assert_eq!(w.problem().await.as_deref(), Some("Manage Threads"));
}

#[tokio::test(start_paused = true)]
async fn the_reminder_loop_sleeps_on_tokio_time_and_stops_when_told() {
    let w = World::new().await;
    let stop = tokio_util::sync::CancellationToken::new();
    let wake = Arc::new(Notify::new());
    let service = Handoffs::new(w.desk.clone(), w.port.clone(), wake.clone());
    let running = tokio::spawn(service.run_reminders(LeaseHolder::named("solo"), stop.clone()));
    let h = w.opened().await;
    // Each due time is reached by advancing paused time: no real waiting.
    for n in 1..=3 {
        tokio::time::advance(INTERVAL).await;
        until("a reminder", || reminders(&w).len() == n).await;
    }
    tokio::time::advance(INTERVAL * 3).await;
    assert_eq!(reminders(&w).len(), 3);
    assert_eq!(w.stored(&h).await.notify_count, 3);
    stop.cancel();
    running.await.unwrap();
}

/// A German server's card stays German when the member's own press redraws it (a note): the
/// member's actions read the server's language from its setup like the volunteers' do.
#[tokio::test(start_paused = true)]
async fn a_members_note_redraws_a_german_servers_card_in_german() {
    let w = World::new().await;
    let mut setup = w.desk.store().guild_setup(GUILD).await.unwrap().unwrap();
    setup.lang = Some(pitcrew::domain::LangCode::De);
    w.desk
        .store()
        .save_guild_setup(&setup, w.desk.now())
        .await
        .unwrap();
    let h = w.opened().await;
    assert_eq!(
        w.service
            .member_note(MEMBER, h.id, "at the gate")
            .await
            .unwrap(),
        NoteOutcome::Sent
    );
    let redrawn: Vec<Lang> = w
        .port
        .calls()
        .into_iter()
        .filter_map(|c| match c {
            Call::UpdateCard { lang, .. } => Some(lang),
            _ => None,
        })
        .collect();
    assert_eq!(redrawn, [Lang::De], "{:?}", w.port.calls());
}
