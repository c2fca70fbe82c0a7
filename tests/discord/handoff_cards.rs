//! What volunteers do on a card (claim, release, transfer, resolve) and what the member does
//! around it (a note, the rating, cancelling), each checked on the card, in the thread and in
//! the database; the role checked on every press; two claims racing; a member who left.

use std::time::Duration;

use pitcrew::domain::{GuildId, HandoffStatus, Rating, Timestamp, UserId};
use pitcrew::triage::Status;

use crate::fake::builders::{button, modal_submit};
use crate::harness::lock::WriteLock;
use crate::harness::screen::{embed, field, id_of, labels};
use crate::harness::{words, Crew, Delivered, Pit, T};

const TEN_MINUTES: Duration = Duration::from_secs(600);
const NOT_VOLUNTEER: &str = "Only the club's volunteers can do that.";

/// Set up, the scene's member asks for a volunteer, and the handoff is delivered.
async fn handed_over(pit: &Pit) -> (Crew, Delivered) {
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let (_, session) = pit.ask_volunteer(&pit.scene.actor).await;
    (crew, pit.delivered(session).await)
}

fn claimed_card_labels() -> Vec<&'static str> {
    vec!["Resolve", "Release", "Open the thread"]
}

#[tokio::test]
async fn claim_adds_the_volunteer_and_tells_the_member_then_release_requeues_and_pings_again() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    let member = pit.scene.user.id;
    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);

    let claimed = pit.press(&ada_here, &d.card, "Claim").await;
    assert_eq!(claimed.kind(), 7, "the card itself is redrawn");
    let card = claimed.message();
    assert_eq!(card.id, d.card.id);
    assert_eq!(
        field(&card, "Status").unwrap(),
        format!("Claimed by <@{}>", ada.id)
    );
    assert_eq!(embed(&card)["color"], 0x3b82f6);
    assert_eq!(labels(&card), claimed_card_labels());
    let select = card
        .components()
        .into_iter()
        .find(|c| c["type"] == 5)
        .expect("a user select");
    assert_eq!(select["placeholder"], "Transfer to another volunteer");
    assert_eq!(
        card.content(),
        d.card.content(),
        "the ping line stays as it was"
    );
    let h = pit.handoff_of(d.handoff.session).await.unwrap();
    assert_eq!(
        (h.status, h.claimed_by, h.next_notify_at),
        (HandoffStatus::Claimed, Some(UserId(ada.id)), None)
    );
    assert!(
        pit.server.thread_members(d.thread).contains(&ada.id),
        "the volunteer joins the thread"
    );
    let told = pit.wait_messages(d.thread, 2, "the member told").await;
    assert_eq!(
        told[1].content(),
        format!("<@{}> (club volunteer) has joined to help you.", ada.id)
    );

    let released = pit.press(&ada_here, &card, "Release").await;
    assert_eq!(released.kind(), 7);
    let card = released.message();
    assert_eq!(field(&card, "Status").unwrap(), "Waiting for a volunteer");
    assert_eq!(labels(&card), ["Claim", "Open the thread"]);
    assert!(card.components().iter().all(|c| c["type"] != 5));
    let h = pit.handoff_of(d.handoff.session).await.unwrap();
    assert_eq!(
        (h.status, h.claimed_by, h.notify_count),
        (HandoffStatus::Open, None, 0)
    );
    assert!(h.next_notify_at.is_some(), "reminders start again");
    // Back in the queue: the role is pinged again, with a link to the card.
    let cards = pit.wait_messages(crew.cards, 2, "the re-ping").await;
    assert_eq!(
        cards[1].content(),
        format!(
            "<@&{}>: a member needs a volunteer. Back in the queue: https://discord.com/channels/{}/{}/{}",
            crew.role, pit.scene.guild_id, crew.cards, d.card.id
        )
    );
    let told = pit
        .wait_messages(d.thread, 3, "the member told again")
        .await;
    assert!(
        told[2]
            .content()
            .starts_with("The volunteer had to step away"),
        "{}",
        told[2].content()
    );
    let repings: Vec<_> = pit
        .sent()
        .into_iter()
        .filter(|s| s.method == "POST" && s.channel == Some(crew.cards))
        .collect();
    assert_eq!(repings.len(), 2, "the card and the re-ping");
    for s in &repings {
        assert_eq!(
            (s.allowed_users(), s.allowed_roles()),
            (vec![], vec![crew.role])
        );
    }
    pit.assert_pings_only(&[member], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn transfer_goes_only_to_someone_with_the_volunteer_role() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    let [ada, ben] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    pit.wait_messages(d.thread, 2, "the claim told").await;

    let outsider = pit.server.add_user("helpful_stranger");
    pit.server.add_member(pit.scene.guild_id, outsider.id, &[]);
    let refused = pit.pick_users(&ada_here, &card, &[&outsider]).await;
    assert_eq!(refused.kind(), 4, "a private note beside the card");
    let note = refused.message();
    assert!(note.is_ephemeral());
    assert_eq!(
        note.content(),
        format!(
            "<@{}> is not a volunteer here, so this stays with you.",
            outsider.id
        )
    );
    assert_eq!(
        pit.server.message(card.id).unwrap().json,
        card.json,
        "the card unchanged"
    );
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap().claimed_by,
        Some(UserId(ada.id))
    );
    assert!(!pit.server.thread_members(d.thread).contains(&outsider.id));

    let moved = pit.pick_users(&ada_here, &card, &[ben]).await;
    assert_eq!(moved.kind(), 7);
    assert_eq!(
        field(&moved.message(), "Status").unwrap(),
        format!("Claimed by <@{}>", ben.id)
    );
    let h = pit.handoff_of(d.handoff.session).await.unwrap();
    assert_eq!(
        (h.status, h.claimed_by),
        (HandoffStatus::Claimed, Some(UserId(ben.id)))
    );
    assert!(pit.server.thread_members(d.thread).contains(&ben.id));
    let told = pit.wait_messages(d.thread, 3, "the transfer told").await;
    assert_eq!(
        told[2].content(),
        format!("<@{}> (club volunteer) is taking over to help you.", ben.id)
    );
    pit.assert_pings_only(&[pit.scene.user.id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn resolve_takes_a_note_closes_the_thread_and_asks_the_member_once() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    let member = pit.scene.user.id;
    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    pit.wait_messages(d.thread, 2, "the claim told").await;

    let opened = pit.press(&ada_here, &card, "Resolve").await;
    assert_eq!(opened.kind(), 9, "a modal");
    let modal = pit.server.modal(&opened.handle).unwrap();
    assert_eq!(modal["custom_id"], format!("h:xm:{}", d.handoff.id));
    let input = &modal["components"][0]["components"][0];
    assert_eq!(
        (input["custom_id"].as_str(), input["style"].as_u64()),
        (Some("h:xt"), Some(2))
    );
    assert_eq!(input["required"], false, "the note is optional");

    let note = "Spare fitted.\nRe-torque the nuts after 50 km.";
    let resolved = pit
        .submit(
            &ada_here,
            &format!("h:xm:{}", d.handoff.id),
            &[("h:xt", note)],
        )
        .await;
    assert_eq!(resolved.kind(), 7, "the card is redrawn");
    let card = resolved.message();
    assert_eq!(card.id, d.card.id);
    assert_eq!(
        field(&card, "Status").unwrap(),
        format!("Resolved by <@{}>", ada.id)
    );
    assert_eq!(
        field(&card, "Volunteer's note").unwrap(),
        "> Spare fitted.\n> Re-torque the nuts after 50 km."
    );
    assert_eq!(embed(&card)["color"], 0x6b7280);
    assert_eq!(labels(&card), ["Open the thread"], "nothing left to press");
    let h = pit.handoff_of(d.handoff.session).await.unwrap();
    assert_eq!(h.status, HandoffStatus::Resolved);
    assert_eq!(h.resolution_note.as_deref(), Some(note));
    assert_eq!(pit.session(h.session).await.state.status, Status::Resolved);

    // The member is asked in the thread; the thread is archived (closed) at once.
    let said = pit.wait_messages(d.thread, 3, "the rating question").await;
    let ask = &said[2];
    assert_eq!(
        ask.content(),
        format!(
            "<@{}> marked this as resolved.\n> Spare fitted.\n> Re-torque the nuts after 50 km.\n\n<@{member}>, did this solve it?",
            ada.id
        )
    );
    assert_eq!(labels(ask), ["Yes, solved", "No, still stuck"]);
    let (archived, _) = pit.server.thread_state(d.thread);
    assert!(archived, "the thread is closed");

    // The member answers (Discord reopens an archived, unlocked thread for the press).
    let in_thread = pit.actor_in(d.thread, member);
    let answered = pit.press(&in_thread, ask, "Yes, solved").await;
    assert_eq!(answered.kind(), 7);
    assert!(answered
        .message()
        .content()
        .starts_with("Thanks for telling us."));
    assert!(answered.message().components().is_empty());
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap().rating,
        Some(Rating::Solved)
    );
    let locked = pit
        .server
        .wait_until(T, "the thread archived and locked", |s| {
            (s.thread_state(d.thread) == (true, true)).then_some(())
        })
        .await;
    assert!(locked.is_ok(), "{locked:?}");
    let shown = pit
        .server
        .wait_until(T, "the answer on the card", |s| {
            let card = s.message(d.card.id)?;
            field(&card, "Member's answer").filter(|a| a == "Yes, it solved it")
        })
        .await;
    assert!(shown.is_ok(), "{shown:?}");

    // A second answer (a copy of the button somewhere else) changes nothing.
    let no = id_of(ask, "No, still stuck");
    let copy = pit.post_public(pit.scene.channel_id, &[&no]).await;
    let again = pit.press_id(&pit.scene.actor, &copy, &no).await;
    assert!(
        again
            .message()
            .content()
            .contains("we already have your answer"),
        "{}",
        again.message().content()
    );
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap().rating,
        Some(Rating::Solved)
    );
    // Nor can anyone else answer for the member.
    let ada_copy = pit.actor_in(pit.scene.channel_id, ada.id);
    let copy = pit.post_public(pit.scene.channel_id, &[&no]).await;
    let not_theirs = pit.press_id(&ada_copy, &copy, &no).await;
    assert_eq!(not_theirs.kind(), 4);
    assert_eq!(
        not_theirs.message().content(),
        "Only the member who asked for help can answer this."
    );
    pit.assert_pings_only(&[member], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn every_card_action_checks_the_role_and_a_refusal_changes_nothing() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    let [ada, ben] = &crew.volunteers;
    let stranger = pit.server.add_user("not_a_volunteer");
    pit.server.add_member(pit.scene.guild_id, stranger.id, &[]);
    let outsider = pit.actor_in(crew.cards, stranger.id);

    let refuse = |answer: crate::harness::Answer| {
        assert_eq!(answer.kind(), 4, "{:?}", answer.callback);
        let note = answer.message();
        assert!(note.is_ephemeral());
        assert_eq!(note.visible_to, Some(stranger.id));
        assert_eq!(note.content(), NOT_VOLUNTEER);
    };
    refuse(pit.press(&outsider, &d.card, "Claim").await);
    assert_eq!(pit.server.message(d.card.id).unwrap().edits, 0);
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap(),
        d.handoff,
        "nothing changed"
    );

    let ada_here = pit.actor_in(crew.cards, ada.id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    pit.wait_messages(d.thread, 2, "the claim told").await;
    let before = pit.handoff_of(d.handoff.session).await.unwrap();
    // Ada opens the resolve modal, so a submission of it is something Discord could send.
    assert_eq!(pit.press(&ada_here, &card, "Resolve").await.kind(), 9);
    for label in ["Resolve", "Release"] {
        refuse(pit.press(&outsider, &card, label).await);
    }
    refuse(pit.pick_users(&outsider, &card, &[ben]).await);
    refuse(
        pit.submit(
            &outsider,
            &format!("h:xm:{}", d.handoff.id),
            &[("h:xt", "done")],
        )
        .await,
    );
    assert_eq!(
        pit.server.message(card.id).unwrap().json,
        card.json,
        "the card untouched"
    );
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap(),
        before,
        "the handoff untouched"
    );
    assert_eq!(
        pit.server.channel_messages(d.thread).len(),
        2,
        "the thread untouched"
    );
    assert!(!pit.server.thread_members(d.thread).contains(&stranger.id));
    pit.assert_pings_only(&[pit.scene.user.id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn two_volunteers_claiming_at_once_one_wins_and_the_other_is_told_who() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    let [ada, ben] = &crew.volunteers;
    let claim = id_of(&d.card, "Claim");
    let presses = [
        pit.server
            .dispatch(button(&d.card, &claim).by(&pit.actor_in(crew.cards, ada.id)))
            .await,
        pit.server
            .dispatch(button(&d.card, &claim).by(&pit.actor_in(crew.cards, ben.id)))
            .await,
    ];
    let answers = [
        pit.answer(presses[0].clone()).await,
        pit.answer(presses[1].clone()).await,
    ];
    let h = pit.handoff_of(d.handoff.session).await.unwrap();
    assert_eq!(h.status, HandoffStatus::Claimed);
    let winner = h.claimed_by.expect("someone has it").get();
    let (won, lost) = if winner == ada.id {
        (&answers[0], &answers[1])
    } else {
        (&answers[1], &answers[0])
    };
    assert_eq!(won.kind(), 7);
    assert_eq!(
        field(&won.message(), "Status").unwrap(),
        format!("Claimed by <@{winner}>")
    );
    assert_eq!(lost.kind(), 4, "the other gets a private note");
    assert!(lost.message().is_ephemeral());
    assert_eq!(
        lost.message().content(),
        format!("<@{winner}> already has this one.")
    );
    let told = pit.wait_messages(d.thread, 2, "the claim told").await;
    assert_eq!(told.len(), 2, "the member is told once");
    let loser = if winner == ada.id { ben.id } else { ada.id };
    assert!(!pit.server.thread_members(d.thread).contains(&loser));
    assert_eq!(
        pit.server.message(d.card.id).unwrap().edits,
        1,
        "one redraw"
    );
    pit.assert_pings_only(&[pit.scene.user.id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_member_who_left_the_server_is_shown_on_the_card() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    pit.server
        .remove_member(pit.scene.guild_id, pit.scene.user.id);
    let [ada, _] = &crew.volunteers;
    let claimed = pit
        .press(&pit.actor_in(crew.cards, ada.id), &d.card, "Claim")
        .await;
    assert_eq!(claimed.kind(), 7);
    assert_eq!(
        field(&claimed.message(), "Member").unwrap(),
        format!("<@{}> (has left the server)", pit.scene.user.id)
    );
    assert!(pit.handoff_of(d.handoff.session).await.unwrap().member_left);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn cancel_during_a_handoff_updates_the_card_and_closes_the_thread() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    let [ada, _] = &crew.volunteers;
    pit.press(&pit.actor_in(crew.cards, ada.id), &d.card, "Claim")
        .await;
    pit.wait_messages(d.thread, 2, "the claim told").await;

    let me = &pit.scene.actor;
    let note = pit.triage(me, Some("cancel")).await.message();
    assert!(note.is_ephemeral());
    assert!(
        note.content()
            .starts_with("Your request for a volunteer is cancelled"),
        "{}",
        note.content()
    );
    let h = pit.handoff_of(d.handoff.session).await.unwrap();
    assert_eq!(h.status, HandoffStatus::Cancelled);
    assert_eq!(h.next_notify_at, None);
    assert_eq!(pit.session(h.session).await.state.status, Status::Abandoned);
    let card = pit
        .server
        .wait_until(T, "the card redrawn", |s| {
            let card = s.message(d.card.id)?;
            (field(&card, "Status")? == "Cancelled by the member").then_some(card)
        })
        .await
        .unwrap();
    assert_eq!(
        labels(&card),
        ["Open the thread"],
        "nothing left to claim or resolve"
    );
    assert_eq!(embed(&card)["color"], 0x6b7280);
    let said = pit.wait_messages(d.thread, 3, "the thread told").await;
    assert_eq!(said[2].content(), "The member cancelled this request.");
    let closed = pit
        .server
        .wait_until(T, "the thread archived and locked", |s| {
            (s.thread_state(d.thread) == (true, true)).then_some(())
        })
        .await;
    assert!(closed.is_ok(), "{closed:?}");
    // Cancelling again finds nothing to cancel.
    let again = pit.triage(me, Some("cancel")).await.message();
    assert_eq!(again.content(), "You have no open guide here.");
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_members_note_full_of_mentions_pings_nobody_and_is_shown_quoted() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let [ada, _] = &crew.volunteers;
    // Even the member's name is hostile.
    let me = pit.other_member("@everyone");
    let (pressed, session) = pit.ask_volunteer(&me).await;
    let d = pit.delivered(session).await;
    let screen = pressed.message();

    let opened = pit
        .press(&me, &screen, "Add a note for the volunteer")
        .await;
    assert_eq!(opened.kind(), 9);
    let modal = pit.server.modal(&opened.handle).unwrap();
    assert_eq!(modal["custom_id"], format!("h:nm:{}", d.handoff.id));
    let note = format!(
        "@everyone @here help!\n<@&{}> <@{}> <@&{}>\nI am at the A9 layby, phone at 10%.",
        crew.role, ada.id, pit.scene.guild_id
    );
    let payload = modal_submit(&format!("h:nm:{}", d.handoff.id), &[("h:nt", &note)]).by(&me);
    let thanks = pit
        .answer(pit.server.dispatch(payload).await)
        .await
        .message();
    assert!(thanks.is_ephemeral());
    assert_eq!(
        thanks.content(),
        "Thanks. The volunteers can see your note."
    );
    assert_eq!(
        pit.handoff_of(session)
            .await
            .unwrap()
            .member_note
            .as_deref(),
        Some(note.as_str())
    );

    let quoted = note
        .lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    let said = pit
        .wait_messages(d.thread, 2, "the note in the thread")
        .await;
    assert_eq!(
        said[1].content(),
        format!("Note from the member:\n{quoted}")
    );
    let card = pit
        .server
        .wait_until(T, "the note on the card", |s| {
            let card = s.message(d.card.id)?;
            field(&card, "Member's note")
                .filter(|n| *n == quoted)
                .map(|_| card)
        })
        .await;
    assert!(card.is_ok(), "{card:?}");

    // Every body the bot sent: nothing parsed from text, and whatever carries the note (or the
    // name) may ping no one at all.
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    let carrying: Vec<_> = pit
        .sent()
        .into_iter()
        .filter(|s| s.text().contains("@here"))
        .collect();
    assert!(
        carrying.len() >= 2,
        "the thread message and the card edit: {carrying:#?}"
    );
    for s in &carrying {
        assert!(
            s.allowed_users().is_empty() && s.allowed_roles().is_empty(),
            "{} {}: {:#}",
            s.method,
            s.path,
            s.message
        );
    }
    let thread = pit.server.channel(d.thread).unwrap();
    assert_eq!(thread["name"], "Help: Wheel change drill · @everyone");
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_slow_store_while_resolving_is_acknowledged_within_three_seconds() {
    let pit = Pit::start().await;
    let (crew, d) = handed_over(&pit).await;
    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    pit.wait_messages(d.thread, 2, "the claim told").await;
    assert_eq!(pit.press(&ada_here, &card, "Resolve").await.kind(), 9);

    let lock = WriteLock::take(&pit.db_url).await;
    let submit = modal_submit(&format!("h:xm:{}", d.handoff.id), &[("h:xt", "")]).by(&ada_here);
    let handle = pit.server.dispatch(submit).await;
    let ack = pit.server.wait_response(&handle, T).await;
    lock.release().await;
    let ack = ack.expect("an answer while the store is busy");
    assert!(ack.accepted(), "{ack:?}");
    assert_eq!(
        ack.kind, 6,
        "a silent acknowledgement, then the card is edited"
    );
    let card = pit
        .server
        .wait_original(&handle, T, |m| m.edits > 1)
        .await
        .unwrap();
    assert_eq!(card.id, d.card.id);
    assert_eq!(
        field(&card, "Status").unwrap(),
        format!("Resolved by <@{}>", ada.id)
    );
    assert_eq!(
        pit.handoff_of(d.handoff.session).await.unwrap().status,
        HandoffStatus::Resolved
    );
    pit.server.assert_no_violations();
}

/// Two steps that lead to each other by 80-character labels under 120-character questions,
/// so a member can walk as long a way as they like.
fn long_walk_guide() -> String {
    let node = |id: &str, other: &str| {
        format!(
            "[[node]]\nid = \"{id}\"\ntext = \"{}\"\nchoices = [\n  {{ label = \"{}\", goto = \"{other}\" }},\n  {{ label = \"{}\", goto = \"ask\" }},\n  {{ label = \"Someone may be in danger\", goto = \"danger\" }},\n]\n\n",
            words(&format!("Schritt {id} prüfen"), 120),
            words(&format!("Weiter zu {other} é"), 80),
            words(&format!("Hilfe von {id} ü"), 80),
        )
    };
    format!(
        "id = \"long-walk\"\ntitle = \"{}\"\nsummary = \"A walk as long as the member makes it.\"\ntags = [\"walk\"]\nstart = \"a\"\n\n{}{}\
         [[node]]\nid = \"ask\"\noutcome = \"escalate\"\ntext = \"A volunteer will help.\"\n\n\
         [[node]]\nid = \"danger\"\noutcome = \"emergency\"\ntext = \"**Call {{emergency}} now.**\"\n\n\
         [[source]]\ntitle = \"Test\"\npublisher = \"pitcrew tests\"\n",
        words("Langer Weg", 100),
        node("a", "b"),
        node("b", "a"),
    )
}

#[tokio::test]
async fn a_long_walk_with_both_notes_full_still_fits_on_one_card() {
    let pit = Pit::start_with(crate::harness::Options {
        guides: vec![("long-walk.toml".into(), long_walk_guide())],
        ..crate::harness::Options::default()
    })
    .await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some("long-walk")).await.message();
    let (session, _) = crate::harness::screen::step_of(&msg);
    for _ in 0..24 {
        let now = pit.server.message(msg.id).unwrap();
        pit.press(me, &now, &labels(&now)[0]).await;
    }
    let now = pit.server.message(msg.id).unwrap();
    let screen = pit.press(me, &now, &labels(&now)[1]).await.message();
    let d = pit.delivered(session).await;
    assert!(crate::harness::screen::description(&d.card).starts_with("*…5 earlier steps*"));

    let note = words("Ich stehe am Rastplatz", 1000);
    pit.press(me, &screen, "Add a note for the volunteer").await;
    let noted = pit
        .submit(me, &format!("h:nm:{}", d.handoff.id), &[("h:nt", &note)])
        .await;
    assert_eq!(
        noted.message().content(),
        "Thanks. The volunteers can see your note."
    );
    let ada_here = pit.actor_in(crew.cards, crew.volunteers[0].id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    assert_eq!(pit.press(&ada_here, &card, "Resolve").await.kind(), 9);
    let resolved = pit
        .submit(
            &ada_here,
            &format!("h:xm:{}", d.handoff.id),
            &[("h:xt", &words("Erledigt", 1000))],
        )
        .await;
    assert_eq!(resolved.kind(), 7, "{:?}", resolved.callback);
    assert!(
        resolved.callback.accepted(),
        "{:?}",
        resolved.callback.error
    );
    let card = resolved.message();
    assert_eq!(
        field(&card, "Status").unwrap(),
        format!("Resolved by <@{}>", crew.volunteers[0].id)
    );
    assert_eq!(
        field(&card, "Member's note").unwrap(),
        format!("> {note}"),
        "the notes whole"
    );
    let size: usize = {
        let e = embed(&card);
        let chars = |v: &serde_json::Value| v.as_str().map_or(0, |s| s.chars().count());
        chars(&e["title"])
            + chars(&e["description"])
            + chars(&e["footer"]["text"])
            + e["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| chars(&f["name"]) + chars(&f["value"]))
                .sum::<usize>()
    };
    assert!(size <= 6000, "{size} characters in the card's embed");
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn releasing_an_urgent_handoff_pings_whoever_is_on_duty_like_its_card() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let [ada, ben] = &crew.volunteers;
    pit.store
        .set_on_duty(
            GuildId(pit.scene.guild_id),
            UserId(ada.id),
            true,
            Timestamp(1),
        )
        .await
        .unwrap();
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(crate::harness::DRILL)).await.message();
    let (session, _) = crate::harness::screen::step_of(&msg);
    pit.press(me, &msg, "Someone may be in danger").await;
    let d = pit.delivered(session).await;
    let ben_here = pit.actor_in(crew.cards, ben.id);
    let card = pit.press(&ben_here, &d.card, "Claim").await.message();
    pit.press(&ben_here, &card, "Release").await;
    let cards = pit.wait_messages(crew.cards, 2, "the re-ping").await;
    assert!(
        cards[1].content().starts_with(&format!(
            "🚨 <@{}>: urgent, a member may be in danger. Back in the queue:",
            ada.id
        )),
        "{}",
        cards[1].content()
    );
    let pings: Vec<_> = pit
        .sent()
        .into_iter()
        .filter(|s| s.method == "POST" && s.channel == Some(crew.cards))
        .map(|s| (s.allowed_users(), s.allowed_roles()))
        .collect();
    assert_eq!(
        pings,
        [(vec![ada.id], vec![]), (vec![ada.id], vec![])],
        "the card and the re-ping alike"
    );
    pit.server.assert_no_violations();
}
