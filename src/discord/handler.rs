//! Routes interactions to the desk and draws the answers. Every interaction is judged here
//! once: whose it is, where it happened, which action its custom_id names.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serenity::all::{
    ActionRowComponent, CommandInteraction, ComponentInteraction, ComponentInteractionDataKind,
    Context, CreateAutocompleteResponse, CreateInteractionResponse, EventHandler, GuildId,
    Interaction, InteractionId, ModalInteraction, Ready, ResolvedValue,
};

use super::commands;
use super::ids::Action;
use super::lifecycle::InFlight;
use super::render;
use super::respond::{Deferral, Reply, Responder};
use super::screens;
use crate::desk::{Desk, DeskError, Pressed};
use crate::guide::search::{self, Mode};
use crate::place::{Member, Scope};

/// The guide option value that closes the member's open guide: `/triage cancel`.
pub const CANCEL: &str = "cancel";

const NOT_YOURS: &str =
    "This guide belongs to someone else. Start your own with `/triage`; it is private to you.";
const GONE: &str = "That guide is no longer open. Type `/triage` to start again.";
const BROKEN: &str = "That button did not work. Type `/triage` to start again.";
const TROUBLE: &str = "Sorry, something went wrong on our side. Please try again in a moment. If anyone is in danger, call 911 (or your local emergency number) now.";
const RESTARTING: &str = "pitcrew is restarting. Please try again in a minute. If anyone is in danger, call 911 (or your local emergency number) now.";

pub struct Handler {
    pub desk: Arc<Desk>,
    pub guild: Option<GuildId>,
    pub closing: Arc<AtomicBool>,
    pub in_flight: InFlight,
    pub ready: Arc<tokio::sync::Notify>,
    seen: Mutex<Seen>,
}

impl Handler {
    pub fn new(desk: Arc<Desk>, guild: Option<GuildId>, in_flight: InFlight) -> Handler {
        Handler {
            desk,
            guild,
            closing: Arc::new(AtomicBool::new(false)),
            in_flight,
            ready: Arc::new(tokio::sync::Notify::new()),
            seen: Mutex::new(Seen::default()),
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, "connected to Discord");
        commands::register(&ctx.http, self.guild).await;
        self.ready.notify_waiters();
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        // A resumed gateway may replay a dispatch; one interaction is answered once.
        if !self.first_sighting(interaction.id()) {
            return;
        }
        let _guard = self.in_flight.enter();
        if self.closing.load(Ordering::SeqCst) {
            return restarting(&ctx, &interaction).await;
        }
        match interaction {
            Interaction::Command(cmd) => self.command(&ctx, &cmd).await,
            Interaction::Autocomplete(cmd) => self.autocomplete(&ctx, &cmd).await,
            Interaction::Component(press) => self.component(&ctx, &press).await,
            Interaction::Modal(modal) => self.modal(&ctx, &modal).await,
            _ => {}
        }
    }
}

impl Handler {
    fn first_sighting(&self, id: InteractionId) -> bool {
        match self.seen.lock() {
            Ok(mut seen) => seen.insert(id),
            // A poisoned lock only loses deduplication; answering matters more.
            Err(_) => true,
        }
    }

    async fn command(&self, ctx: &Context, cmd: &CommandInteraction) {
        if cmd.data.name != commands::TRIAGE {
            return;
        }
        let guide = cmd.data.options().into_iter().find_map(|o| match o.value {
            ResolvedValue::String(s) if o.name == commands::GUIDE_OPTION => Some(s.to_string()),
            _ => None,
        });
        let member = Member::Discord(cmd.user.id.get());
        let scope = scope(cmd.guild_id, cmd.channel_id.get());
        let responder = responder(ctx, cmd.id, &cmd.token);
        responder
            .answer(Deferral::NewMessage, async {
                let reply = self.triage(&member, &scope, guide.as_deref()).await;
                or_trouble(reply)
            })
            .await;
    }

