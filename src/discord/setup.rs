//! Moderators' setup (`/pitcrew setup`, `/pitcrew status`) and volunteers' commands
//! (`/volunteer queue`, `/volunteer duty`). Discord gates them by default permissions; each is
//! checked again on use, because server admins can override command permissions.

use std::time::Duration;

use serenity::all::{
    ChannelType, CommandInteraction, CommandOptionType, CreateCommand, CreateCommandOption,
    InteractionContext, Permissions, ResolvedOption, ResolvedValue, RoleId,
};

use super::respond::Reply;
use crate::desk::Desk;
use crate::domain::{GuildSetup, HandoffStatus};
use crate::store::StoreError;

pub const ADMIN: &str = "pitcrew";
pub const VOLUNTEER: &str = "volunteer";
const RENOTIFY_MAX_MINUTES: u64 = 24 * 60;
const QUEUE_SHOWN: usize = 15;

pub fn definitions() -> Vec<CreateCommand> {
    let admin = CreateCommand::new(ADMIN)
        .description("Set up the volunteer handoff (moderators)")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "setup",
                "Set the volunteer role, the channels and the reminder interval",
            )
            .add_sub_option(CreateCommandOption::new(
                CommandOptionType::Role,
                "volunteer_role",
                "Members with this role get handoff cards",
            ))
            .add_sub_option(
                CreateCommandOption::new(
                    CommandOptionType::Channel,
                    "cards_channel",
                    "Where handoff cards are posted for volunteers",
                )
                .channel_types(vec![ChannelType::Text]),
            )
            .add_sub_option(
                CreateCommandOption::new(
                    CommandOptionType::Channel,
                    "help_channel",
                    "Where private threads with members are opened",
                )
                .channel_types(vec![ChannelType::Text]),
            )
            .add_sub_option(
                CreateCommandOption::new(
                    CommandOptionType::Integer,
                    "renotify_minutes",
                    "Remind volunteers this often while nobody has claimed (default 10)",
                )
                .min_int_value(1)
                .max_int_value(RENOTIFY_MAX_MINUTES),
            ),
        )
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "status",
            "Show the current setup and what is missing",
        ));
    let volunteer = CreateCommand::new(VOLUNTEER)
        .description("For the club's volunteers")
        .contexts(vec![InteractionContext::Guild])
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "queue",
            "Open handoffs: urgent first, then oldest",
        ))
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "duty",
                "Go on duty (named on urgent cards) or off",
            )
            .add_sub_option(
                CreateCommandOption::new(CommandOptionType::String, "state", "on or off")
                    .required(true)
                    .add_string_choice("on", "on")
                    .add_string_choice("off", "off"),
            ),
        );
    vec![admin, volunteer]
}

/// `/pitcrew setup|status`.
pub async fn admin(desk: &Desk, cmd: &CommandInteraction) -> Result<Reply, StoreError> {
    let Some(guild) = cmd.guild_id else {
        return Ok(Reply::Note("This command works in a server.".into()));
    };
    let allowed = cmd
        .member
        .as_ref()
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.manage_guild());
    if !allowed {
        return Ok(Reply::Note(
            "Only members with the Manage Server permission can change pitcrew's setup.".into(),
        ));
    }
    let store = desk.store();
    let mut setup = store
        .guild_setup(guild.into())
        .await?
        .unwrap_or_else(|| GuildSetup::new(guild.into()));
    let options = cmd.data.options();
    let Some(ResolvedOption { name, value, .. }) = options.first() else {
        return Ok(Reply::Note(status(&setup)));
    };
    if *name == "setup" {
        let ResolvedValue::SubCommand(subs) = value else {
            return Ok(Reply::Note(status(&setup)));
        };
        for opt in subs {
            match (opt.name, &opt.value) {
                ("volunteer_role", ResolvedValue::Role(role)) => {
                    setup.volunteer_role = Some(role.id.into())
                }
                ("cards_channel", ResolvedValue::Channel(c)) => {
                    setup.cards_channel = Some(c.id.into())
                }
                ("help_channel", ResolvedValue::Channel(c)) => {
                    setup.help_channel = Some(c.id.into())
                }
                ("renotify_minutes", ResolvedValue::Integer(m)) => {
                    let minutes = u64::try_from(*m)
                        .unwrap_or(1)
                        .clamp(1, RENOTIFY_MAX_MINUTES);
                    setup.renotify = Duration::from_secs(minutes * 60);
                }
                _ => {}
            }
        }
        store.save_guild_setup(&setup, desk.now()).await?;
    }
    Ok(Reply::Note(status(&setup)))
}

