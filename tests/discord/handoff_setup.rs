//! Server setup by moderators and what members get when it is missing or the bot lacks a
//! Discord permission: `/pitcrew setup` and `/pitcrew status` (gated to Manage Server, and
//! checked again on use), the guide's own advice when volunteers are not set up, and a
//! missing permission named in the status and logged once.

use std::time::Duration;

use pitcrew::domain::{ChannelId, GuildId, HandoffStatus, RoleId, Timestamp};

use crate::fake::builders::command;
use crate::fake::Actor;
use crate::harness::logs::logged;
use crate::harness::screen::{description, field, labels, step_of};
use crate::harness::{Crew, Pit, DRILL};

const TEN_MINUTES: Duration = Duration::from_secs(600);

/// `/pitcrew status` by `actor`; the note's text.
async fn status(pit: &Pit, actor: &Actor) -> String {
    let cmd = command("pitcrew").sub("status").by(actor);
    let note = pit.answer(pit.server.dispatch(cmd).await).await.message();
    assert!(note.is_ephemeral());
    note.content().to_string()
}

fn setup_all(pit: &Pit, crew: &Crew, actor: &Actor) -> serde_json::Value {
    command("pitcrew")
        .sub("setup")
        .role("volunteer_role", &pit.server.role_json(crew.role))
        .channel("cards_channel", &pit.server.resolved_channel(crew.cards))
        .channel("help_channel", &pit.server.resolved_channel(crew.help))
        .integer("renotify_minutes", 5)
        .by(actor)
}

