//! A German server's volunteers read German wherever pitcrew speaks to them (issue 10,
//! deliverable 2): the refusals of their presses in the card's language (from the server's
//! setup, which the press reads anyway), the Resolve form in the server's language as Discord
//! sends it with the press (`guild_locale`: a modal opens before any store read).

use std::time::Duration;

use pitcrew::domain::{Clock, GuildId, LangCode, SystemClock};
use pitcrew::guide::Lang;
use pitcrew::i18n::{text, text_with, Arg, Msg};

use crate::fake::builders::{button, command};
use crate::harness::screen::{id_of, step_of, title};
use crate::harness::{Crew, Delivered, Pit};

const TEN_MINUTES: Duration = Duration::from_secs(600);
/// A shipped guide with a German translation.
const GUIDE: &str = "flat-tyre";

fn de(msg: Msg) -> String {
    text(Lang::De, msg).into_owned()
}

/// Records German as the server's language, as `/pitcrew setup` does in a German server.
async fn speak_german(pit: &Pit) {
    pit.store
        .update_guild_setup(GuildId(pit.scene.guild_id), SystemClock.now(), |s| {
            s.lang = Some(LangCode::De);
        })
        .await
        .expect("language saved");
}

/// A server whose setup recorded German, and an English-reading member's delivered handoff.
async fn german_server(pit: &Pit) -> (Crew, Delivered) {
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    speak_german(pit).await;
    let (_, session) = pit.ask_volunteer(&pit.scene.actor).await;
    (crew, pit.delivered(session).await)
}

#[tokio::test]
async fn a_german_servers_volunteers_are_refused_in_german() {
    let pit = Pit::start().await;
    let (crew, d) = german_server(&pit).await;
    assert!(
        title(&d.card).starts_with("Braucht Hilfe"),
        "{}",
        title(&d.card)
    );

    // The press says nothing of German (the fake's `guild_locale` is `en-US`): the words come
    // from the card's language, which the server's setup holds.
    let stranger = pit.actor_in(crew.cards, pit.scene.user.id);
    let refused = pit.press(&stranger, &d.card, &de(Msg::CardClaim)).await;
    assert_eq!(refused.kind(), 4);
    assert_eq!(refused.message().content(), de(Msg::CardNotVolunteer));

    // Two volunteers claim at once: the one who loses is told who has it, in German.
    let [ada, ben] = &crew.volunteers;
    let claim = id_of(&d.card, &de(Msg::CardClaim));
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
    let h = pit.handoff_of(d.handoff.session).await.expect("handoff");
    let winner = h.claimed_by.expect("someone has it").get();
    let lost = if winner == ada.id {
        &answers[1]
    } else {
        &answers[0]
    };
    let winner = format!("<@{winner}>");
    assert_eq!(
        lost.message().content(),
        text_with(Lang::De, Msg::CardTaken, &[(Arg::Volunteer, &winner)])
    );
    assert!(lost
        .message()
        .content()
        .ends_with("hat diese Übergabe bereits."));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn the_resolve_form_speaks_the_servers_language_as_discord_sends_it() {
    let pit = Pit::start().await;
    let (crew, d) = german_server(&pit).await;
    let [ada, _] = &crew.volunteers;
    let ada_de = pit.actor_in(crew.cards, ada.id).with_guild_locale("de");
    let card = pit
        .press(&ada_de, &d.card, &de(Msg::CardClaim))
        .await
        .message();
    pit.wait_messages(d.thread, 2, "the claim told").await;
    let opened = pit.press(&ada_de, &card, &de(Msg::CardResolve)).await;
    assert_eq!(opened.kind(), 9);
    let modal = pit.server.modal(&opened.handle).expect("a modal");
    assert_eq!(modal["title"], de(Msg::ResolveModalTitle));
    assert_eq!(
        modal["components"][0]["components"][0]["label"],
        de(Msg::ResolveModalLabel)
    );

    // A press for a handoff that does not exist has no card to take words from: the
    // server's language as Discord sends it.
    let forged = pit.post_public(crew.cards, &["h:c:999999"]).await;
    let gone = pit.press_id(&ada_de, &forged, "h:c:999999").await;
    assert_eq!(gone.kind(), 4);
    assert_eq!(gone.message().content(), de(Msg::CardGone));
    pit.server.assert_no_violations();
}

/// `/pitcrew status` as `actor` runs it.
async fn status(pit: &Pit, actor: &crate::fake::Actor) -> String {
    let cmd = command("pitcrew").sub("status").by(actor);
    let note = pit.answer(pit.server.dispatch(cmd).await).await.message();
    assert!(note.is_ephemeral());
    note.content().to_string()
}

#[tokio::test]
async fn status_speaks_the_servers_language() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);

    // Nothing set up yet: the server's language as Discord sends it with the command.
    let nothing = status(&pit, &moderator.clone().with_guild_locale("de")).await;
    assert!(nothing.starts_with(&de(Msg::StatusTitle)), "{nothing}");
    assert!(
        nothing.contains(
            "⚠️ Es fehlt: die Helferrolle, der Kanal der Helferinnen und Helfer (für \
             Übergabekarten), der Hilfekanal (für private Threads)."
        ),
        "{nothing}"
    );
    assert!(nothing.contains("Erinnerung alle: 10 Min."), "{nothing}");
    assert!(!nothing.contains("Missing"), "{nothing}");

    // Once set up in German, the setup's language holds, like the cards'.
    pit.set_up(&crew, TEN_MINUTES).await;
    speak_german(&pit).await;
    let ready = status(&pit, &moderator).await;
    assert!(ready.contains(&de(Msg::StatusReady)), "{ready}");
    assert!(
        ready.contains("Region: Vereinigte Staaten (Notfallanzeigen sagen: 911 anrufen)"),
        "{ready}"
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_guides_title_is_in_the_cards_language_on_the_card_and_the_members_in_the_opening() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    speak_german(&pit).await;
    let library = pitcrew::guide::load_library(&pit.content).expect("content loads");
    let guide = library.get(GUIDE).expect("a shipped guide");
    let (german, english) = (guide.title_in(Lang::De), guide.title_in(Lang::En));
    assert_ne!(german, english, "{GUIDE} has a German title");

    // An English-reading member in the German server.
    let member = &pit.scene.actor;
    let first = pit.triage(member, Some(GUIDE)).await.message();
    let (session, _) = step_of(&first);
    pit.press(member, &first, &text(Lang::En, Msg::NavVolunteer))
        .await;
    let d = pit.delivered(session).await;
    assert!(title(&d.card).ends_with(german), "{}", title(&d.card));
    let thread = pit.server.channel(d.thread).expect("thread");
    assert!(
        thread["name"]
            .as_str()
            .is_some_and(|n| n.starts_with(&format!("Hilfe: {german}"))),
        "{}",
        thread["name"]
    );
    let opening = pit.server.channel_messages(d.thread)[0]
        .content()
        .to_string();
    assert!(opening.contains(&format!("**{english}**")), "{opening}");
    assert!(!opening.contains(german), "{opening}");
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn what_the_member_tells_the_volunteers_in_the_thread_is_in_the_servers_language() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    speak_german(&pit).await;
    let member = &pit.scene.actor;
    let (screen, session) = pit.ask_volunteer(member).await;
    let d = pit.delivered(session).await;
    let id = d.handoff.id;
    let add = text(Lang::En, Msg::NextAddNote);
    assert_eq!(pit.press(member, &screen.message(), &add).await.kind(), 9);
    let sent = pit
        .submit(member, &format!("h:nm:{id}"), &[("h:nt", "By the gate")])
        .await;
    // The member reads their own answer in their language; the volunteers, theirs.
    assert_eq!(sent.message().content(), text(Lang::En, Msg::NoteSent));
    let told = pit.wait_messages(d.thread, 2, "the note told").await;
    assert_eq!(told[1].content(), "Notiz des Mitglieds:\n> By the gate");

    pit.triage(member, Some("cancel")).await;
    let told = pit.wait_messages(d.thread, 3, "the cancel told").await;
    assert_eq!(told[2].content(), de(Msg::ThreadMemberCancelled));
    pit.server.assert_no_violations();
}

