//! `/pitcrew status` names each permission the bot lacks, on the server and in the channels
//! its setup names, with what breaks: computed from roles and channel overwrites as Discord
//! does, against the same list `pitcrew invite` asks for.

use pitcrew::discord::permissions;

use crate::fake::builders::command;
use crate::fake::Actor;
use crate::harness::Pit;

async fn status(pit: &Pit, actor: &Actor) -> String {
    let cmd = command("pitcrew").sub("status").by(actor);
    pit.answer(pit.server.dispatch(cmd).await)
        .await
        .message()
        .content()
        .to_string()
}

const CREATE_PRIVATE_THREADS: u64 = 1 << 36;
const VIEW_CHANNEL: u64 = 1 << 10;

#[tokio::test]
async fn status_names_each_missing_permission_and_what_breaks() {
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, std::time::Duration::from_secs(600)).await;
    let moderator = pit.actor_in(pit.scene.channel_id, crew.moderator.id);
    let guild = pit.scene.guild_id;
    let bot = pit.server.bot_user_id();

    // Invited with the link: a role of its own with exactly the permissions it uses.
    let role = pit
        .server
        .add_role(guild, "pitcrew", permissions::all().bits());
    pit.server.add_member(guild, bot, &[role]);
    let fine = status(&pit, &moderator).await;
    assert!(!fine.contains("lacks"), "{fine}");

    // A moderator tidied the roles: no Create Private Threads anywhere.
    pit.server
        .set_role_permissions(role, permissions::all().bits() & !CREATE_PRIVATE_THREADS);
    pit.server.set_role_permissions(guild, VIEW_CHANNEL);
    let said = status(&pit, &moderator).await;
    assert!(
        said.contains("⚠️ pitcrew lacks **Create Private Threads**: members keep the guide but no volunteer is reached"),
        "{said}"
    );
    assert_eq!(said.matches("lacks").count(), 1, "{said}");

    // Back on the server, but the volunteers' channel hides itself from the bot's role.
    pit.server
        .set_role_permissions(role, permissions::all().bits());
    pit.server
        .set_overwrites(crew.cards, &[(role, 0, 0, VIEW_CHANNEL)]);
    let said = status(&pit, &moderator).await;
    assert!(
        said.contains(&format!(
            "⚠️ pitcrew lacks **View Channels** in <#{}>",
            crew.cards
        )),
        "{said}"
    );
    assert!(!said.contains(&format!("<#{}>:", crew.help)), "{said}");
    // A member overwrite for the bot itself wins over its role's.
    pit.server.set_overwrites(
        crew.cards,
        &[(role, 0, 0, VIEW_CHANNEL), (bot, 1, VIEW_CHANNEL, 0)],
    );
    let said = status(&pit, &moderator).await;
    assert!(!said.contains("lacks"), "{said}");
    pit.server.assert_no_violations();
}

/// A German server's status names the missing permission by Discord's German name, with what
/// breaks in German.
#[tokio::test]
async fn a_german_servers_status_names_the_missing_permission_in_german() {
    use pitcrew::guide::Lang;
    use pitcrew::i18n::{text, Msg};
    let pit = Pit::start().await;
    let crew = pit.crew();
    pit.set_up(&crew, std::time::Duration::from_secs(600)).await;
    let moderator = pit
        .actor_in(pit.scene.channel_id, crew.moderator.id)
        .with_guild_locale("de");
    let guild = pit.scene.guild_id;
    let bot = pit.server.bot_user_id();
    let role = pit.server.add_role(
        guild,
        "pitcrew",
        permissions::all().bits() & !CREATE_PRIVATE_THREADS,
    );
    pit.server.add_member(guild, bot, &[role]);
    pit.server.set_role_permissions(guild, VIEW_CHANNEL);
    let said = status(&pit, &moderator).await;
    let name = text(Lang::De, Msg::PermCreatePrivateThreads);
    let breaks = text(Lang::De, Msg::PermCreatePrivateThreadsBreaks);
    assert!(
        said.contains(&format!("⚠️ pitcrew fehlt **{name}**: {breaks}.")),
        "{said}"
    );
}
