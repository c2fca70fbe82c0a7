//! The volunteers' card stays in the server's language and says which language the member
//! reads (issue 10, deliverable 2): a `de` member's card and thread name German; an `en-US`
//! member's say nothing about language, so the line means something when it shows.

use std::time::{Duration, Instant};

use pitcrew::domain::{GuildId, LangCode, UserId};
use pitcrew::guide::Lang;
use pitcrew::i18n::{text, Msg};

use crate::fake::Actor;
use crate::harness::screen::{field, field_names, step_of, title};
use crate::harness::{Pit, DRILL, T};

const TEN_MINUTES: Duration = Duration::from_secs(600);
const READS_GERMAN: &str = "German (Deutsch) — write simply, or use a translator";

/// `member` walks the drill to the jack step and presses the volunteer button in `lang`.
async fn ask_in(pit: &Pit, member: &Actor, lang: Lang) -> pitcrew::domain::SessionId {
    let msg = pit.triage(member, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    // The drill has no German translation: its own label stands, node by node.
    pit.press(member, &msg, "Yes, we are safe").await;
    pit.press(member, &msg, &text(lang, Msg::NavVolunteer))
        .await;
    session
}

#[tokio::test]
async fn a_german_members_card_and_thread_say_they_read_german_and_an_english_ones_do_not() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;

    let de = pit.scene.actor.clone().with_locale("de");
    let session = ask_in(&pit, &de, Lang::De).await;
    let d = pit.delivered(session).await;
    assert_eq!(d.handoff.member_lang, Some(LangCode::De));
    // The card is in English, the server's language, and names the member's.
    assert!(
        title(&d.card).starts_with("Needs a volunteer"),
        "{}",
        title(&d.card)
    );
    assert_eq!(field(&d.card, "Reads").as_deref(), Some(READS_GERMAN));
    let opening = pit.server.channel_messages(d.thread)[0]
        .content()
        .to_string();
    assert!(
        opening.ends_with(&format!(
            "**For volunteers:** the member reads {READS_GERMAN}."
        )),
        "{opening}"
    );

    let en = pit.other_member("english_reader").with_locale("en-US");
    let session = ask_in(&pit, &en, Lang::En).await;
    let d = pit.delivered(session).await;
    assert_eq!(d.handoff.member_lang, Some(LangCode::En));
    assert!(
        !field_names(&d.card).iter().any(|f| f == "Reads"),
        "{:?}",
        field_names(&d.card)
    );
    let opening = pit.server.channel_messages(d.thread)[0]
        .content()
        .to_string();
    assert!(!opening.contains("reads"), "{opening}");
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_german_member_who_asks_without_a_guide_gets_a_card_that_says_so_too() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let de = pit.scene.actor.clone().with_locale("de");
    let picker = pit.triage(&de, None).await.message();
    let told = pit
        .describe(&de, &picker, "Benzin leer auf der Autobahn")
        .await
        .message();
    pit.press(&de, &told, &text(Lang::De, Msg::NoneFits)).await;
    let deadline = Instant::now() + T;
    let h = loop {
        let h = pit
            .store
            .live_handoff_of_member(GuildId(pit.scene.guild_id), UserId(de.user_id))
            .await
            .expect("store readable");
        if let Some(h) = h.filter(|h| h.card_message.is_some()) {
            break h;
        }
        assert!(Instant::now() < deadline, "no card for the member's words");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(h.member_lang, Some(LangCode::De));
    assert_eq!(field(&pit.card(&h), "Reads").as_deref(), Some(READS_GERMAN));
    pit.server.assert_no_violations();
}
