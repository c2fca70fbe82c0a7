//! `/forget-me` through the local Discord server: the private confirmation, "Keep my data"
//! removing nothing, someone else's press refused, and "Forget me" removing the member from
//! every table (read back with SQL over every table, so a table added later is covered too)
//! while another member's rows stay, and redrawing the cards of an open and a past request
//! without the member's words.

use std::time::Duration;

use pitcrew::domain::HandoffStatus;
use pitcrew::triage::Status;

use crate::fake::builders::command;
use crate::fake::{Actor, StoredMessage};
use crate::harness::screen::{description, field, field_names, labels};
use crate::harness::{Answer, Pit, DRILL};

const TEN_MINUTES: Duration = Duration::from_secs(600);
const REMOVED: &str = "The details of this request were removed at the member's request.";
const PAST_NOTE: &str = "past note: plate AB-123";
const OPEN_NOTE: &str = "open note: call me on 0170 1234567";
const BOB_NOTE: &str = "Bob's own words";

async fn forget_me(pit: &Pit, actor: &Actor) -> Answer {
    pit.answer(pit.server.dispatch(command("forget-me").by(actor)).await)
        .await
}

/// The member asks a volunteer, and adds `note` for them; the delivered handoff.
async fn asked_with_note(pit: &Pit, actor: &Actor, note: &str) -> crate::harness::Delivered {
    let (pressed, session) = pit.ask_volunteer(actor).await;
    let d = pit.delivered(session).await;
    let opened = pit
        .press(actor, &pressed.message(), "Add a note for the volunteer")
        .await;
    assert_eq!(opened.kind(), 9, "the note modal");
    let form = format!("h:nm:{}", d.handoff.id);
    pit.submit(actor, &form, &[("h:nt", note)]).await;
    pit.wait_handoff(session, "the note stored", |h| h.member_note.is_some())
        .await;
    d
}

#[path = "../support/every_row.rs"]
mod every_row;
use every_row::every_row;

/// The rows that hold `user`'s id or any of `texts`.
async fn rows_of(url: &str, user: u64, texts: &[&str]) -> Vec<(String, String)> {
    let id = user.to_string();
    every_row(url)
        .await
        .into_iter()
        .filter(|(_, row)| {
            row.split([',', '[', ']'])
                .any(|f| f.trim() == id || f.trim() == format!("\"{id}\""))
                || texts.iter().any(|t| row.contains(t))
        })
        .collect()
}

#[track_caller]
fn assert_forgotten_card(card: &StoredMessage, member: u64, what: &str) {
    assert_eq!(description(card), REMOVED, "{what}: {:#}", card.json);
    assert_eq!(
        field_names(card),
        ["Status"],
        "{what}: nothing of the member's"
    );
    assert!(labels(card).is_empty(), "{what}: nothing left to press");
    let shown = card.json.to_string();
    for gone in ["past note", "open note", &format!("<@{member}>")] {
        assert!(!shown.contains(gone), "{what} still shows {gone}: {shown}");
    }
}

