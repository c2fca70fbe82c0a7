//! `/pitcrew stats` and `/pitcrew graph` for moderators: the same figures as `pitcrew stats`
//! (`Desk::figures`) as an embed in the moderator's language, with the funnel chart (PNG) and
//! the full table (CSV) as files; and a guide's decision graph with its traffic (PNG).
//!
//! Manage Server only (Discord gates `/pitcrew`; checked again here, because server admins can
//! override command permissions). Pictures are drawn on tokio's blocking pool: they take tens of
//! milliseconds, and interactions must not wait behind them.

use serenity::all::{Colour, CreateEmbed};

use super::commands::{InsightOptions, SINCE_DEFAULT_DAYS};
use super::render;
use super::respond::{Attached, File, Reply};
use super::setup::Caller;
use crate::desk::{Desk, DeskError};
use crate::guide::Lang;
use crate::i18n::{self, Arg, Msg};
use crate::insight::{self, human, GuideFigures};
use crate::picture::{self, figures as pictured};

/// The embed's colour: neutral, these are figures, not an alarm.
const COLOUR: Colour = Colour::from_rgb(0x3b, 0x6e, 0xa5);
/// Discord's limit on an embed field's value.
const FIELD_MAX: usize = 1024;
/// Nodes named under "where most members left".
const WORST_SHOWN: usize = 3;

/// `/pitcrew stats [guide] [since_days]`.
pub async fn stats(desk: &Desk, caller: &Caller, o: InsightOptions) -> Result<Reply, DeskError> {
    if let Some(refused) = refuse(caller) {
        return Ok(refused);
    }
    let lang = caller.lang;
    let figures = match desk.figures(o.guide.as_deref(), o.window()).await {
        Err(DeskError::UnknownGuide(g)) => return Ok(unknown(lang, &g)),
        other => other?,
    };
    let shown = figures
        .guide(o.guide.as_deref().unwrap_or(insight::ALL_GUIDES))
        .unwrap_or(&figures.all);
    let title = match &o.guide {
        None => i18n::text(lang, Msg::StatsAll).into_owned(),
        Some(id) => guide_title(desk, id, lang).unwrap_or_else(|| id.clone()),
    };
    let mut embed = CreateEmbed::new()
        .colour(COLOUR)
        .title(render::fit(
            &i18n::text_with(lang, Msg::StatsTitle, &[(Arg::Title, &title)]),
            256,
        ))
        .description(window_text(lang, Msg::StatsWindow, &o));
    if shown.starts == 0 {
        embed = embed
            .field(i18n::text(lang, Msg::StatsStarts), "0", true)
            .footer(serenity::all::CreateEmbedFooter::new(i18n::text(
                lang,
                Msg::StatsNone,
            )));
    } else {
        embed = fields(embed, shown, lang);
    }
    let funnel = pictured::funnel(shown, title);
    let png = tokio::task::spawn_blocking(move || picture::funnel_png(&funnel, lang)).await;
    let mut files = vec![File {
        name: "figures.csv".to_string(),
        bytes: figures.to_csv().into_bytes(),
    }];
    match png {
        Ok(Ok(bytes)) => {
            embed = embed.image("attachment://funnel.png");
            files.insert(
                0,
                File {
                    name: "funnel.png".to_string(),
                    bytes,
                },
            );
        }
        // The figures still go out; the moderator is told the picture is missing.
        failed => {
            tracing::error!(?failed, "the funnel chart could not be drawn");
            embed = embed.field(i18n::text(lang, Msg::StatsNoPicture), "—", false);
        }
    }
    Ok(Reply::Files(Box::new(Attached { embed, files })))
}

/// `/pitcrew graph guide [since_days]`.
pub async fn graph(desk: &Desk, caller: &Caller, o: InsightOptions) -> Result<Reply, DeskError> {
    if let Some(refused) = refuse(caller) {
        return Ok(refused);
    }
    let lang = caller.lang;
    let id = o.guide.clone().unwrap_or_default();
    let library = desk.library();
    let Some(guide) = library.get(&id).cloned() else {
        return Ok(unknown(lang, &id));
    };
    let figures = desk.figures(Some(&id), o.window()).await?;
    let traffic = figures
        .traffic(&id)
        .map(|t| pictured::traffic(&t))
        .unwrap_or_default();
    let title = guide.title_in(lang).to_string();
    let png = tokio::task::spawn_blocking(move || picture::graph_png(&guide, &traffic, lang)).await;
    let bytes = match png {
        Ok(Ok(bytes)) => bytes,
        failed => {
            tracing::error!(?failed, guide = %id, "the guide's graph could not be drawn");
            return Ok(Reply::Note(
                i18n::text(lang, Msg::StatsNoPicture).into_owned(),
            ));
        }
    };
    let embed = CreateEmbed::new()
        .colour(COLOUR)
        .title(render::fit(&title, 256))
        .description(window_text(lang, Msg::GraphWindow, &o))
        .image("attachment://graph.png");
    let files = vec![File {
        name: "graph.png".to_string(),
        bytes,
    }];
    Ok(Reply::Files(Box::new(Attached { embed, files })))
}

