//! "Nobody left without a person" (issue 10, deliverable 4): a description no guide covers is
//! told so plainly and offered "None of these — ask a volunteer", which hands the member's own
//! words to the volunteers on a card that pings nobody the words name; the picker always has
//! the button (asking for words first); and a server without volunteers gets the honest answer.

use std::time::{Duration, Instant};

use pitcrew::domain::Region;
use pitcrew::domain::{GuildId, Handoff, HandoffStatus, UserId, NO_GUIDE};
use pitcrew::guide::Lang;
use pitcrew::handoff::text::{none_fits, unguided_title};
use pitcrew::triage::Status;

use crate::fake::builders::modal_submit;
use crate::fake::{Actor, StoredMessage};
use crate::harness::screen::{description, field, labels, title};
use crate::harness::{Pit, T};

const TEN_MINUTES: Duration = Duration::from_secs(600);
/// A problem none of the guides (shipped or the drill) is about.
const UNCOVERED: &str = "lost the radio code after changing the battery";

/// The member's live handoff in the scene's guild once its card is posted.
async fn delivered(pit: &Pit, member: &Actor) -> Handoff {
    let deadline = Instant::now() + T;
    loop {
        let h = pit
            .store
            .live_handoff_of_member(GuildId(pit.scene.guild_id), UserId(member.user_id))
            .await
            .expect("store readable");
        if let Some(h) = h.filter(|h| h.card_message.is_some() && h.thread.is_some()) {
            return h;
        }
        assert!(Instant::now() < deadline, "no card for the member's words");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn button_ids(msg: &StoredMessage) -> Vec<String> {
    msg.components()
        .into_iter()
        .filter(|c| c["type"] == 2)
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}

fn quoted(words: &str) -> String {
    words
        .lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_description_no_guide_covers_is_said_plainly_and_none_of_these_posts_the_words_pinging_nobody(
) {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let [ada, _] = &crew.volunteers;
    let me = &pit.scene.actor;
    let words = format!(
        "@everyone @here {UNCOVERED}\n<@&{}> <@{}> come quick",
        crew.role, ada.id
    );

    let picker = pit.triage(me, None).await.message();
    let told = pit.describe(me, &picker, &words).await.message();
    // Said plainly: no guide offered as if it fitted, and the way to a person right there.
    assert_eq!(title(&told), "No guide fits that");
    assert!(
        description(&told).contains("None of our guides fits what you described"),
        "{}",
        description(&told)
    );
    assert!(
        labels(&told).iter().any(|l| *l == none_fits(Lang::En)),
        "{:?}",
        labels(&told)
    );
    assert!(
        button_ids(&told).iter().all(|id| !id.starts_with("g:")),
        "no guide button: {:?}",
        button_ids(&told)
    );
    assert_eq!(
        field(&told, "Your words").as_deref(),
        Some(quoted(&words).as_str())
    );

    let asked = pit.press(me, &told, &none_fits(Lang::En)).await;
    assert_eq!(
        asked.kind(),
        7,
        "the screen turns into the answer, no form to fill again"
    );
    let screen = asked.message();
    assert_eq!(title(&screen), "A volunteer has been asked");
    assert!(description(&screen).contains("will join your private thread"));

    let h = delivered(&pit, me).await;
    assert_eq!(h.status, HandoffStatus::Open);
    assert!(!h.urgent);
    assert_eq!(h.member_note.as_deref(), Some(words.as_str()));
    let session = pit.session(h.session).await;
    assert_eq!(session.guide_id, NO_GUIDE);
    assert_eq!(session.state.status, Status::Escalated);

    // The card: the member's words, quoted, under a title that says no guide led here.
    let card = pit.card(&h);
    assert!(
        title(&card).contains(&unguided_title(Lang::En)),
        "{}",
        title(&card)
    );
    assert_eq!(
        field(&card, "In the member's own words").as_deref(),
        Some(quoted(&words).as_str())
    );

    // Nothing the bot sent lets Discord parse mentions from text; only the volunteer role (by
    // the card's own ping line) and the member (in their thread) may be pinged, never Ada,
    // whom the words name, nor anyone through @everyone or @here.
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    let card_post = pit
        .sent()
        .into_iter()
        .find(|s| s.method == "POST" && s.channel == Some(crew.cards))
        .expect("the card was posted");
    assert!(
        card_post.text().contains("@everyone"),
        "the words are on it"
    );
    assert!(
        !card_post.content().contains("@everyone") && !card_post.content().contains("@here"),
        "the words stay in the embed, out of the pinging content: {}",
        card_post.content()
    );
    assert!(card_post.allowed_users().is_empty());
    assert_eq!(card_post.allowed_roles(), [crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn the_picker_always_offers_none_of_these_and_asks_for_the_words_first() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let me = &pit.scene.actor;

    // Also beside suggestions that do fit: the member may still know better.
    let fitting = pit
        .triage(me, Some("locked my keys in the BMW"))
        .await
        .message();
    assert_eq!(title(&fitting), "These guides fit best");
    assert!(labels(&fitting).iter().any(|l| *l == none_fits(Lang::En)));

    let picker = pit.triage(me, None).await.message();
    assert!(
        labels(&picker).iter().any(|l| *l == none_fits(Lang::En)),
        "{:?}",
        labels(&picker)
    );
    // Nothing described yet: a form opens at once, and nothing is written before it.
    let opened = pit.press(me, &picker, &none_fits(Lang::En)).await;
    assert_eq!(opened.kind(), 9, "a modal asks for the member's words");
    let modal = pit.server.modal(&opened.handle).expect("a modal");
    assert_eq!(modal["custom_id"], "askm");
    assert!(pit
        .store
        .live_handoff_of_member(GuildId(pit.scene.guild_id), UserId(me.user_id))
        .await
        .expect("store readable")
        .is_none());

    let words = "Coolant boiling over, parked on the hard shoulder @here";
    let payload = modal_submit("askm", &[("askt", words)]).by(me);
    let asked = pit.answer(pit.server.dispatch(payload).await).await;
    assert_eq!(asked.kind(), 7, "the picker turns into the answer");
    assert_eq!(title(&asked.message()), "A volunteer has been asked");
    let h = delivered(&pit, me).await;
    assert_eq!(h.member_note.as_deref(), Some(words));
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn without_volunteers_set_up_or_in_a_dm_no_volunteer_is_promised() {
    let pit = Pit::start().await;
    let me = &pit.scene.actor;
    let picker = pit.triage(me, None).await.message();
    let told = pit.describe(me, &picker, UNCOVERED).await.message();
    let answer = pit.press(me, &told, &none_fits(Lang::En)).await.message();
    let said = description(&answer);
    assert_eq!(title(&answer), "No volunteer here");
    assert!(said.contains("No volunteer can be reached here"), "{said}");
    assert!(said.contains("not set volunteers up"), "{said}");
    assert!(!said.contains("has been told,"), "no promise: {said}");
    assert!(said.contains("roadside"), "{said}");
    // The member reads en-US and the server set no region: the US number.
    assert!(
        said.contains(&Region::Us.in_danger()),
        "the emergency sentence: {said}"
    );
    let none = pit
        .store
        .live_handoff_of_member(GuildId(pit.scene.guild_id), UserId(me.user_id))
        .await
        .expect("store readable");
    assert!(none.is_none(), "nothing was opened: {none:?}");

    // In a DM the answer comes at once, without a form: nobody can be reached from here.
    let driver = pit.server.add_user("dm_driver");
    let dm = pit.server.dm_actor(driver.id);
    let picker = pit.triage(&dm, None).await.message();
    let answer = pit.press(&dm, &picker, &none_fits(Lang::En)).await;
    assert_eq!(answer.kind(), 7);
    let said = description(&answer.message());
    assert!(said.contains("not in direct messages"), "{said}");
    assert!(said.contains(&Region::Us.in_danger()), "{said}");
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}