/// The volunteers' own commands answer in the caller's Discord language: a German volunteer's
/// `/volunteer duty` and `/volunteer queue`, and a German member refused the queue.
#[tokio::test]
async fn a_german_volunteers_own_commands_answer_in_german() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let ada = pit
        .actor_in(crew.cards, crew.volunteers[0].id)
        .with_locale("de");

    let duty = command("volunteer")
        .sub("duty")
        .string("state", "on")
        .by(&ada);
    let on = pit.answer(pit.server.dispatch(duty).await).await.message();
    assert_eq!(on.content(), de(Msg::DutyOn));

    let empty = command("volunteer").sub("queue").by(&ada);
    let empty = pit.answer(pit.server.dispatch(empty).await).await.message();
    assert_eq!(empty.content(), de(Msg::QueueEmpty));

    let (_, session) = pit.ask_volunteer(&pit.scene.actor).await;
    pit.delivered(session).await;
    let queue = command("volunteer").sub("queue").by(&ada);
    let listed = pit.answer(pit.server.dispatch(queue).await).await.message();
    let lines: Vec<&str> = listed.content().lines().collect();
    assert_eq!(
        lines[0],
        text_with(Lang::De, Msg::QueueHead, &[(Arg::Number, "1")])
    );
    assert!(lines[1].contains(&*de(Msg::QueueUnclaimed)), "{lines:#?}");

    let member = pit.scene.actor.clone().with_locale("de");
    let refused = command("volunteer").sub("queue").by(&member);
    let refused = pit
        .answer(pit.server.dispatch(refused).await)
        .await
        .message();
    assert_eq!(refused.content(), de(Msg::VolunteerOnly));
    pit.server.assert_no_violations();
}
