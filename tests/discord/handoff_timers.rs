//! Re-notification of unclaimed handoffs: with a 1 s interval (stored directly; the command
//! speaks minutes), three reminders and no more, each pinging the role and telling the member
//! what to do meanwhile; and an overdue notice met by a restarted bot goes out exactly once.

use std::time::Duration;

use pitcrew::domain::HandoffStatus;
use pitcrew::domain::{Clock, SystemClock};

use crate::fake::StoredMessage;
use crate::harness::screen::field;
use crate::harness::{Crew, Delivered, Pit};

pub fn reminder(crew: &Crew, pit: &Pit, d: &Delivered, n: u32) -> String {
    format!(
        "<@&{}>: a member needs a volunteer. Still waiting (reminder {n} of 3): https://discord.com/channels/{}/{}/{}",
        crew.role, pit.scene.guild_id, crew.cards, d.card.id
    )
}

/// The messages in `channel` whose content starts with `prefix`.
pub fn starting(all: &[StoredMessage], prefix: &str) -> usize {
    all.iter()
        .filter(|m| m.content().starts_with(prefix))
        .count()
}

#[tokio::test]
async fn an_unclaimed_handoff_is_renotified_three_times_each_telling_the_member_what_to_do() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(1)).await;
    let (_, session) = pit.ask_volunteer(&pit.scene.actor).await;
    let d = pit.delivered(session).await;

    for n in 1..=3u32 {
        let cards = pit
            .wait_messages(crew.cards, 1 + n as usize, "a reminder")
            .await;
        assert_eq!(cards[n as usize].content(), reminder(&crew, &pit, &d, n));
        let said = pit
            .wait_messages(d.thread, 1 + n as usize, "the member told")
            .await;
        let told = said[n as usize].content();
        assert!(
            told.starts_with(&format!(
                "Still looking for a volunteer (reminder {n} sent to the team)."
            )),
            "{told}"
        );
        for meanwhile in ["roadside assistance", "locksmith", "call 911"] {
            assert!(told.contains(meanwhile), "{told}");
        }
        assert_eq!(told.contains("reminded several times"), n == 3, "{told}");
        if n == 2 {
            // The member gives up and leaves; the next reminder finds out.
            pit.server
                .remove_member(pit.scene.guild_id, pit.scene.user.id);
        }
    }
    let gone = format!("<@{}> (has left the server)", pit.scene.user.id);
    let shown = pit
        .server
        .wait_until(crate::harness::T, "the card to say the member left", |s| {
            field(&s.message(d.card.id)?, "Member").filter(|m| *m == gone)
        })
        .await;
    assert!(shown.is_ok(), "{shown:?}");
    assert_eq!(
        pit.server.channel_messages(crew.cards).len(),
        4,
        "the card and three reminders"
    );
    let h = pit.handoff_of(session).await.unwrap();
    assert_eq!(
        (h.status, h.notify_count, h.next_notify_at),
        (HandoffStatus::Open, 3, None),
        "no fourth is planned"
    );
    let reminders: Vec<_> = pit
        .sent()
        .into_iter()
        .filter(|s| s.channel == Some(crew.cards) && s.content().contains("Still waiting"))
        .collect();
    assert_eq!(reminders.len(), 3);
    for s in &reminders {
        assert_eq!(
            (s.allowed_users(), s.allowed_roles()),
            (vec![], vec![crew.role]),
            "each pings the role"
        );
    }
    pit.assert_pings_only(&[pit.scene.user.id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_overdue_notice_met_by_a_restarted_bot_goes_out_exactly_once() {
    let mut pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(600)).await;
    let (_, first) = pit.ask_volunteer(&pit.scene.actor.clone()).await;
    let first = pit.delivered(first).await;
    let other = pit.other_member("second_driver");
    let (_, second) = pit.ask_volunteer(&other).await;
    let second = pit.delivered(second).await;

    // The bot dies; while it is down, both notices fall due.
    pit.kill();
    let now = SystemClock.now();
    pit.execute_sql(&format!(
        "UPDATE handoffs SET next_notify_at = {} WHERE id = {}",
        now.millis() - 60_000,
        first.handoff.id
    ))
    .await;
    pit.execute_sql(&format!(
        "UPDATE handoffs SET next_notify_at = {} WHERE id = {}",
        now.millis() - 30_000,
        second.handoff.id
    ))
    .await;
    pit.restart().await;

    let cards = pit
        .wait_messages(crew.cards, 4, "both overdue notices")
        .await;
    assert_eq!(starting(&cards, &reminder(&crew, &pit, &first, 1)), 1);
    assert_eq!(starting(&cards, &reminder(&crew, &pit, &second, 1)), 1);
    for d in [&first, &second] {
        let said = pit.wait_messages(d.thread, 2, "the member told").await;
        assert_eq!(
            starting(&said, "Still looking for a volunteer (reminder 1"),
            1
        );
        let h = pit.handoff_of(d.handoff.session).await.unwrap();
        assert_eq!(h.notify_count, 1);
        assert!(
            h.next_notify_at.unwrap() > SystemClock.now().plus(Duration::from_secs(500)),
            "the next one is a full interval away"
        );
    }

    // Down and up again with only the second one due: the first is not sent again.
    pit.kill();
    pit.execute_sql(&format!(
        "UPDATE handoffs SET next_notify_at = {} WHERE id = {}",
        SystemClock.now().millis() - 1_000,
        second.handoff.id
    ))
    .await;
    pit.restart().await;
    let cards = pit
        .wait_messages(crew.cards, 5, "the second one's next notice")
        .await;
    assert_eq!(
        cards.len(),
        5,
        "{:#?}",
        cards.iter().map(|m| m.content()).collect::<Vec<_>>()
    );
    assert_eq!(starting(&cards, &reminder(&crew, &pit, &second, 2)), 1);
    assert_eq!(
        starting(&cards, &reminder(&crew, &pit, &first, 1)),
        1,
        "never twice"
    );
    assert_eq!(pit.server.channel_messages(first.thread).len(), 2);
    assert_eq!(
        pit.handoff_of(first.handoff.session)
            .await
            .unwrap()
            .notify_count,
        1
    );
    pit.assert_pings_only(&[pit.scene.user.id, other.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}
