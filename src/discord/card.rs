//! The handoff card volunteers see, and its buttons. Drawn afresh from the stored handoff every
//! time it changes, so the card always tells the truth about who has it.

use serenity::all::{
    ButtonStyle, Colour, CreateActionRow, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateSelectMenu, CreateSelectMenuKind,
};

use super::ids::{Action, CardAction};
use super::render::fit;
use crate::domain::{Car, Handoff, HandoffStatus};
use crate::guide::Lang;
use crate::handoff::card::{reads, Step};
use crate::handoff::text::quote;
use crate::i18n::{self, Arg, Msg};

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
    /// The server's language, which the card is written in (not the member's).
    pub lang: Lang,
    /// The member asked to be forgotten: see [`forgotten`].
    pub forgotten: bool,
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
    if ctx.forgotten {
        return forgotten(h, ctx);
    }
    let lang = ctx.lang;
    let say = |msg| i18n::text(lang, msg).into_owned();
    let with = |msg, arg, value: &str| i18n::text_with(lang, msg, &[(arg, value)]);
    let title_msg = if h.urgent {
        Msg::CardTitleUrgent
    } else {
        Msg::CardTitle
    };
    let title = with(title_msg, Arg::Title, ctx.guide_title);
    let colour = match h.status {
        HandoffStatus::Resolved | HandoffStatus::Cancelled => CLOSED_COLOUR,
        _ if h.urgent => URGENT_COLOUR,
        HandoffStatus::Open => OPEN_COLOUR,
        HandoffStatus::Claimed => CLAIMED_COLOUR,
    };
    let mut walk = String::new();
    if ctx.skipped > 0 {
        walk.push_str(&with(
            Msg::CardEarlierSteps,
            Arg::Number,
            &ctx.skipped.to_string(),
        ));
        walk.push('\n');
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
        walk.push_str(&say(if ctx.unguided {
            Msg::CardNoGuide
        } else {
            Msg::CardNoAnswers
        }));
    }
    let by = |msg, v| with(msg, Arg::Volunteer, &format!("<@{v}>"));
    let status = match (h.status, h.claimed_by) {
        (HandoffStatus::Open, _) => say(Msg::CardWaiting),
        (HandoffStatus::Claimed, Some(v)) => by(Msg::CardClaimedBy, v),
        (HandoffStatus::Claimed, None) => say(Msg::CardClaimed),
        (HandoffStatus::Resolved, Some(v)) => by(Msg::CardResolvedBy, v),
        (HandoffStatus::Resolved, None) => say(Msg::CardResolved),
        (HandoffStatus::Cancelled, _) => say(Msg::CardCancelled),
    };
    let member = format!("<@{}>", h.member);
    let member = if h.member_left {
        with(Msg::CardMemberLeft, Arg::Member, &member)
    } else {
        member
    };
    let urgency = say(if h.urgent {
        Msg::CardUrgent
    } else {
        Msg::CardNormal
    });
    let mut fields: Vec<(String, String, bool)> = vec![
        (say(Msg::CardMember), member, true),
        (say(Msg::CardUrgency), urgency, true),
        (
            say(Msg::CardWaitingSince),
            format!("<t:{}:R>", h.created_at.unix_seconds()),
            true,
        ),
        (say(Msg::CardStatus), status, false),
    ];
    if let Some(reads) = reads(h.member_lang, ctx.lang) {
        // Before anything the member wrote: the volunteer should know before replying.
        fields.push((say(Msg::CardReads), reads, false));
    }
    if let Some(car) = ctx.car {
        // The model is the member's own text: quoted like their note, never taken as ours.
        fields.push((
            say(Msg::CardCar),
            fit(&quote(&car.to_string()), FIELD_MAX),
            false,
        ));
    }
    if let Some(note) = &h.member_note {
        // Without a guide the note is the member's description: what the volunteer reads first.
        let name = say(if ctx.unguided {
            Msg::CardOwnWords
        } else {
            Msg::CardMemberNote
        });
        fields.push((name, fit(&quote(note), FIELD_MAX), false));
    }
    if let Some(note) = &h.resolution_note {
        fields.push((
            say(Msg::CardVolunteerNote),
            fit(&quote(note), FIELD_MAX),
            false,
        ));
    }
    if let Some(rating) = h.rating {
        let said = say(match rating {
            crate::domain::Rating::Solved => Msg::CardAnswerSolved,
            crate::domain::Rating::NotSolved => Msg::CardAnswerNotSolved,
        });
        fields.push((say(Msg::CardAnswer), said, true));
    }
    let title = fit(&title, 256);
    let footer = with(Msg::CardFooter, Arg::Number, &h.id.to_string());
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
        rows: rows(h, lang),
    }
}

/// The card of a member who asked to be forgotten: the guide's title, the status and the
/// number, and a line saying why the rest is gone. Nothing of the member's (no mention, walk,
/// note or car) and no buttons: the request is over and its thread is closed.
fn forgotten(h: &Handoff, ctx: &CardContext<'_>) -> Card {
    let lang = ctx.lang;
    let with = |msg, arg, value: &str| i18n::text_with(lang, msg, &[(arg, value)]);
    let status = i18n::text(
        lang,
        match h.status {
            HandoffStatus::Resolved => Msg::CardResolved,
            HandoffStatus::Cancelled => Msg::CardCancelled,
            HandoffStatus::Claimed => Msg::CardClaimed,
            HandoffStatus::Open => Msg::CardWaiting,
        },
    );
    let embed = CreateEmbed::new()
        .title(fit(&with(Msg::CardTitle, Arg::Title, ctx.guide_title), 256))
        .description(i18n::text(lang, Msg::CardForgotten))
        .colour(CLOSED_COLOUR)
        .field(i18n::text(lang, Msg::CardStatus), status, false)
        .footer(CreateEmbedFooter::new(with(
            Msg::CardFooter,
            Arg::Number,
            &h.id.to_string(),
        )));
    Card {
        embed,
        rows: Vec::new(),
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

fn rows(h: &Handoff, lang: Lang) -> Vec<CreateActionRow> {
    let say = |msg| i18n::text(lang, msg);
    let link = h
        .thread
        .map(|t| CreateButton::new_link(thread_url(h.guild, t)).label(say(Msg::CardOpenThread)));
    let mut first = Vec::new();
    match h.status {
        HandoffStatus::Open => {
            let style = if h.urgent {
                ButtonStyle::Danger
            } else {
                ButtonStyle::Success
            };
            first.push(button(h, CardAction::Claim, &say(Msg::CardClaim), style));
        }
        HandoffStatus::Claimed => {
            first.push(button(
                h,
                CardAction::Resolve,
                &say(Msg::CardResolve),
                ButtonStyle::Success,
            ));
            first.push(button(
                h,
                CardAction::Release,
                &say(Msg::CardRelease),
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
            .placeholder(say(Msg::CardTransfer)),
        ));
    }
    rows
}
