//! The three ways into a handoff (the "Talk to a volunteer" button, an `escalate` outcome, an
//! `emergency` outcome) and what each produces: the member's screen, the private thread, the
//! card in the volunteers' channel, the database rows, and exactly who may be pinged.

use std::time::Duration;

use pitcrew::domain::{ChannelId, GuildId, HandoffStatus, UserId};
use pitcrew::triage::Status;

use crate::fake::builders::command;
use crate::harness::screen::{description, embed, field, field_names, labels, step_of, title};
use crate::harness::{Pit, DRILL};

const SAFE: &str = "Is everyone safe, well away from traffic?";
const JACK: &str = "Find the jack and the wheel brace in the boot floor.";
const TEN_MINUTES: Duration = Duration::from_secs(600);

#[tokio::test]
async fn talk_to_a_volunteer_opens_a_private_thread_and_a_card_that_pings_the_role_only() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let me = &pit.scene.actor;
    let (pressed, session) = pit.ask_volunteer(me).await;

    // The member's screen: the guide's own words, then what happens next and a note button.
    assert_eq!(pressed.kind(), 7, "the guide message is updated in place");
    let screen = pressed.message();
    assert!(screen.is_ephemeral());
    assert!(description(&screen).starts_with("A club volunteer can take it from here."));
    let next = field(&screen, "What happens next").expect("a what-happens-next field");
    assert!(next.contains("will join your private thread"), "{next}");
    assert!(next.contains("roadside"), "what to do meanwhile: {next}");
    assert_eq!(
        labels(&screen),
        ["Start over", "Add a note for the volunteer"]
    );

    let d = pit.delivered(session).await;
    let h = &d.handoff;
    assert_eq!(h.status, HandoffStatus::Open);
    assert_eq!(
        (h.member, h.guild),
        (UserId(me.user_id), GuildId(pit.scene.guild_id))
    );
    assert!(!h.urgent);
    assert_eq!(h.card_channel, Some(ChannelId(crew.cards)));
    assert_eq!(pit.session(session).await.state.status, Status::Escalated);

    // The private thread: in the help channel, the member in it, opened by a short summary.
    let thread = pit.server.channel(d.thread).expect("the thread exists");
    assert_eq!(thread["type"], 12, "a private thread");
    assert_eq!(thread["parent_id"], crew.help.to_string());
    let name = thread["name"].as_str().unwrap();
    assert_eq!(name, "Help: Wheel change drill · stranded_driver");
    assert!(name.chars().count() <= 100);
    assert_eq!(thread["thread_metadata"]["invitable"], false);
    assert_eq!(pit.server.thread_state(d.thread), (false, false));
    let mut members = pit.server.thread_members(d.thread);
    members.sort_unstable();
    let mut expected = vec![pit.server.bot_user_id(), me.user_id];
    expected.sort_unstable();
    assert_eq!(members, expected, "the bot and the member, no one else yet");
    let said = pit.server.channel_messages(d.thread);
    assert_eq!(said.len(), 1, "one opening message");
    let opening = said[0].content();
    assert!(
        opening.starts_with(&format!("Hi <@{}>,", me.user_id)),
        "{opening}"
    );
    assert!(opening.contains("**Wheel change drill**"), "{opening}");
    assert!(opening.contains("What happens next"), "{opening}");

    // The card: member, guide, each question with the answer in order, urgency, waiting since.
    let cards = pit.server.channel_messages(crew.cards);
    assert_eq!(cards.len(), 1, "one card, nothing else");
    let card = &d.card;
    assert_eq!(card.id, cards[0].id);
    assert!(!card.is_ephemeral());
    assert_eq!(
        card.content(),
        format!("<@&{}>: a member needs a volunteer.", crew.role)
    );
    assert_eq!(title(card), "Needs a volunteer · Wheel change drill");
    assert_eq!(embed(card)["color"], 0xf59e0b);
    assert_eq!(
        description(card),
        format!("1. {SAFE} → **Yes, we are safe**\n2. {JACK} → **Talk to a volunteer**\n")
    );
    assert_eq!(
        field_names(card),
        ["Member", "Urgency", "Waiting since", "Status"]
    );
    assert_eq!(field(card, "Member").unwrap(), format!("<@{}>", me.user_id));
    assert_eq!(field(card, "Urgency").unwrap(), "normal");
    assert_eq!(
        field(card, "Waiting since").unwrap(),
        format!("<t:{}:R>", h.created_at.unix_seconds())
    );
    assert_eq!(field(card, "Status").unwrap(), "Waiting for a volunteer");
    let buttons = card.components();
    assert_eq!(buttons.len(), 2, "{buttons:#?}");
    assert_eq!(buttons[0]["label"], "Claim");
    assert_eq!(buttons[0]["custom_id"], format!("h:c:{}", h.id));
    assert_eq!(buttons[0]["style"], 3);
    assert_eq!(buttons[1]["label"], "Open the thread");
    assert_eq!(buttons[1]["style"], 5, "a link");
    assert_eq!(
        buttons[1]["url"],
        format!(
            "https://discord.com/channels/{}/{}",
            pit.scene.guild_id, d.thread
        )
    );

    // Pings: the card may ping the role and nothing else; the opening may ping the member
    // whose thread it is; every other body pings nobody.
    let sent = pit.sent();
    let card_body = sent
        .iter()
        .find(|s| s.method == "POST" && s.channel == Some(crew.cards))
        .expect("the card was posted");
    assert_eq!(
        card_body.message["allowed_mentions"],
        serde_json::json!({"parse": [], "users": [], "roles": [crew.role.to_string()]})
    );
    for s in &sent {
        let expected: (Vec<u64>, Vec<u64>) = match s.channel {
            Some(c) if c == crew.cards => (vec![], vec![crew.role]),
            Some(c) if c == d.thread => (vec![me.user_id], vec![]),
            _ => (vec![], vec![]),
        };
        assert_eq!(
            (s.allowed_users(), s.allowed_roles()),
            expected,
            "{} {}",
            s.method,
            s.path
        );
    }
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_escalate_outcome_hands_over_with_every_answer_in_order() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    pit.press(me, &msg, "Yes, we are safe").await;
    let end = pit.press(me, &msg, "There is no jack").await.message();
    assert!(description(&end).starts_with("A club volunteer can take it from here."));
    assert!(field(&end, "What happens next")
        .unwrap()
        .contains("will join your private thread"));

    let d = pit.delivered(session).await;
    assert_eq!(
        description(&d.card),
        format!("1. {SAFE} → **Yes, we are safe**\n2. {JACK} → **There is no jack**\n")
    );
    assert_eq!(pit.session(session).await.state.status, Status::Escalated);
    assert_eq!(d.handoff.status, HandoffStatus::Open);
    assert!(!d.handoff.urgent);
    assert_eq!(pit.server.thread_members(d.thread).len(), 2);
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn asking_again_while_a_request_is_open_points_to_the_thread_instead_of_a_second_card() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (first, _) = step_of(&msg);
    pit.press(me, &msg, "Yes, we are safe").await;
    pit.press(me, &msg, "There is no jack").await;
    let d = pit.delivered(first).await;
    // A new walk, and the member asks for a volunteer again straight away.
    let again = pit.press(me, &msg, "Start over").await.message();
    let (second, _) = step_of(&again);
    assert_ne!(second, first);
    let end = pit.press(me, &again, "Talk to a volunteer").await.message();
    let next = field(&end, "What happens next").unwrap();
    assert!(next.contains("already have a request open"), "{next}");
    assert!(next.contains(&format!("<#{}>", d.thread)), "{next}");
    assert!(pit.handoff_of(second).await.is_none(), "no second handoff");
    assert_eq!(
        pit.server.channel_messages(crew.cards).len(),
        1,
        "no second card"
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_emergency_leads_with_the_instruction_and_its_card_is_urgent_first_and_names_who_is_on_duty(
) {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    let [ada, ben] = &crew.volunteers;
    let ada_here = pit.actor_in(crew.cards, ada.id);
    let ben_here = pit.actor_in(crew.cards, ben.id);
    let duty = command("volunteer")
        .sub("duty")
        .string("state", "on")
        .by(&ada_here);
    let on = pit.answer(pit.server.dispatch(duty).await).await.message();
    assert!(on.is_ephemeral());
    assert!(on.content().contains("You are on duty"), "{}", on.content());

    // Someone else has been waiting longer, with an ordinary request.
    let earlier = pit.other_member("earlier_driver");
    let (_, earlier_session) = pit.ask_volunteer(&earlier).await;
    let earlier = pit.delivered(earlier_session).await;

    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    let screen = pit
        .press(me, &msg, "Someone may be in danger")
        .await
        .message();
    // The instruction comes first: the message's own text, before any embed.
    assert!(
        screen
            .content()
            .starts_with("🚨 **EMERGENCY: call 911 now**"),
        "{}",
        screen.content()
    );
    assert!(title(&screen).starts_with("🚨 Emergency"));
    assert!(description(&screen).starts_with("**Call 911 now.**"));
    let next = field(&screen, "What happens next").unwrap();
    assert!(
        next.starts_with("**If anyone is in danger, call 911"),
        "{next}"
    );
    assert_eq!(pit.session(session).await.state.status, Status::Emergency);

    let d = pit.delivered(session).await;
    assert!(d.handoff.urgent);
    let card = &d.card;
    assert!(title(card).starts_with("🚨 URGENT"), "{}", title(card));
    assert_eq!(
        embed(card)["color"],
        0xdc2626,
        "red, unlike the amber of others"
    );
    assert_ne!(embed(card)["color"], embed(&earlier.card)["color"]);
    assert_eq!(field(card, "Urgency").unwrap(), "**URGENT**");
    assert_eq!(card.components()[0]["style"], 4, "a red Claim");
    assert_eq!(
        card.content(),
        format!("🚨 <@{}>: urgent, a member may be in danger.", ada.id)
    );
    let body = pit
        .sent()
        .into_iter()
        .find(|s| {
            s.method == "POST" && s.channel == Some(crew.cards) && s.content().starts_with("🚨")
        })
        .expect("the urgent card");
    assert_eq!(
        body.message["allowed_mentions"],
        serde_json::json!({"parse": [], "users": [ada.id.to_string()], "roles": []}),
        "the on-duty volunteer by name, nobody else"
    );
    assert!(
        description(card).ends_with("→ **Someone may be in danger**\n"),
        "{}",
        description(card)
    );

    // The queue: urgent first, then oldest.
    let queue = command("volunteer").sub("queue").by(&ben_here);
    let listed = pit.answer(pit.server.dispatch(queue).await).await.message();
    assert!(listed.is_ephemeral());
    let lines: Vec<&str> = listed.content().lines().collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].starts_with("**2 open handoff(s)**"));
    assert!(
        lines[1].starts_with(&format!("🚨 #{} <@{}>", d.handoff.id, me.user_id)),
        "{lines:#?}"
    );
    assert!(lines[2].starts_with(&format!(
        "#{} <@{}>",
        earlier.handoff.id, earlier.handoff.member
    )));
    assert!(lines.iter().skip(1).all(|l| l.contains("**unclaimed**")));
    pit.assert_pings_only(
        &[me.user_id, earlier.handoff.member.get(), ada.id],
        &[crew.role],
    );
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn an_emergency_still_shows_its_instruction_when_the_handoff_cannot_be_stored() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    // The handoff table refuses every new row (a full disk, a corrupt page...).
    pit.execute_sql(
        "CREATE TRIGGER refuse_handoffs BEFORE INSERT ON handoffs \
         BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    .await;
    let me = &pit.scene.actor;
    let msg = pit.triage(me, Some(DRILL)).await.message();
    let (session, _) = step_of(&msg);
    let sos = pit.press(me, &msg, "Someone may be in danger").await;
    assert_eq!(sos.kind(), 7);
    let screen = sos.message();
    assert!(
        screen
            .content()
            .starts_with("🚨 **EMERGENCY: call 911 now**"),
        "{}",
        screen.content()
    );
    assert!(description(&screen).starts_with("**Call 911 now.** Get everyone behind the barrier"));
    let next = field(&screen, "What happens next").expect("what happens next");
    assert!(
        next.starts_with("We could not reach the volunteers just now."),
        "{next}"
    );
    assert_eq!(pit.session(session).await.state.status, Status::Emergency);
    assert!(pit.handoff_of(session).await.is_none());
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}
