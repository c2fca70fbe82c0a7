//! The volunteers' card stays in the server's language and says which language the member
//! reads (issue 10, deliverable 2): a `de` member's card and thread name German; an `en-US`
//! member's say nothing about language, so the line means something when it shows.

use std::time::{Duration, Instant};

use pitcrew::domain::{GuildId, LangCode, UserId};
use pitcrew::guide::Lang;
use pitcrew::i18n::{text, Msg};

use crate::fake::builders::command;
use crate::fake::{Actor, StoredMessage};
use crate::harness::screen::{field, field_names, labels, step_of, title};
use crate::harness::{Crew, Pit, DRILL, T};

const TEN_MINUTES: Duration = Duration::from_secs(600);
const READS_GERMAN: &str = "German (Deutsch) — write simply, or use a translator";
/// On a German server's card: the language named in German, and in its own words.
const READS_ENGLISH_IN_GERMAN: &str =
    "Englisch (English) — schreiben Sie einfach oder nutzen Sie einen Übersetzer";

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

/// The first message in `thread` whose content starts with `prefix`, waited for.
async fn said_in(pit: &Pit, thread: u64, prefix: &str) -> StoredMessage {
    let found = pit
        .server
        .wait_until(T, prefix, |s| {
            s.channel_messages(thread)
                .into_iter()
                .find(|m| m.content().starts_with(prefix))
        })
        .await;
    found.unwrap_or_else(|e| panic!("{prefix}: {e:?}"))
}

#[tokio::test]
async fn a_german_members_thread_speaks_german_while_the_card_stays_english() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(1)).await;
    let de = pit.scene.actor.clone().with_locale("de");
    let member = de.user_id;
    let session = ask_in(&pit, &de, Lang::De).await;
    let d = pit.delivered(session).await;
    assert!(title(&d.card).starts_with("Needs a volunteer"));
    assert_eq!(field(&d.card, "Reads").as_deref(), Some(READS_GERMAN));

    let opening = pit.server.channel_messages(d.thread)[0]
        .content()
        .to_string();
    assert!(
        opening.starts_with(&format!(
            "Hallo <@{member}>, dies ist Ihr privater Thread mit den Helferinnen und Helfern"
        )),
        "{opening}"
    );
    assert!(opening.contains("Bis dahin:"), "{opening}");
    assert!(!opening.contains("What happens next"), "{opening}");
    // The line for volunteers stays English: they are the ones it speaks to.
    assert!(opening.contains("**For volunteers:**"), "{opening}");

    let reminder = said_in(&pit, d.thread, "Wir suchen noch eine Helferin").await;
    assert!(
        reminder
            .content()
            .contains("(Erinnerung 1 ans Team gesendet)"),
        "{}",
        reminder.content()
    );

    let [ada, _] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let card = pit.press(&ada_here, &d.card, "Claim").await.message();
    said_in(
        &pit,
        d.thread,
        &format!("<@{}> (Helferin oder Helfer", ada.id),
    )
    .await;
    pit.press(&ada_here, &card, "Resolve").await;
    let resolved = pit
        .submit(
            &ada_here,
            &format!("h:xm:{}", d.handoff.id),
            &[("h:xt", "")],
        )
        .await
        .message();
    assert!(
        field(&resolved, "Status").is_some_and(|s| s.starts_with("Resolved by")),
        "the card stays English"
    );
    let ask = said_in(&pit, d.thread, &format!("<@{}> hat dies", ada.id)).await;
    assert!(
        ask.content()
            .ends_with(&format!("<@{member}>, hat das Ihr Problem gelöst?")),
        "{}",
        ask.content()
    );
    assert_eq!(labels(&ask), ["Ja, gelöst", "Nein, komme nicht weiter"]);
    pit.server.assert_no_violations();
}

/// `/pitcrew setup` with everything, run by `moderator`.
fn setup_all(pit: &Pit, crew: &Crew, moderator: &Actor) -> serde_json::Value {
    command("pitcrew")
        .sub("setup")
        .role("volunteer_role", &pit.server.role_json(crew.role))
        .channel("cards_channel", &pit.server.resolved_channel(crew.cards))
        .channel("help_channel", &pit.server.resolved_channel(crew.help))
        .by(moderator)
}

#[tokio::test]
async fn a_german_servers_card_is_german_and_says_an_english_member_reads_english() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    // The moderator sets pitcrew up in a server whose Discord language is German, from a
    // German client: Discord sends `guild_locale` "de", and setup records it.
    let moderator = pit
        .actor_in(pit.scene.channel_id, crew.moderator.id)
        .with_locale("de")
        .with_guild_locale("de");
    pit.answer(
        pit.server
            .dispatch(setup_all(&pit, &crew, &moderator))
            .await,
    )
    .await;
    let setup = pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .expect("store readable")
        .expect("setup stored");
    assert_eq!(setup.lang, Some(LangCode::De));

    let en = pit.scene.actor.clone().with_locale("en-US");
    let session = ask_in(&pit, &en, Lang::En).await;
    let d = pit.delivered(session).await;
    assert_eq!(d.handoff.member_lang, Some(LangCode::En));
    let de = |msg| text(Lang::De, msg).into_owned();
    assert!(
        title(&d.card).starts_with("Braucht Hilfe"),
        "{}",
        title(&d.card)
    );
    assert_eq!(field(&d.card, "Status"), Some(de(Msg::CardWaiting)));
    assert_eq!(
        field(&d.card, "Liest").as_deref(),
        Some(READS_ENGLISH_IN_GERMAN)
    );
    // The thread's line for the volunteers is in the server's language too.
    let opening = pit.server.channel_messages(d.thread)[0]
        .content()
        .to_string();
    assert!(
        opening.ends_with(&format!(
            "**Für Helferinnen und Helfer:** Das Mitglied liest {READS_ENGLISH_IN_GERMAN}."
        )),
        "{opening}"
    );
    assert_eq!(
        labels(&d.card),
        [de(Msg::CardClaim), de(Msg::CardOpenThread)]
    );

    // A volunteer's press redraws it in the server's language too.
    let ada = pit.actor_in(crew.cards, crew.volunteers[0].id);
    let claimed = pit
        .press(&ada, &d.card, &de(Msg::CardClaim))
        .await
        .message();
    assert!(
        field(&claimed, "Status").is_some_and(|s| s.starts_with("Übernommen von")),
        "{:?}",
        field(&claimed, "Status")
    );
    assert_eq!(
        field(&claimed, "Liest").as_deref(),
        Some(READS_ENGLISH_IN_GERMAN)
    );
    pit.server.assert_no_violations();
}
