//! What the moderators' setup (`/pitcrew setup`, `/pitcrew status`) and the volunteers'
//! commands (`/volunteer queue`, `/volunteer duty`) do, once `commands` has parsed them.
//! Discord gates them by default permissions; each is checked again on use, because server
//! admins can override command permissions. They read the setup in the writer's turn
//! (`Store::guild_setup_settled`): they are rare, and they decide on it.

use super::commands::SetupOptions;
use super::respond::Reply;
use crate::desk::Desk;
use crate::domain::{GuildId, GuildSetup, HandoffStatus, LangCode, RoleId, UserId};
use crate::store::StoreError;

const QUEUE_SHOWN: usize = 15;
const IN_A_SERVER: &str = "This command works in a server.";

/// Who ran a command, and what Discord says they may do where they ran it.
pub struct Caller {
    pub user: UserId,
    /// `None` in a DM.
    pub guild: Option<GuildId>,
    /// The Manage Server permission, in this channel.
    pub manages_guild: bool,
    pub roles: Vec<RoleId>,
    /// The server's language as Discord sent it (`guild_locale`), if pitcrew speaks it, else
    /// English; `None` in a DM. `/pitcrew setup` records it for the volunteers' cards.
    pub server_lang: Option<LangCode>,
}

/// `/pitcrew setup` (`change` is what was given) and `/pitcrew status` (`None`).
pub async fn admin(
    desk: &Desk,
    caller: &Caller,
    change: Option<SetupOptions>,
) -> Result<Reply, StoreError> {
    let Some(guild) = caller.guild else {
        return Ok(Reply::Note(IN_A_SERVER.into()));
    };
    if !caller.manages_guild {
        return Ok(Reply::Note(
            "Only members with the Manage Server permission can change pitcrew's setup.".into(),
        ));
    }
    let store = desk.store();
    let setup = match change {
        None => store
            .guild_setup_settled(guild)
            .await?
            .unwrap_or_else(|| GuildSetup::new(guild)),
        Some(o) => {
            store
                .update_guild_setup(guild, desk.now(), |s| {
                    s.volunteer_role = o.volunteer_role.or(s.volunteer_role);
                    s.cards_channel = o.cards_channel.or(s.cards_channel);
                    s.help_channel = o.help_channel.or(s.help_channel);
                    s.renotify = o.renotify.unwrap_or(s.renotify);
                    s.region = o.region.or(s.region);
                    s.log_channel = o.log_channel.or(s.log_channel);
                    // The server's language as it is now: a server that switched language gets
                    // its cards in the new one from the next setup on.
                    s.lang = caller.server_lang.or(s.lang);
                })
                .await?
        }
    };
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
    text.push_str(&match s.region {
        Some(r) => format!(
            "\nRegion: {} (emergency screens say: call {})",
            r.name(),
            r.emergency()
        ),
        None => "\nRegion: *not set* (each member's Discord language picks the emergency number \
                 where it is clear, else all are listed side by side; set it with \
                 `/pitcrew setup region:`)"
            .to_string(),
    });
    text.push_str(&match s.log_channel {
        Some(c) => format!("\nModerators' log (guide problems at a reload): <#{c}>"),
        None => "\nModerators' log: *not set* (guide problems at a reload go to the process \
                 log only; set it with `/pitcrew setup log_channel:`)"
            .to_string(),
    });
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

/// The server a volunteer command was run in, if the caller is one of its volunteers;
/// otherwise the note that says why not.
async fn volunteer_here(
    desk: &Desk,
    caller: &Caller,
) -> Result<Result<GuildId, Reply>, StoreError> {
    let Some(guild) = caller.guild else {
        return Ok(Err(Reply::Note(IN_A_SERVER.into())));
    };
    let role = desk
        .store()
        .guild_setup_settled(guild)
        .await?
        .and_then(|s| s.volunteer_role);
    if role.is_some_and(|r| caller.roles.contains(&r)) {
        return Ok(Ok(guild));
    }
    Ok(Err(Reply::Note(
        "Only the club's volunteers can use this (ask a moderator for the volunteer role).".into(),
    )))
}

/// `/volunteer duty on|off`.
pub async fn duty(desk: &Desk, caller: &Caller, on: bool) -> Result<Reply, StoreError> {
    let guild = match volunteer_here(desk, caller).await? {
        Ok(guild) => guild,
        Err(refused) => return Ok(refused),
    };
    desk.store()
        .set_on_duty(guild, caller.user, on, desk.now())
        .await?;
    let text = if on {
        "You are on duty: urgent cards will name you."
    } else {
        "You are off duty. Thanks for helping!"
    };
    Ok(Reply::Note(text.into()))
}

/// `/volunteer queue`: the live handoffs, urgent first, then oldest.
pub async fn queue(desk: &Desk, caller: &Caller) -> Result<Reply, StoreError> {
    let guild = match volunteer_here(desk, caller).await? {
        Ok(guild) => guild,
        Err(refused) => return Ok(refused),
    };
    let queue = desk.store().queue(guild).await?;
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
