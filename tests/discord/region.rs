//! The emergency number follows the server's region, else the member's Discord locale: every
//! shipped guide's emergency screens walked through the fake Discord in a GB server, a US
//! server and a DM with a German member; `/pitcrew setup region:` stored and shown in status.

use pitcrew::domain::{GuildId, Region};
use pitcrew::guide::{load_library, Lang, Outcome};

use crate::fake::builders::command;
use crate::fake::Actor;
use crate::harness::screen::{description, field};
use crate::harness::{manifest, Pit};

/// Every emergency node of every shipped guide, as (guide id, labels to press from the start)
/// in the member's `lang` (the buttons a German member sees are German).
/// Checked content puts each within two choices of the start, so two levels find them all.
fn emergency_walks(lang: Lang) -> Vec<(String, Vec<String>)> {
    let library = load_library(&manifest("content")).expect("shipped content");
    let mut walks = Vec::new();
    for guide in library.iter() {
        let mut level = vec![(guide.start.clone(), Vec::<String>::new())];
        for _ in 0..2 {
            let mut next = Vec::new();
            for (id, path) in &level {
                let Some(node) = guide.node(id) else { continue };
                for (index, choice) in node.choices.iter().enumerate() {
                    let mut path = path.clone();
                    let label = guide.label_in(id, index, lang).unwrap_or(&choice.label);
                    path.push(label.to_string());
                    match guide.node(&choice.target).and_then(|n| n.outcome) {
                        Some(Outcome::Emergency) => walks.push((guide.id.clone(), path)),
                        Some(_) => {}
                        None => next.push((choice.target.clone(), path)),
                    }
                }
            }
            level = next;
        }
    }
    let guides: std::collections::BTreeSet<&str> = walks.iter().map(|(g, _)| g.as_str()).collect();
    assert_eq!(
        guides.len(),
        library.len(),
        "every shipped guide has an emergency screen: {walks:?}"
    );
    walks
}

/// Walks to each emergency screen as a fresh member (`who` makes one per walk) and returns
/// what each screen said: the banner, the guide's text and the "What happens next" field.
async fn emergency_screens(
    pit: &Pit,
    lang: Lang,
    who: impl Fn(usize) -> Actor,
) -> Vec<(String, String)> {
    let mut screens = Vec::new();
    for (i, (guide, path)) in emergency_walks(lang).into_iter().enumerate() {
        let me = who(i);
        let mut msg = pit.triage(&me, Some(&guide)).await.message();
        for label in &path {
            msg = pit.press(&me, &msg, label).await.message();
        }
        let banner = msg.content().to_string();
        let text = format!(
            "{}\n{}",
            description(&msg),
            field(
                &msg,
                &pitcrew::i18n::text(lang, pitcrew::i18n::Msg::NextTitle)
            )
            .unwrap_or_default()
        );
        screens.push((format!("{guide} {path:?}: {banner}"), text));
    }
    pit.server.assert_no_violations();
    screens
}

#[tokio::test]
async fn a_gb_server_gives_999_on_every_shipped_emergency_screen() {
    let pit = Pit::start().await;
    pit.set_region(Some(Region::Gb)).await;
    // An American member in a British server: the server's region wins.
    let who = |i| pit.other_member(&format!("gb_member_{i}"));
    for (banner, text) in emergency_screens(&pit, Lang::En, who).await {
        assert!(
            banner.contains("🚨 **EMERGENCY: call 999 now** (or 112)"),
            "{banner}"
        );
        assert!(
            !banner.contains("911") && !text.contains("911"),
            "{banner}\n{text}"
        );
        assert!(
            text.to_lowercase().contains("call 999 (or 112)"),
            "{banner}\n{text}"
        );
    }
}

#[tokio::test]
async fn a_us_server_gives_911_on_every_shipped_emergency_screen() {
    let pit = Pit::start().await;
    pit.set_region(Some(Region::Us)).await;
    // A British member in an American server: still the server's number.
    let who = |i| {
        pit.other_member(&format!("us_member_{i}"))
            .with_locale("en-GB")
    };
    for (banner, text) in emergency_screens(&pit, Lang::En, who).await {
        assert!(
            banner.contains("🚨 **EMERGENCY: call 911 now**"),
            "{banner}"
        );
        assert!(
            !banner.contains("999") && !text.contains("999"),
            "{banner}\n{text}"
        );
        assert!(text.to_lowercase().contains("call 911"), "{banner}\n{text}");
    }
}

