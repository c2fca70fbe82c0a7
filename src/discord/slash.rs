//! Slash commands, once `commands` has parsed them: `/triage` (start, resume offer, describe,
//! cancel) with its autocomplete, and `/pitcrew` and `/volunteer` handed to `setup`. Every
//! command's work runs inside the Responder's answer, so a slow store defers instead of
//! missing Discord's 3 seconds.

use serenity::all::{
    ChannelId, CommandInteraction, Context, CreateAutocompleteResponse, CreateInteractionResponse,
    GuildId, Http,
};

use super::card_actions::Service;
use super::commands::{self, Command, AUTOCOMPLETE_MAX, CANCEL};
use super::interaction::{note, or_trouble, responder, scope};
use super::live::{self, Live};
use super::permission_check;
use super::region::Reader;
use super::render;
use super::respond::{Deferral, Reply};
use super::screens;
use super::setup::{self, Caller};
use crate::desk::{Desk, DeskError, Opened};
use crate::domain::Handoff;
use crate::domain::{Member, Scope};
use crate::guide::search::{self, Mode};
use crate::guide::Guide;
use crate::guide::Lang;
use crate::handoff::card;
use crate::i18n::{self, Msg};

pub async fn command(
    ctx: &Context,
    desk: &Desk,
    service: &Service,
    live: &Live,
    cmd: &CommandInteraction,
) {
    let responder = responder(ctx, cmd.id, &cmd.token);
    let reader = Reader::new(desk, cmd.guild_id, &cmd.locale);
    let Some(command) = commands::parse(&cmd.data) else {
        tracing::info!(command = %cmd.data.name, "refused a command pitcrew never registered");
        return responder
            .answer(Deferral::NewMessage, async {
                note(&reader, Msg::UnknownCommand)
            })
            .await;
    };
    let cancelled = responder
        .answer_then(Deferral::NewMessage, async {
            match run((ctx, live), desk, service, cmd, command, &reader).await {
                Ok(done) => done,
                Err(e) => (or_trouble(Err(e), &reader).await, None),
            }
        })
        .await;
    if let Some(h) = cancelled {
        service.after_cancel(&h).await;
    }
}

/// The command's work; beside the reply, a handoff `/triage cancel` closed, for its Discord
/// side once the member has the answer.
async fn run(
    (ctx, live): (&Context, &Live),
    desk: &Desk,
    service: &Service,
    cmd: &CommandInteraction,
    command: Command,
    reader: &Reader<'_>,
) -> Result<(Reply, Option<Handoff>), DeskError> {
    let member = Member::Discord(cmd.user.id.into());
    let scope = scope(cmd.guild_id, cmd.channel_id.get());
    let caller = || Caller {
        user: cmd.user.id.into(),
        guild: cmd.guild_id.map(Into::into),
        manages_guild: cmd
            .member
            .as_ref()
            .and_then(|m| m.permissions)
            .is_some_and(|p| p.manage_guild()),
        roles: cmd
            .member
            .as_ref()
            .map(|m| m.roles.iter().map(|&r| r.into()).collect())
            .unwrap_or_default(),
        // Discord sends `guild_locale` only in a server; a language pitcrew does not speak
        // reads English, like a member's.
        server_lang: cmd
            .guild_locale
            .as_deref()
            .map(|l| card::lang_code(Lang::from_discord_locale(l))),
        lang: Lang::from_discord_locale(&cmd.locale),
    };
    let reply = match command {
        Command::Triage { guide } => {
            let lang = Lang::from_discord_locale(&cmd.locale);
            triage(desk, &member, &scope, guide.as_deref(), reader, lang).await?
        }
        Command::Cancel => return cancel(desk, service, &member, &scope, reader).await,
        Command::Setup(change) => setup::admin(desk, &caller(), Some(change)).await?,
        Command::Status => {
            let status = setup::admin(desk, &caller(), None).await?;
            with_permissions(&ctx.http, desk, &caller(), cmd.guild_id, status).await?
        }
        Command::Reload => live::command(live, desk, &ctx.http, &caller()).await,
        Command::Queue => setup::queue(desk, &caller()).await?,
        Command::Duty { on } => setup::duty(desk, &caller(), on).await?,
        Command::Car(car) => Reply::Note(super::car::run(desk, &member, car, reader.lang()).await?),
        Command::Forum(o) => setup::forum(desk, &caller(), o, reader.lang()).await?,
        Command::ForgetMe => super::forget::ask(cmd.user.id.into(), reader.lang()),
        Command::Stats(o) => super::insight::stats(desk, &caller(), o).await?,
        Command::Graph(o) => super::insight::graph(desk, &caller(), o).await?,
    };
    Ok((reply, None))
}

