//! The handoff card volunteers see, and its buttons. Drawn afresh from the stored handoff every
//! time it changes, so the card always tells the truth about who has it.

use serenity::all::{
    ButtonStyle, Colour, CreateActionRow, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateSelectMenu, CreateSelectMenuKind,
};

use super::ids::{Action, CardAction};
use super::render::fit;
use crate::domain::{Car, Handoff, HandoffStatus};
use crate::handoff::card::{reads, Step};
use crate::handoff::text::quote;

const URGENT_COLOUR: Colour = Colour(0xdc2626);
const OPEN_COLOUR: Colour = Colour(0xf59e0b);
const CLAIMED_COLOUR: Colour = Colour(0x3b82f6);
const CLOSED_COLOUR: Colour = Colour(0x6b7280);
const FIELD_MAX: usize = 1024;
const DESCRIPTION_MAX: usize = 4000;
/// Discord's limit on all the text of a message's embeds together.
const EMBED_TOTAL_MAX: usize = 6000;

/// Everything a card shows besides the stored handoff.
pub struct CardContext<'a> {
    pub guide_title: &'a str,
    /// No guide led here: the member's note is their description.
    pub unguided: bool,
    pub steps: &'a [Step],
    /// Steps left out at the top because the walk was long.
    pub skipped: usize,
    /// The member's car, if they told it.
    pub car: Option<&'a Car>,
}

pub struct Card {
    pub embed: CreateEmbed,
    pub rows: Vec<CreateActionRow>,
}

/// A link to the posted card of `h`, once it has one.
pub fn card_url(h: &Handoff) -> Option<String> {
    match (h.card_channel, h.card_message) {
        (Some(c), Some(m)) => Some(format!("https://discord.com/channels/{}/{c}/{m}", h.guild)),
        _ => None,
    }
}

/// A link that opens the member's private thread.
pub fn thread_url(guild: crate::domain::GuildId, thread: crate::domain::ChannelId) -> String {
    format!("https://discord.com/channels/{guild}/{thread}")
}

