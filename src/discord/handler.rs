//! Routes interactions to the desk and draws the answers. Every interaction is judged here
//! once: whose it is, where it happened, which action its custom_id names.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serenity::all::{
    ActionRowComponent, ButtonStyle, ComponentInteraction, ComponentInteractionDataKind, Context,
    CreateActionRow, CreateInteractionResponse, EventHandler, GuildId, Interaction, InteractionId,
    ModalInteraction, Ready,
};

use super::card_actions::{self, Presser};
use super::commands;
use super::handoff::{self as discord_handoff, Prepared};
use super::ids::{Action, CardAction};
use super::lifecycle::Lifecycle;
use super::render;
use super::respond::{Deferral, Reply, Responder};
use super::screens;
use crate::desk::{Desk, DeskError, Pressed};
use crate::domain::SessionRecord;
use crate::domain::{Handoff, Ready as HandoffReady};
use crate::domain::{Member, Scope};
use crate::handoff::text as handoff_text;
use crate::triage::View;

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
    /// Tracks interactions and the timer, so a stop waits for them.
    pub life: Lifecycle,
    /// Wakes the re-notification timer: a handoff opened.
    pub timer_wake: Arc<tokio::sync::Notify>,
    timer_started: AtomicBool,
    seen: Mutex<Seen>,
}

