//! Slash command definitions and their registration.

use serenity::all::{
    Command, CommandOptionType, CreateCommand, CreateCommandOption, GuildId, Http,
    InteractionContext,
};

pub const TRIAGE: &str = "triage";
pub const GUIDE_OPTION: &str = "guide";
/// Discord's limit on autocomplete choices.
pub const AUTOCOMPLETE_MAX: usize = 25;

/// Every command pitcrew offers, as one list: registration is a single bulk overwrite, so
/// commands removed from this list disappear from Discord too.
pub fn definitions() -> Vec<CreateCommand> {
    let mut all = vec![triage()];
    all.extend(super::setup::definitions());
    all
}

fn triage() -> CreateCommand {
    CreateCommand::new(TRIAGE)
        .description("Step-by-step help when you are stuck with your car (private to you)")
        .contexts(vec![InteractionContext::Guild, InteractionContext::BotDm])
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                GUIDE_OPTION,
                "What happened? Start typing; leave empty to pick. `cancel` closes your guide.",
            )
            .required(false)
            .set_autocomplete(true)
            .max_length(100),
        )
}

/// Registers the commands: to one server when configured (instant), else globally.
pub async fn register(http: &Http, guild: Option<GuildId>) {
    let result = match guild {
        Some(g) => g.set_commands(http, definitions()).await,
        None => Command::set_global_commands(http, definitions()).await,
    };
    match result {
        Ok(cmds) => tracing::info!(count = cmds.len(), "slash commands registered"),
        Err(e) => tracing::error!(
            error = %e,
            "could not register slash commands; check the bot was invited with the applications.commands scope"
        ),
    }
}