#[tokio::test]
async fn a_moderator_sets_up_in_parts_and_the_status_names_what_is_missing() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    let admin = &pit.server.commands(None)[1];
    assert_eq!(admin["name"], "pitcrew");
    assert_eq!(admin["default_member_permissions"], "32", "Manage Server");
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);

    let nothing = status(&pit, &moderator).await;
    assert!(
        nothing.contains("⚠️ Missing: the volunteer role, the volunteers' channel (for handoff cards), the help channel (for private threads)."),
        "{nothing}"
    );
    assert!(nothing.contains("Reminders every: 10 min"), "{nothing}");

    // One part at a time: the role first.
    let role_only = command("pitcrew")
        .sub("setup")
        .role("volunteer_role", &pit.server.role_json(crew.role))
        .by(&moderator);
    let said = pit
        .answer(pit.server.dispatch(role_only).await)
        .await
        .message();
    let said = said.content();
    assert!(
        said.contains(&format!("Volunteer role: <@&{}>", crew.role)),
        "{said}"
    );
    assert!(
        said.contains("⚠️ Missing: the volunteers' channel (for handoff cards), the help channel (for private threads)."),
        "{said}"
    );
    let stored = pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.volunteer_role, Some(RoleId(crew.role)));
    assert_eq!(stored.cards_channel, None);
    assert!(stored.ready().is_none());

    // Then everything; the role given again is the same one.
    let all = setup_all(&pit, &crew, &moderator);
    let said = pit.answer(pit.server.dispatch(all).await).await.message();
    let said = said.content();
    assert!(
        said.contains(&format!("Volunteers' channel (cards): <#{}>", crew.cards)),
        "{said}"
    );
    assert!(
        said.contains(&format!("Help channel (private threads): <#{}>", crew.help)),
        "{said}"
    );
    assert!(said.contains("Reminders every: 5 min"), "{said}");
    assert!(said.contains("✅ Ready"), "{said}");
    assert!(!said.contains("Missing"), "{said}");
    let ready = pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .unwrap()
        .and_then(|s| s.ready())
        .expect("complete");
    assert_eq!(
        (
            ready.volunteer_role,
            ready.cards_channel,
            ready.help_channel
        ),
        (
            RoleId(crew.role),
            ChannelId(crew.cards),
            ChannelId(crew.help)
        )
    );
    assert_eq!(ready.renotify, Duration::from_secs(300));
    assert!(status(&pit, &moderator).await.contains("✅ Ready"));
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_member_without_manage_server_is_refused_even_if_discord_let_the_command_through() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    // Discord hides /pitcrew from them by default, but a server may override that.
    let [ada, _] = &crew.volunteers;
    for user in [pit.scene.user.id, ada.id] {
        let actor = pit.actor_in(pit.scene.channel_id, user);
        let refused = pit
            .answer(pit.server.dispatch(setup_all(&pit, &crew, &actor)).await)
            .await
            .message();
        assert!(refused.is_ephemeral());
        assert!(
            refused
                .content()
                .contains("Only members with the Manage Server permission"),
            "{}",
            refused.content()
        );
        assert!(status(&pit, &actor)
            .await
            .contains("Only members with the Manage Server permission"));
    }
    assert!(
        pit.store
            .guild_setup(GuildId(pit.scene.guild_id))
            .await
            .unwrap()
            .is_none(),
        "nothing stored"
    );

    // The volunteers' commands are for volunteers.
    let queue = command("volunteer").sub("queue").by(&pit.scene.actor);
    let refused = pit.answer(pit.server.dispatch(queue).await).await.message();
    assert!(
        refused.content().starts_with("Only the club's volunteers"),
        "{}",
        refused.content()
    );
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn not_set_up_the_member_keeps_the_guides_advice_and_is_told_volunteers_are_not_available() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    // Half a setup is no setup.
    let mut half = pitcrew::domain::GuildSetup::new(GuildId(pit.scene.guild_id));
    half.volunteer_role = Some(RoleId(crew.role));
    pit.store
        .save_guild_setup(&half, Timestamp(1))
        .await
        .unwrap();
    let me = &pit.scene.actor;
    let (pressed, session) = pit.ask_volunteer(me).await;
    let screen = pressed.message();
    assert!(description(&screen).starts_with(
        "A club volunteer can take it from here. Meanwhile roadside assistance can help."
    ));
    let next = field(&screen, "What happens next").unwrap();
    assert!(
        next.starts_with("Volunteers are not available here yet"),
        "{next}"
    );
    assert!(next.contains("911"), "{next}");
    assert_eq!(
        labels(&screen),
        ["Start over"],
        "no note for a volunteer who is not coming"
    );

    // An emergency outside a set-up server still leads with the instruction.
    let other = pit.other_member("second_driver");
    let msg = pit.triage(&other, Some(DRILL)).await.message();
    let (urgent, _) = step_of(&msg);
    let sos = pit
        .press(&other, &msg, "Someone may be in danger")
        .await
        .message();
    assert!(sos.content().starts_with("🚨 **EMERGENCY: call 911 now**"));
    assert!(field(&sos, "What happens next")
        .unwrap()
        .starts_with("Volunteers are not available here yet"));

    assert!(pit.handoff_of(session).await.is_none(), "no handoff row");
    assert!(pit.handoff_of(urgent).await.is_none());
    assert!(pit.server.threads_in(crew.help).is_empty(), "no thread");
    assert!(
        pit.server.channel_messages(crew.cards).is_empty(),
        "no card"
    );
    assert!(
        pit.server.followups(&pressed.handle).is_empty(),
        "nothing more to say"
    );
    pit.assert_no_pings();
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_missing_permission_keeps_the_advice_is_named_in_the_status_and_logged_once() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, TEN_MINUTES).await;
    pit.server
        .deny("POST", &format!("/channels/{}/threads", crew.help));
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);

    let mut sessions = Vec::new();
    for who in [pit.scene.actor.clone(), pit.other_member("second_driver")] {
        let (pressed, session) = pit.ask_volunteer(&who).await;
        sessions.push(session);
        let screen = pressed.message();
        assert!(
            description(&screen).starts_with("A club volunteer can take it from here."),
            "the guide's advice stands"
        );
        let notes = pit
            .server
            .wait_followups(&pressed.handle, 1, crate::harness::T)
            .await
            .unwrap();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].is_ephemeral());
        assert_eq!(notes[0].visible_to, Some(who.user_id));
        assert!(
            notes[0]
                .content()
                .starts_with("We could not reach the volunteers just now."),
            "{}",
            notes[0].content()
        );
        let h = pit
            .handoff_of(session)
            .await
            .expect("the request is kept for a retry");
        assert_eq!(
            (h.status, h.thread, h.card_message),
            (HandoffStatus::Open, None, None)
        );
    }
    assert!(pit.server.threads_in(crew.help).is_empty());
    assert!(
        pit.server.channel_messages(crew.cards).is_empty(),
        "no card without a thread"
    );

    let problem = format!("Create Private Threads in <#{}>", crew.help);
    let said = status(&pit, &moderator).await;
    assert!(
        said.contains(&format!("The bot lacks a permission: **{problem}**")),
        "{said}"
    );
    let stored = pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.permission_problem.as_deref(), Some(problem.as_str()));

    let guild = pit.scene.guild_id.to_string();
    let warnings = logged(|e| {
        e.message == "missing Discord permission" && e.fields.get("guild") == Some(&guild)
    });
    assert_eq!(
        warnings.len(),
        1,
        "logged once, not on every press: {warnings:#?}"
    );
    assert_eq!(warnings[0].fields["problem"], problem);
    assert_eq!(warnings[0].level, tracing::Level::WARN);

    // Once the permission is given, the next request goes through and the status is clean.
    pit.server.clear_denials();
    let third = pit.other_member("third_driver");
    let (_, session) = pit.ask_volunteer(&third).await;
    pit.delivered(session).await;
    // The problem is cleared just after the card is stored.
    let deadline = std::time::Instant::now() + crate::harness::T;
    while pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .unwrap()
        .unwrap()
        .permission_problem
        .is_some()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the problem is never cleared"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let said = status(&pit, &moderator).await;
    assert!(!said.contains("lacks a permission"), "{said}");
    pit.assert_pings_only(&[third.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_permission_given_later_the_next_reminder_delivers_and_the_status_is_clean_again() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, Duration::from_secs(1)).await;
    pit.server
        .deny("POST", &format!("/channels/{}/threads", crew.help));
    let me = &pit.scene.actor;
    let (pressed, session) = pit.ask_volunteer(me).await;
    pit.server
        .wait_followups(&pressed.handle, 1, crate::harness::T)
        .await
        .unwrap();
    let problem = pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .unwrap()
        .unwrap()
        .permission_problem;
    assert!(problem.is_some());

    // A moderator fixes the permission; nobody else asks for help meanwhile.
    pit.server.clear_denials();
    let d = pit.delivered(session).await;
    let cards = pit
        .wait_messages(crew.cards, 2, "the card and its reminder")
        .await;
    assert_eq!(cards[0].id, d.card.id);
    assert!(cards[1]
        .content()
        .contains("Still waiting (reminder 1 of 3)"));
    assert_eq!(
        pit.server.thread_members(d.thread).len(),
        2,
        "the member is in"
    );
    assert_eq!(
        pit.server.channel(d.thread).unwrap()["name"],
        "Help: Wheel change drill · stranded_driver",
        "named for the member, like a thread made at once"
    );
    let deadline = std::time::Instant::now() + crate::harness::T;
    while pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .unwrap()
        .unwrap()
        .permission_problem
        .is_some()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the status still names a permission that is back"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    pit.assert_pings_only(&[me.user_id], &[crew.role]);
    pit.server.assert_no_violations();
}