    /// `/triage [guide]`.
    async fn triage(
        &self,
        member: &Member,
        scope: &Scope,
        guide: Option<&str>,
    ) -> Result<Reply, DeskError> {
        let library = self.desk.library();
        if guide.is_some_and(|g| g.trim().eq_ignore_ascii_case(CANCEL)) {
            let text = match self.desk.cancel(member, scope).await? {
                Some(_) => "Your guide is closed. Type `/triage` whenever you need it again.",
                None => "You have no open guide here.",
            };
            return Ok(Reply::Note(text.into()));
        }
        // A typed guide that is not an id is taken as a description.
        let wanted = guide
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty());
        let exact = wanted
            .as_deref()
            .and_then(|g| library.get(g))
            .map(|g| g.id.as_str());
        if let Some((session, view)) = self.desk.open_session(member, scope).await? {
            return Ok(Reply::New(screens::resume_offer(session.id, &view, exact)));
        }
        match (exact, wanted) {
            (Some(id), _) => {
                let (session, view) = self.desk.start(member, scope, id).await?;
                Ok(Reply::New(render::step(session.id, &view)))
            }
            (None, Some(words)) => Ok(Reply::New(self.suggest(&words))),
            (None, None) => Ok(Reply::New(screens::picker(library, None))),
        }
    }

    fn suggest(&self, words: &str) -> render::Screen {
        let library = self.desk.library();
        let guides: Vec<_> = search::rank(library, words, Mode::Words, screens::SUGGESTIONS_MAX)
            .iter()
            .filter_map(|m| library.get(&m.guide_id))
            .collect();
        screens::suggestions(library, &guides)
    }

    async fn autocomplete(&self, ctx: &Context, cmd: &CommandInteraction) {
        let typed = cmd
            .data
            .autocomplete()
            .map(|o| o.value.to_string())
            .unwrap_or_default();
        let library = self.desk.library();
        let mut response = CreateAutocompleteResponse::new();
        let matches = if typed.trim().is_empty() {
            library.iter().map(|g| g.id.clone()).collect::<Vec<_>>()
        } else {
            search::rank(library, &typed, Mode::Prefix, commands::AUTOCOMPLETE_MAX)
                .into_iter()
                .map(|m| m.guide_id)
                .collect()
        };
        let mut offered = 0;
        if !typed.trim().is_empty() && CANCEL.starts_with(&typed.trim().to_lowercase()) {
            response = response.add_string_choice("Cancel my open guide", CANCEL);
            offered += 1;
        }
        for id in matches.iter().take(commands::AUTOCOMPLETE_MAX - offered) {
            if let Some(g) = library.get(id) {
                response = response.add_string_choice(render::fit(&g.title, 100), g.id.clone());
            }
        }
        responder(ctx, cmd.id, &cmd.token)
            .answer(Deferral::NewMessage, async {
                Reply::Raw(CreateInteractionResponse::Autocomplete(response))
            })
            .await;
    }

    async fn component(&self, ctx: &Context, press: &ComponentInteraction) {
        let member = Member::Discord(press.user.id.get());
        let scope = scope(press.guild_id, press.channel_id.get());
        let responder = responder(ctx, press.id, &press.token);
        let Some(action) = Action::parse(&press.data.custom_id) else {
            tracing::info!(custom_id = %press.data.custom_id, "refused an unknown custom_id");
            return responder
                .answer(Deferral::NewMessage, async { Reply::Note(BROKEN.into()) })
                .await;
        };
        if action == Action::Describe {
            let modal = CreateInteractionResponse::Modal(screens::describe_modal());
            return responder
                .answer(Deferral::Update, async { Reply::Raw(modal) })
                .await;
        }
        let picked = match &press.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values.first().cloned(),
            _ => None,
        };
        responder
            .answer(Deferral::Update, async {
                or_trouble(self.act(&member, &scope, action, picked).await)
            })
            .await;
    }

    async fn act(
        &self,
        member: &Member,
        scope: &Scope,
        action: Action,
        picked: Option<String>,
    ) -> Result<Reply, DeskError> {
        let library = self.desk.library();
        match action {
            Action::Step {
                session,
                step,
                input,
            } => Ok(match self.desk.press(member, session, step, input).await? {
                Pressed::Moved { session, view } | Pressed::Unchanged { session, view } => {
                    Reply::Update(render::step(session.id, &view))
                }
                Pressed::NotYours => Reply::Note(NOT_YOURS.into()),
                Pressed::Unknown => Reply::Note(GONE.into()),
            }),
            Action::Pick => match picked.filter(|id| library.get(id).is_some()) {
                Some(id) => self.start(member, scope, &id).await,
                None => Ok(Reply::Note(BROKEN.into())),
            },
            Action::Start { guide } if library.get(&guide).is_some() => {
                self.start(member, scope, &guide).await
            }
            Action::Resume { session } => match self.desk.open_session(member, scope).await? {
                Some((open, view)) if open.id == session => {
                    Ok(Reply::Update(render::step(open.id, &view)))
                }
                _ => Ok(Reply::Note(GONE.into())),
            },
            Action::Fresh { session, guide } => {
                // Only the session the offer was drawn for is closed, never a newer one.
                if let Some((open, _)) = self.desk.open_session(member, scope).await? {
                    if open.id != session {
                        return Ok(Reply::Note(GONE.into()));
                    }
                    self.desk.cancel(member, scope).await?;
                }
                match guide.filter(|g| library.get(g).is_some()) {
                    Some(g) => self.start(member, scope, &g).await,
                    None => Ok(Reply::Update(screens::picker(library, None))),
                }
            }
            Action::Start { .. }
            | Action::Describe
            | Action::DescribeModal
            | Action::DescribeText
            | Action::Handoff { .. }
            | Action::ResolveText
            | Action::NoteText => Ok(Reply::Note(BROKEN.into())),
        }
    }

    async fn start(&self, member: &Member, scope: &Scope, guide: &str) -> Result<Reply, DeskError> {
        let (session, view) = self.desk.start(member, scope, guide).await?;
        Ok(Reply::Update(render::step(session.id, &view)))
    }

    async fn modal(&self, ctx: &Context, modal: &ModalInteraction) {
        let responder = responder(ctx, modal.id, &modal.token);
        if Action::parse(&modal.data.custom_id) != Some(Action::DescribeModal) {
            return responder
                .answer(Deferral::NewMessage, async { Reply::Note(BROKEN.into()) })
                .await;
        }
        let text = modal
            .data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|c| match c {
                ActionRowComponent::InputText(t)
                    if Action::parse(&t.custom_id) == Some(Action::DescribeText) =>
                {
                    t.value.clone()
                }
                _ => None,
            })
            .unwrap_or_default();
        let screen = self.suggest(&text);
        // Submitted from the picker's button: the picker message turns into the suggestions.
        let reply = if modal.message.is_some() {
            Reply::Update(screen)
        } else {
            Reply::New(screen)
        };
        responder.answer(Deferral::Update, async { reply }).await;
    }
}