#[tokio::test]
async fn a_german_member_in_a_dm_gets_112_from_their_locale() {
    let pit = Pit::start().await;
    let who = |i| {
        let user = pit.server.add_user(&format!("de_driver_{i}"));
        pit.server.dm_actor(user.id).with_locale("de")
    };
    for (banner, text) in emergency_screens(&pit, Lang::De, who).await {
        // The banner in German too: the action first, the number from the region.
        assert!(
            banner.contains(": 🚨 **NOTFALL: Rufen Sie jetzt 112 an** (Polizei: 110)"),
            "{banner}"
        );
        assert!(!banner.contains("EMERGENCY"), "{banner}");
        assert!(
            !banner.contains("911") && !text.contains("911"),
            "{banner}\n{text}"
        );
        // The guide's words are German for this member, the number theirs.
        assert!(text.contains("112"), "{banner}\n{text}");
    }
}

#[tokio::test]
async fn an_unset_server_follows_each_members_locale_or_names_the_numbers_side_by_side() {
    let pit = Pit::start().await;
    let de = pit.other_member("de_member").with_locale("de");
    let unclear = pit.other_member("es_member").with_locale("es-419");
    let mut shown = Vec::new();
    let library = load_library(&manifest("content")).expect("shipped content");
    let trunk = library.get("trunk-release-failed").expect("shipped guide");
    let start = trunk.node(&trunk.start).expect("start node");
    let person = start
        .choices
        .iter()
        .position(|c| c.label == "A person may be in the trunk")
        .expect("the choice");
    for (me, lang) in [(&de, Lang::De), (&unclear, Lang::En)] {
        let msg = pit.triage(me, Some("trunk-release-failed")).await.message();
        let label = trunk.label_in(&trunk.start, person, lang).expect("label");
        let sos = pit.press(me, &msg, label).await;
        shown.push(sos.message());
    }
    let (de_screen, side) = (&shown[0], &shown[1]);
    assert!(
        de_screen
            .content()
            .starts_with("🚨 **NOTFALL: Rufen Sie jetzt 112 an**"),
        "{}",
        de_screen.content()
    );
    assert!(
        description(de_screen).starts_with("**Rufen Sie jetzt 112"),
        "{}",
        description(de_screen)
    );
    let all =
        "911 in the US/Canada, 112 in Europe, 999 in the UK, 000 in Australia, 111 in New Zealand";
    assert!(side.content().contains(all), "{}", side.content());
    assert!(description(side).contains(all), "{}", description(side));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_moderator_sets_the_region_in_setup_and_status_shows_it() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);
    let status = || async {
        let cmd = command("pitcrew").sub("status").by(&moderator);
        let note = pit.answer(pit.server.dispatch(cmd).await).await.message();
        note.content().to_string()
    };
    assert!(status().await.contains("Region: *not set*"));

    let set = command("pitcrew")
        .sub("setup")
        .string("region", "GB")
        .by(&moderator);
    let said = pit.answer(pit.server.dispatch(set).await).await.message();
    assert!(
        said.content()
            .contains("Region: United Kingdom (emergency screens say: call 999 (or 112))"),
        "{}",
        said.content()
    );
    let stored = pit
        .store
        .guild_setup(GuildId(pit.scene.guild_id))
        .await
        .expect("store readable")
        .expect("a setup row");
    assert_eq!(stored.region, Some(Region::Gb));
    assert!(status().await.contains("Region: United Kingdom"));

    // A member of the server now reads 999 on the picker too.
    let picker = pit.triage(&pit.scene.actor, None).await.message();
    assert!(description(&picker).contains("call **999 (or 112)** first"));
    pit.server.assert_no_violations();
}

#[tokio::test]
async fn a_german_guide_on_a_gb_server_names_the_police_non_emergency_in_german_with_101() {
    let pit = Pit::start().await;
    pit.set_region(Some(Region::Gb)).await;
    let de = pit.other_member("gb_german").with_locale("de");
    let library = load_library(&manifest("content")).expect("shipped content");
    let guide = library.get("trunk-release-failed").expect("shipped guide");
    // No one in danger, parked, it can wait, weak battery, call for help, help is coming: the
    // waiting step, which says whom to call when the member feels unsafe.
    let walk = [
        ("start", 2),
        ("park", 0),
        ("urgent", 2),
        ("buttons", 2),
        ("weak-battery", 2),
        ("pro-help", 0),
    ];
    let mut msg = pit.triage(&de, Some(&guide.id)).await.message();
    for (node, index) in walk {
        let label = guide
            .label_in(node, index, Lang::De)
            .expect("a German label");
        msg = pit.press(&de, &msg, label).await.message();
    }
    let said = description(&msg);
    assert!(
        said.contains("rufen Sie die Polizei unter 101 an."),
        "{said}"
    );
    assert!(!said.contains("the police on"), "{said}");
    pit.server.assert_no_violations();
}
