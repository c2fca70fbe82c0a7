//! `/forget-me`: a command of its own, not a `/pitcrew` subcommand, because `/pitcrew` is for
//! moderators only and every member must be able to ask; in a server and in a DM with the bot.

use super::*;

pub fn define(cmd: CreateCommand) -> CreateCommand {
    described(cmd, Msg::CmdForgetMe)
        .contexts(vec![InteractionContext::Guild, InteractionContext::BotDm])
}

pub fn parse(options: &[CommandDataOption]) -> Option<Command> {
    options.is_empty().then_some(Command::ForgetMe)
}