/// A refusal for a caller outside a server or without Manage Server, else `None`.
fn refuse(caller: &Caller) -> Option<Reply> {
    let msg = match (caller.guild, caller.manages_guild) {
        (None, _) => Msg::CmdInAServer,
        (Some(_), false) => Msg::StatsNotAllowed,
        (Some(_), true) => return None,
    };
    Some(Reply::Note(i18n::text(caller.lang, msg).into_owned()))
}

/// The moderator typed a guide id that is neither loaded nor walked: said back in a code span
/// (nothing in it can ping or format), cut short.
fn unknown(lang: Lang, typed: &str) -> Reply {
    let shown = format!("`{}`", render::fit(&typed.replace('`', "'"), 100));
    Reply::Note(i18n::text_with(
        lang,
        Msg::StatsUnknownGuide,
        &[(Arg::Title, &shown)],
    ))
}

fn guide_title(desk: &Desk, id: &str, lang: Lang) -> Option<String> {
    desk.library().get(id).map(|g| g.title_in(lang).to_string())
}

fn window_text(lang: Lang, msg: Msg, o: &InsightOptions) -> String {
    let days = o.since_days.unwrap_or(SINCE_DEFAULT_DAYS).to_string();
    i18n::text_with(lang, msg, &[(Arg::Number, &days)])
}

/// The headline figures as embed fields, words in the moderator's language.
fn fields(embed: CreateEmbed, g: &GuideFigures, lang: Lang) -> CreateEmbed {
    let t = |msg| i18n::text(lang, msg);
    let o = &g.outcomes;
    let outcomes = [
        (Msg::StatsResolved, o.resolved),
        (Msg::StatsEscalated, o.escalated),
        (Msg::StatsEmergency, o.emergency),
        (Msg::StatsAbandoned, o.abandoned),
        (Msg::StatsInProgress, o.in_progress),
    ]
    .iter()
    .map(|(msg, n)| format!("{n} {}", t(*msg)))
    .collect::<Vec<_>>()
    .join("\n");
    let f = &g.fixed;
    let fixed = format!(
        "{} {} · {} {} · {} {}",
        f.yes,
        t(Msg::StatsYes),
        f.no,
        t(Msg::StatsNo),
        f.no_answer,
        t(Msg::StatsNoAnswer)
    );
    let h = &g.handoffs;
    let handoffs = [
        format!("{}", h.count),
        format!("{} {}", human(h.median_to_claim_ms), t(Msg::StatsToClaim)),
        format!(
            "{} {}",
            human(h.median_to_resolve_ms),
            t(Msg::StatsToResolve)
        ),
        format!(
            "{} ({:.0}%) {}",
            h.claimed_before_first_reminder,
            h.share_claimed_before_first_reminder * 100.0,
            t(Msg::StatsBeforeReminder)
        ),
        format!(
            "{} {}",
            h.unclaimed_after_last_reminder,
            t(Msg::StatsAfterLastReminder)
        ),
        format!("{} / {} {}", h.solved, h.not_solved, t(Msg::StatsRatings)),
    ]
    .join("\n");
    let worst = g
        .nodes
        .iter()
        .filter(|n| n.left > 0)
        .take(WORST_SHOWN)
        .map(|n| {
            let name = n.title.as_deref().unwrap_or(&n.node);
            format!(
                "{} ({:.0}%) · {}",
                n.left,
                n.share * 100.0,
                render::fit(name, 80)
            )
        })
        .collect::<Vec<_>>();
    let mut embed = embed
        .field(t(Msg::StatsStarts), g.starts.to_string(), true)
        .field(t(Msg::StatsMedian), human(g.median_to_outcome_ms), true)
        .field(t(Msg::StatsOutcomes), outcomes, false)
        .field(t(Msg::StatsFixed), fixed, false)
        .field(t(Msg::StatsHandoffs), handoffs, false);
    if !worst.is_empty() {
        embed = embed.field(
            t(Msg::StatsWorst),
            render::fit(&worst.join("\n"), FIELD_MAX),
            false,
        );
    }
    embed
}