#[tokio::test]
async fn forget_me_in_a_server_asks_then_removes_every_row_and_redraws_the_cards() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let me = &pit.scene.actor;
    let member = pit.scene.user.id;
    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);

    // A past request (resolved by Ada), an open one, and Bob's, each with a note.
    let past = asked_with_note(&pit, me, PAST_NOTE).await;
    let card = pit.press(&ada_here, &past.card, "Claim").await.message();
    pit.press(&ada_here, &card, "Resolve").await;
    let form = format!("h:xm:{}", past.handoff.id);
    pit.submit(&ada_here, &form, &[("h:xt", "fitted the spare")])
        .await;
    pit.wait_handoff(past.handoff.session, "resolved", |h| {
        h.status == HandoffStatus::Resolved
    })
    .await;
    let open = asked_with_note(&pit, me, OPEN_NOTE).await;
    let bob = pit.other_member("bob");
    let bobs = asked_with_note(&pit, &bob, BOB_NOTE).await;
    // The card masks plates and phone numbers; the start of each note shows as typed.
    for (d, note) in [(&past, "past note"), (&open, "open note")] {
        let card = pit.card(&pit.handoff_of(d.handoff.session).await.expect("stored"));
        assert!(
            card.json.to_string().contains(note),
            "the card shows the note first"
        );
    }
    let bob_before = rows_of(&pit.db_url, bob.user_id, &[BOB_NOTE]).await;
    assert!(!bob_before.is_empty());

    // The confirmation: private, says what goes and what stays, two buttons.
    let asked = forget_me(&pit, me).await;
    assert_eq!(asked.kind(), 4);
    let confirm = asked.message();
    assert!(confirm.is_ephemeral());
    assert_eq!(labels(&confirm), ["Forget me", "Keep my data"]);
    let said = description(&confirm);
    assert!(
        said.contains("saved car") && said.contains("anonymous counts"),
        "{said}"
    );
    let forget_id = format!("fm:{member}:y");
    assert_eq!(
        confirm.custom_ids(),
        [forget_id.clone(), format!("fm:{member}:n")]
    );
    assert!(
        !rows_of(&pit.db_url, member, &[]).await.is_empty(),
        "asking removes nothing"
    );

    // Bob pressing the member's "Forget me" (a copy posted publicly) is refused.
    let copy = pit.post_public(pit.scene.channel_id, &[&forget_id]).await;
    let refused = pit.press_id(&bob, &copy, &forget_id).await;
    assert_eq!(refused.kind(), 4);
    assert_eq!(
        refused.message().content(),
        "Only the member who asked can answer this."
    );
    assert!(!rows_of(&pit.db_url, member, &[OPEN_NOTE]).await.is_empty());
    assert_eq!(
        rows_of(&pit.db_url, bob.user_id, &[BOB_NOTE]).await,
        bob_before
    );

    // Confirmed: the answer counts what went, in place of the confirmation.
    let done = pit.press(me, &confirm, "Forget me").await;
    assert_eq!(done.kind(), 7);
    let done = done.message();
    assert!(labels(&done).is_empty());
    assert_eq!(
        description(&done),
        "Done. pitcrew no longer knows this about you:\n• 2 guide session(s)\n\
         • 2 request(s) for a volunteer (their cards now say the details were removed)"
    );
    let left = rows_of(&pit.db_url, member, &[PAST_NOTE, OPEN_NOTE]).await;
    assert!(left.is_empty(), "the member is still in {left:#?}");
    assert_eq!(
        rows_of(&pit.db_url, bob.user_id, &[BOB_NOTE]).await,
        bob_before,
        "Bob's rows are untouched"
    );
    let h = pit.handoff_of(open.handoff.session).await.expect("counted");
    assert_eq!(h.status, HandoffStatus::Cancelled, "the open request ended");
    assert_eq!(pit.session(h.session).await.state.status, Status::Escalated);

    // Both cards now say why their details are gone; Bob's still shows his note.
    let open_card = pit
        .server
        .wait_until(T_CARD, "the card redrawn", |s| {
            s.message(open.card.id)
                .filter(|m| description(m) == REMOVED)
        })
        .await
        .expect("the open request's card redrawn");
    assert_forgotten_card(&open_card, member, "the open request's card");
    // The open request's thread is closed, as a cancel closes it; the past one's is left be.
    let closed = |thread: u64| {
        pit.server.channel(thread).is_some_and(|t| {
            t["thread_metadata"]["archived"] == true && t["thread_metadata"]["locked"] == true
        })
    };
    pit.server
        .wait_until(T_CARD, "the open request's thread closed", |_| {
            closed(open.thread).then_some(())
        })
        .await
        .expect("the open request's thread closed");
    assert!(
        !closed(past.thread),
        "the past request's thread is not touched"
    );
    let past_card = pit
        .server
        .wait_until(T_CARD, "the card redrawn", |s| {
            s.message(past.card.id)
                .filter(|m| description(m) == REMOVED)
        })
        .await
        .expect("the past request's card redrawn");
    assert_forgotten_card(&past_card, member, "the past request's card");
    let bobs_card = pit.card(&bobs.handoff);
    assert!(bobs_card.json.to_string().contains(BOB_NOTE));
    assert_eq!(
        field(&bobs_card, "Status").as_deref(),
        Some("Waiting for a volunteer")
    );
    pit.server.assert_no_violations();
}