/// The status with a line for each permission the bot lacks on the server or in the setup's
/// channels (`permission_check`), for a moderator only: others got a refusal.
async fn with_permissions(
    http: &Http,
    desk: &Desk,
    caller: &Caller,
    guild: Option<GuildId>,
    status: Reply,
) -> Result<Reply, DeskError> {
    let (Reply::Note(text), Some(guild), true) = (&status, guild, caller.manages_guild) else {
        return Ok(status);
    };
    let setup = desk.store().guild_setup(guild.into()).await?;
    let channels: Vec<ChannelId> = setup
        .iter()
        .flat_map(|s| [s.cards_channel, s.help_channel])
        .flatten()
        .map(ChannelId::from)
        .collect();
    // In the status's own language: the server's as setup recorded it, else its locale now.
    let lang = card::server_lang(setup.as_ref().and_then(|s| s.lang).or(caller.server_lang));
    let lines = permission_check::lines(http, guild, &channels, lang).await;
    if lines.is_empty() {
        return Ok(status);
    }
    Ok(Reply::Note(format!("{text}\n\n{}", lines.join("\n"))))
}

/// `/triage [guide]`.
async fn triage(
    desk: &Desk,
    member: &Member,
    scope: &Scope,
    guide: Option<&str>,
    reader: &Reader<'_>,
    lang: Lang,
) -> Result<Reply, DeskError> {
    let library = desk.library();
    // A typed guide that is not an id is taken as a description.
    let wanted = guide
        .map(|g| g.trim().to_string())
        .filter(|g| !g.is_empty());
    let exact = wanted
        .as_deref()
        .and_then(|g| library.get(g))
        .map(|g| g.id.as_str());
    if let Some(id) = exact {
        let reply = match desk.start_unless_open(member, scope, id).await? {
            Opened::Started { session, view } => render::step(
                &library,
                session.id,
                &view,
                lang,
                reader.region_for(&view).await,
            ),
            Opened::AlreadyOpen { session, view } => {
                let guide = library.get(&view.guide_id);
                screens::resume_offer(session.id, &view, (exact, guide), lang)
            }
        };
        return Ok(Reply::New(reply));
    }
    if let Some((session, view)) = desk.open_session(member, scope).await? {
        let guide = library.get(&view.guide_id);
        let offer = screens::resume_offer(session.id, &view, (exact, guide), lang);
        return Ok(Reply::New(offer));
    }
    let region = reader.region().await;
    let reply = match wanted {
        Some(words) => screens::suggest(&library, &words, region, lang),
        None => {
            let car = desk.car(member).await?;
            screens::picker_for(&library, None, region, car.as_ref(), lang)
        }
    };
    Ok(Reply::New(reply))
}

/// `/triage cancel`: closes the open guide, and a live handoff in this server with it.
async fn cancel(
    desk: &Desk,
    service: &Service,
    member: &Member,
    scope: &Scope,
    reader: &Reader<'_>,
) -> Result<(Reply, Option<Handoff>), DeskError> {
    let guide = desk.cancel(member, scope).await?;
    let handoff = match (scope, member) {
        (Scope::Guild { guild, .. }, Member::Discord(id)) => service.cancel(*guild, *id).await?,
        _ => None,
    };
    let said = match (&guide, &handoff) {
        (_, Some(_)) => Msg::CancelledRequest,
        (Some(_), None) => Msg::CancelledGuide,
        (None, None) => Msg::CancelNothing,
    };
    Ok((note(reader, said), handoff))
}

/// `/triage`'s guide option, as the member types.
pub async fn autocomplete(ctx: &Context, desk: &Desk, cmd: &CommandInteraction) {
    let typed = cmd
        .data
        .autocomplete()
        .map(|o| o.value.to_string())
        .unwrap_or_default();
    let library = desk.library();
    let lang = Lang::from_discord_locale(&cmd.locale);
    let mut response = CreateAutocompleteResponse::new();
    let mut matches: Vec<&Guide> = if typed.trim().is_empty() {
        library.iter().collect()
    } else {
        search::rank(&library, &typed, Mode::Prefix, AUTOCOMPLETE_MAX)
            .into_iter()
            .filter_map(|m| library.get(&m.guide_id))
            .collect()
    };
    // Keystrokes must stay fast: a car that cannot be read ranks nothing rather than failing.
    let car = desk
        .car(&Member::Discord(cmd.user.id.into()))
        .await
        .ok()
        .flatten();
    search::fitting_first(&mut matches, car.as_ref());
    let mut offered = 0;
    // `cancel` is `/triage`'s; `/pitcrew stats` and `graph` autocomplete guides only.
    let triage = cmd.data.name == "triage";
    if triage && !typed.trim().is_empty() && CANCEL.starts_with(&typed.trim().to_lowercase()) {
        response = response.add_string_choice(i18n::text(lang, Msg::CancelChoice), CANCEL);
        offered += 1;
    }
    for g in matches.iter().take(AUTOCOMPLETE_MAX - offered) {
        response = response.add_string_choice(render::fit(g.title_in(lang), 100), g.id.clone());
    }
    responder(ctx, cmd.id, &cmd.token)
        .answer(Deferral::NewMessage, async {
            Reply::Raw(CreateInteractionResponse::Autocomplete(response))
        })
        .await;
}