fn responder(ctx: &Context, id: InteractionId, token: &str) -> Responder {
    Responder {
        http: ctx.http.clone(),
        id,
        token: token.to_string(),
    }
}

fn scope(guild: Option<GuildId>, channel: u64) -> Scope {
    match guild {
        Some(g) => Scope::Guild {
            guild: g.get(),
            channel,
        },
        None => Scope::Dm,
    }
}

/// Internals go to the log; the member gets a short, kind line.
fn or_trouble(reply: Result<Reply, DeskError>) -> Reply {
    reply.unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not handle an interaction");
        Reply::Note(TROUBLE.into())
    })
}

async fn restarting(ctx: &Context, interaction: &Interaction) {
    let (id, token) = match interaction {
        Interaction::Command(c) => (c.id, c.token.as_str()),
        Interaction::Component(c) => (c.id, c.token.as_str()),
        Interaction::Modal(m) => (m.id, m.token.as_str()),
        _ => return,
    };
    responder(ctx, id, token)
        .answer(Deferral::NewMessage, async {
            Reply::Note(RESTARTING.into())
        })
        .await;
}

/// Recently answered interaction ids, bounded so memory stays flat however long the bot runs.
#[derive(Default)]
struct Seen {
    order: VecDeque<InteractionId>,
    set: HashSet<InteractionId>,
}

impl Seen {
    const CAPACITY: usize = 4096;

    fn insert(&mut self, id: InteractionId) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > Self::CAPACITY {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        true
    }
}