const T_CARD: Duration = Duration::from_secs(5);

#[tokio::test]
async fn forget_me_in_a_dm_keeps_everything_on_keep_and_forgets_on_confirm() {
    let pit = Pit::start().await;
    let member = pit.scene.user.id;
    let dm = pit.server.dm_actor(member);
    pit.triage(&dm, Some(DRILL)).await;
    let before = rows_of(&pit.db_url, member, &[]).await;
    assert!(!before.is_empty(), "the DM walk is stored");

    let asked = forget_me(&pit, &dm).await;
    assert_eq!(asked.kind(), 4);
    let kept = pit.press(&dm, &asked.message(), "Keep my data").await;
    assert_eq!(kept.kind(), 7);
    assert_eq!(description(&kept.message()), "Nothing was removed.");
    assert!(labels(&kept.message()).is_empty());
    assert_eq!(
        rows_of(&pit.db_url, member, &[]).await,
        before,
        "nothing removed"
    );

    let asked = forget_me(&pit, &dm).await;
    let done = pit.press(&dm, &asked.message(), "Forget me").await;
    assert_eq!(
        description(&done.message()),
        "Done. pitcrew no longer knows this about you:\n• 1 guide session(s)"
    );
    let left = rows_of(&pit.db_url, member, &[]).await;
    assert!(left.is_empty(), "the member is still in {left:#?}");
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_volunteer_who_is_forgotten_hands_their_claims_back_on_a_card_that_no_longer_names_them()
{
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let bobs = asked_with_note(&pit, &pit.other_member("bob"), BOB_NOTE).await;
    let claimed = pit.press(&ada_here, &bobs.card, "Claim").await.message();
    assert!(labels(&claimed).contains(&"Release".to_string()));

    let asked = forget_me(&pit, &ada_here).await;
    let done = pit.press(&ada_here, &asked.message(), "Forget me").await;
    assert!(
        description(&done.message()).contains("1 request(s) you had taken as a volunteer"),
        "{}",
        description(&done.message())
    );
    let card = pit
        .server
        .wait_until(T_CARD, "Bob's card back in the queue", |s| {
            s.message(bobs.card.id)
                .filter(|m| labels(m).contains(&"Claim".to_string()))
        })
        .await
        .expect("the card redrawn");
    assert_eq!(
        field(&card, "Status").as_deref(),
        Some("Waiting for a volunteer")
    );
    assert!(!card.json.to_string().contains(&format!("<@{}>", ada.id)));
    assert!(
        card.json.to_string().contains(BOB_NOTE),
        "Bob's request keeps his words"
    );
    let h = pit.handoff_of(bobs.handoff.session).await.expect("stored");
    assert_eq!((h.status, h.claimed_by), (HandoffStatus::Open, None));
    pit.server.assert_no_violations();
}

/// The card is the volunteers': in a German server it says so in German, whatever the
/// member's own language.
#[tokio::test]
async fn the_redrawn_card_speaks_the_servers_language() {
    use pitcrew::domain::{Clock, GuildId, LangCode, SystemClock};
    use pitcrew::guide::Lang;
    use pitcrew::i18n::{text, Msg};

    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    pit.store
        .update_guild_setup(GuildId(pit.scene.guild_id), SystemClock.now(), |s| {
            s.lang = Some(LangCode::De);
        })
        .await
        .expect("language saved");
    let me = &pit.scene.actor;
    let (_, session) = pit.ask_volunteer(me).await;
    let d = pit.delivered(session).await;
    let asked = forget_me(&pit, me).await;
    assert_eq!(
        labels(&asked.message()),
        ["Forget me", "Keep my data"],
        "the member's English"
    );
    pit.press(me, &asked.message(), "Forget me").await;
    let removed = text(Lang::De, Msg::CardForgotten).into_owned();
    let card = pit
        .server
        .wait_until(T_CARD, "the card redrawn in German", |s| {
            s.message(d.card.id).filter(|m| description(m) == removed)
        })
        .await
        .expect("the card redrawn");
    assert_eq!(
        field_names(&card),
        [text(Lang::De, Msg::CardStatus).into_owned()]
    );
    pit.server.assert_no_violations();
}