/// The setup in words: what is set, what is missing, and any permission the bot lacked.
pub fn status(s: &GuildSetup) -> String {
    fn show<T>(v: Option<T>, f: fn(T) -> String) -> String {
        v.map(f).unwrap_or("*not set*".into())
    }
    let mut text = format!(
        "**Volunteer handoff setup**\nVolunteer role: {}\nVolunteers' channel (cards): {}\nHelp channel (private threads): {}\nReminders every: {} min",
        show(s.volunteer_role, |r| format!("<@&{r}>")),
        show(s.cards_channel, |c| format!("<#{c}>")),
        show(s.help_channel, |c| format!("<#{c}>")),
        s.renotify.as_secs().div_ceil(60),
    );
    let missing = s.missing();
    if missing.is_empty() {
        text.push_str("\n\n✅ Ready: members who ask get a volunteer.");
    } else {
        text.push_str(&format!(
            "\n\n⚠️ Missing: {}. Until then members get the guide's own advice only. Set it with `/pitcrew setup`.",
            missing.join(", ")
        ));
    }
    if let Some(p) = &s.permission_problem {
        text.push_str(&format!(
            "\n\n⚠️ The bot lacks a permission: **{p}**. Give it that permission, then try again."
        ));
    }
    text
}

/// `/volunteer queue|duty`.
pub async fn volunteer(desk: &Desk, cmd: &CommandInteraction) -> Result<Reply, StoreError> {
    let Some(guild) = cmd.guild_id.map(crate::domain::GuildId::from) else {
        return Ok(Reply::Note("This command works in a server.".into()));
    };
    let store = desk.store();
    let role = store
        .guild_setup(guild)
        .await?
        .and_then(|s| s.volunteer_role);
    let is_volunteer = match (role, cmd.member.as_ref()) {
        (Some(r), Some(m)) => m.roles.contains(&RoleId::from(r)),
        _ => false,
    };
    if !is_volunteer {
        return Ok(Reply::Note(
            "Only the club's volunteers can use this (ask a moderator for the volunteer role)."
                .into(),
        ));
    }
    let options = cmd.data.options();
    let sub = options.first();
    if let Some(ResolvedOption {
        name: "duty",
        value: ResolvedValue::SubCommand(subs),
        ..
    }) = sub
    {
        let on = subs
            .iter()
            .any(|o| matches!(o.value, ResolvedValue::String("on")));
        store
            .set_on_duty(guild, cmd.user.id.into(), on, desk.now())
            .await?;
        let text = if on {
            "You are on duty: urgent cards will name you."
        } else {
            "You are off duty. Thanks for helping!"
        };
        return Ok(Reply::Note(text.into()));
    }
    let queue = store.queue(guild).await?;
    if queue.is_empty() {
        return Ok(Reply::Note("Nobody is waiting. 🎉".into()));
    }
    let mut lines = vec![format!(
        "**{} open handoff(s)**, urgent first:",
        queue.len()
    )];
    for h in queue.iter().take(QUEUE_SHOWN) {
        let who = match (h.status, h.claimed_by) {
            (HandoffStatus::Claimed, Some(v)) => format!("claimed by <@{v}>"),
            _ => "**unclaimed**".into(),
        };
        let link = super::card::card_url(h)
            .map(|u| format!(" · [card]({u})"))
            .unwrap_or_default();
        lines.push(format!(
            "{}#{} <@{}> · waiting since <t:{}:R> · {who}{link}",
            if h.urgent { "🚨 " } else { "" },
            h.id,
            h.member,
            h.created_at.unix_seconds(),
        ));
    }
    if queue.len() > QUEUE_SHOWN {
        lines.push(format!("…and {} more.", queue.len() - QUEUE_SHOWN));
    }
    Ok(Reply::Note(lines.join("\n")))
}