pub fn draw(h: &Handoff, ctx: &CardContext<'_>) -> Card {
    let title = if h.urgent {
        format!("🚨 URGENT: someone may be in danger · {}", ctx.guide_title)
    } else {
        format!("Needs a volunteer · {}", ctx.guide_title)
    };
    let colour = match h.status {
        HandoffStatus::Resolved | HandoffStatus::Cancelled => CLOSED_COLOUR,
        _ if h.urgent => URGENT_COLOUR,
        HandoffStatus::Open => OPEN_COLOUR,
        HandoffStatus::Claimed => CLAIMED_COLOUR,
    };
    let mut walk = String::new();
    if ctx.skipped > 0 {
        walk.push_str(&format!("*…{} earlier steps*\n", ctx.skipped));
    }
    for (i, step) in ctx.steps.iter().enumerate() {
        walk.push_str(&format!(
            "{}. {} → **{}**\n",
            i + 1 + ctx.skipped,
            step.question,
            step.answer
        ));
    }
    if walk.is_empty() {
        walk.push_str(if ctx.unguided {
            "*No guide fitted their problem; they describe it below.*"
        } else {
            "*They asked for a volunteer before answering anything.*"
        });
    }
    let status = match (h.status, h.claimed_by) {
        (HandoffStatus::Open, _) => "Waiting for a volunteer".to_string(),
        (HandoffStatus::Claimed, Some(v)) => format!("Claimed by <@{v}>"),
        (HandoffStatus::Claimed, None) => "Claimed".to_string(),
        (HandoffStatus::Resolved, Some(v)) => format!("Resolved by <@{v}>"),
        (HandoffStatus::Resolved, None) => "Resolved".to_string(),
        (HandoffStatus::Cancelled, _) => "Cancelled by the member".to_string(),
    };
    let member = if h.member_left {
        format!("<@{}> (has left the server)", h.member)
    } else {
        format!("<@{}>", h.member)
    };
    let mut fields: Vec<(&str, String, bool)> = vec![
        ("Member", member, true),
        (
            "Urgency",
            if h.urgent { "**URGENT**" } else { "normal" }.to_string(),
            true,
        ),
        (
            "Waiting since",
            format!("<t:{}:R>", h.created_at.unix_seconds()),
            true,
        ),
        ("Status", status, false),
    ];
    if let Some(reads) = reads(h.member_lang) {
        // Before anything the member wrote: the volunteer should know before replying.
        fields.push(("Reads", reads, false));
    }
    if let Some(car) = ctx.car {
        // The model is the member's own text: quoted like their note, never taken as ours.
        fields.push((
            "Member's car",
            fit(&quote(&car.to_string()), FIELD_MAX),
            false,
        ));
    }
    if let Some(note) = &h.member_note {
        // Without a guide the note is the member's description: what the volunteer reads first.
        let name = if ctx.unguided {
            "In the member's own words"
        } else {
            "Member's note"
        };
        fields.push((name, fit(&quote(note), FIELD_MAX), false));
    }
    if let Some(note) = &h.resolution_note {
        fields.push(("Volunteer's note", fit(&quote(note), FIELD_MAX), false));
    }
    if let Some(rating) = h.rating {
        let said = match rating {
            crate::domain::Rating::Solved => "Yes, it solved it",
            crate::domain::Rating::NotSolved => "No, still stuck",
        };
        fields.push(("Member's answer", said.to_string(), true));
    }
    let title = fit(&title, 256);
    let footer = format!("Handoff #{}", h.id);
    // Discord refuses an embed over 6000 characters in all; the walk gets what the rest leaves.
    let chars = |s: &str| s.chars().count();
    let rest = chars(&title)
        + chars(&footer)
        + fields
            .iter()
            .map(|(name, value, _)| chars(name) + chars(value))
            .sum::<usize>();
    let walk = fit(
        &walk,
        DESCRIPTION_MAX.min(EMBED_TOTAL_MAX.saturating_sub(rest)),
    );
    let mut embed = CreateEmbed::new()
        .title(title)
        .description(walk)
        .colour(colour);
    for (name, value, inline) in fields {
        embed = embed.field(name, value, inline);
    }
    embed = embed.footer(CreateEmbedFooter::new(footer));
    Card {
        embed,
        rows: rows(h),
    }
}

/// A button acting on handoff `h` (the card's, the member's note, the rating).
pub(super) fn button(
    h: &Handoff,
    action: CardAction,
    label: &str,
    style: ButtonStyle,
) -> CreateButton {
    CreateButton::new(
        Action::Handoff {
            handoff: h.id,
            action,
        }
        .encode(),
    )
    .label(label)
    .style(style)
}

fn rows(h: &Handoff) -> Vec<CreateActionRow> {
    let link = h
        .thread
        .map(|t| CreateButton::new_link(thread_url(h.guild, t)).label("Open the thread"));
    let mut first = Vec::new();
    match h.status {
        HandoffStatus::Open => {
            let style = if h.urgent {
                ButtonStyle::Danger
            } else {
                ButtonStyle::Success
            };
            first.push(button(h, CardAction::Claim, "Claim", style));
        }
        HandoffStatus::Claimed => {
            first.push(button(
                h,
                CardAction::Resolve,
                "Resolve",
                ButtonStyle::Success,
            ));
            first.push(button(
                h,
                CardAction::Release,
                "Release",
                ButtonStyle::Secondary,
            ));
        }
        HandoffStatus::Resolved | HandoffStatus::Cancelled => {}
    }
    first.extend(link);
    let mut rows = Vec::new();
    if !first.is_empty() {
        rows.push(CreateActionRow::Buttons(first));
    }
    if h.status == HandoffStatus::Claimed {
        rows.push(CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                Action::Handoff {
                    handoff: h.id,
                    action: CardAction::Transfer,
                }
                .encode(),
                CreateSelectMenuKind::User {
                    default_users: None,
                },
            )
            .placeholder("Transfer to another volunteer"),
        ));
    }
    rows
}