impl Handler {
    pub fn new(desk: Arc<Desk>, guild: Option<GuildId>, life: Lifecycle) -> Handler {
        Handler {
            desk,
            guild,
            life,
            timer_wake: Arc::new(tokio::sync::Notify::new()),
            timer_started: AtomicBool::new(false),
            seen: Mutex::new(Seen::default()),
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, "connected to Discord");
        commands::register(&ctx.http, self.guild).await;
        // READY comes again after a reconnect; one timer is enough.
        if !self.timer_started.swap(true, Ordering::SeqCst) {
            self.life.spawn(super::timers::run(
                ctx.http.clone(),
                self.desk.clone(),
                self.timer_wake.clone(),
                self.life.stop_signal(),
            ));
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        // A resumed gateway may replay a dispatch; one interaction is answered once.
        if !self.first_sighting(interaction.id()) {
            return;
        }
        let _in_flight = self.life.enter();
        if self.life.is_stopping() {
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

    async fn component(&self, ctx: &Context, press: &ComponentInteraction) {
        let member = Member::Discord(press.user.id.into());
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
        if let Action::Handoff { handoff, action } = action {
            let picked = match &press.data.kind {
                ComponentInteractionDataKind::UserSelect { values } => {
                    values.first().map(|&u| u.into())
                }
                _ => None,
            };
            let presser = Presser {
                user: press.user.id.into(),
                member: press.member.as_ref(),
            };
            let rated = responder
                .answer_then(Deferral::Update, async {
                    match card_actions::press(
                        &ctx.http, &self.desk, &presser, handoff, action, picked,
                    )
                    .await
                    {
                        Ok(done) => done,
                        Err(e) => (or_trouble(Err(e.into())), None),
                    }
                })
                .await;
            // Only once the member has the answer: locking first would refuse it.
            if let Some(h) = rated {
                card_actions::rated(&ctx.http, &self.desk, &h).await;
            }
            return;
        }
        let picked = match &press.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values.first().cloned(),
            _ => None,
        };
        let after = responder
            .answer_then(Deferral::Update, async {
                match self.act(&member, &scope, action, picked).await {
                    Ok((reply, after)) => (reply, after),
                    Err(e) => (or_trouble(Err(e)), None),
                }
            })
            .await;
        if let Some((handoff, ready)) = after {
            let name = press
                .member
                .as_ref()
                .map_or_else(|| press.user.display_name(), |m| m.display_name())
                .to_string();
            self.deliver(ctx, &responder, &handoff, &ready, &name).await;
        }
    }

    /// The handoff's Discord side, after the member already has their screen. On failure the
    /// member is told to carry on with the guide's advice; the problem goes to setup status.
    async fn deliver(
        &self,
        ctx: &Context,
        responder: &Responder,
        handoff: &Handoff,
        ready: &HandoffReady,
        member_name: &str,
    ) {
        match discord_handoff::deliver(&ctx.http, &self.desk, handoff, ready, member_name).await {
            Ok(_) => {
                let setup = self
                    .desk
                    .store()
                    .guild_setup(handoff.guild)
                    .await
                    .ok()
                    .flatten();
                discord_handoff::clear_problem(&self.desk, setup.as_ref()).await;
            }
            Err(e) => {
                discord_handoff::note_problem(&self.desk, handoff.guild, &e).await;
                responder.follow_note(handoff_text::NOT_DELIVERED).await;
            }
        }
        // Either way the timer has a new notice to keep: the first reminder, or the retry
        // of what could not be delivered.
        self.timer_wake.notify_one();
    }

    async fn act(
        &self,
        member: &Member,
        scope: &Scope,
        action: Action,
        picked: Option<String>,
    ) -> Result<(Reply, Option<(Handoff, HandoffReady)>), DeskError> {
        if let Action::Step {
            session,
            step,
            input,
        } = action
        {
            return Ok(match self.desk.press(member, session, step, input).await? {
                Pressed::Moved { session, view }
                    if view.flags.escalated || view.flags.emergency =>
                {
                    self.escalated(&session, &view).await?
                }
                Pressed::Moved { session, view } | Pressed::Unchanged { session, view } => {
                    (Reply::Update(render::step(session.id, &view)), None)
                }
                Pressed::NotYours => (Reply::Note(NOT_YOURS.into()), None),
                Pressed::Unknown => (Reply::Note(GONE.into()), None),
            });
        }
        Ok((self.pick(member, scope, action, picked).await?, None))
    }

    /// The guide ended with a volunteer (asked for, or an emergency): the screen says what
    /// happens next, and the handoff is opened for delivery once the member has it.
    async fn escalated(
        &self,
        session: &SessionRecord,
        view: &View,
    ) -> Result<(Reply, Option<(Handoff, HandoffReady)>), DeskError> {
        let mut screen = render::step(session.id, view);
        let (next, after) = match discord_handoff::prepare(&self.desk, session, view).await {
            Ok(Prepared::NoServer) => (handoff_text::NO_SERVER.to_string(), None),
            Ok(Prepared::NotSetUp) => (handoff_text::NOT_SET_UP.to_string(), None),
            Ok(Prepared::Closed) => (handoff_text::ASK_AGAIN.to_string(), None),
            Ok(Prepared::AlreadyOpen { thread }) => (handoff_text::already_open(thread), None),
            // The answer is committed and the screen must show (an emergency's instruction
            // above all): a handoff that could not be stored is said on it, not a failure.
            Err(e) => {
                tracing::error!(error = %e, session = session.id.0, "could not open a handoff");
                (handoff_text::NOT_DELIVERED.to_string(), None)
            }
            Ok(Prepared::Opened { handoff, ready }) => {
                screen
                    .rows
                    .push(CreateActionRow::Buttons(vec![super::card::button(
                        &handoff,
                        CardAction::Note,
                        "Add a note for the volunteer",
                        ButtonStyle::Primary,
                    )]));
                (
                    handoff_text::member_next(view.flags.urgent),
                    Some((*handoff, ready)),
                )
            }
        };
        screen.embed = screen.embed.field("What happens next", next, false);
        Ok((Reply::Update(screen), after))
    }

    /// Everything around a guide that is not a step: picking, resuming, starting fresh.
    async fn pick(
        &self,
        member: &Member,
        scope: &Scope,
        action: Action,
        picked: Option<String>,
    ) -> Result<Reply, DeskError> {
        let library = self.desk.library();
        match action {
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
            Action::Step { .. }
            | Action::Start { .. }
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
        let presser = Presser {
            user: modal.user.id.into(),
            member: modal.member.as_ref(),
        };
        // The work runs inside the answer, so a slow store or Discord is deferred in time.
        let work = async {
            let reply = match Action::parse(&modal.data.custom_id) {
                Some(Action::DescribeModal) => {
                    let screen =
                        self.suggest(&input(modal, &Action::DescribeText).unwrap_or_default());
                    // Submitted from the picker's button: the picker turns into the suggestions.
                    Ok(if modal.message.is_some() {
                        Reply::Update(screen)
                    } else {
                        Reply::New(screen)
                    })
                }
                Some(Action::Handoff {
                    handoff,
                    action: CardAction::ResolveModal,
                }) => {
                    let note = input(modal, &Action::ResolveText);
                    card_actions::resolve(&ctx.http, &self.desk, &presser, handoff, note).await
                }
                Some(Action::Handoff {
                    handoff,
                    action: CardAction::NoteModal,
                }) => {
                    let note = input(modal, &Action::NoteText).unwrap_or_default();
                    card_actions::member_note(&ctx.http, &self.desk, &presser, handoff, note).await
                }
                _ => Ok(Reply::Note(BROKEN.into())),
            };
            or_trouble(reply.map_err(DeskError::from))
        };
        responder.answer(Deferral::Update, work).await;
    }
}

/// The value of the modal's text input whose custom_id is `which`.
fn input(modal: &ModalInteraction, which: &Action) -> Option<String> {
    modal
        .data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .find_map(|c| match c {
            ActionRowComponent::InputText(t)
                if Action::parse(&t.custom_id).as_ref() == Some(which) =>
            {
                t.value.clone()
            }
            _ => None,
        })
}

pub(super) fn responder(ctx: &Context, id: InteractionId, token: &str) -> Responder {
    Responder {
        http: ctx.http.clone(),
        id,
        token: token.to_string(),
    }
}

pub(super) fn scope(guild: Option<GuildId>, channel: u64) -> Scope {
    match guild {
        Some(g) => Scope::Guild {
            guild: g.into(),
            channel: channel.into(),
        },
        None => Scope::Dm,
    }
}

/// Internals go to the log; the member gets a short, kind line.
pub(super) fn or_trouble(reply: Result<Reply, DeskError>) -> Reply {
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
