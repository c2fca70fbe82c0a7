//! The event handler: READY (commands registered, the timer started) and every interaction,
//! each answered once. Commands go to `slash`, modal submissions to `modals`; component
//! presses are judged here: whose they are, where, which action their custom_id names.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serenity::all::{
    ButtonStyle, ComponentInteraction, ComponentInteractionDataKind, Context, CreateActionRow,
    CreateInteractionResponse, EventHandler, GuildChannel, Interaction, InteractionId, Message,
    Ready,
};

use super::card_actions;
use super::ids::{Action, CardAction};
use super::interaction::{note, or_trouble, pressed_by, responder, restarting, scope, server_lang};
use super::lifecycle::Lifecycle;
use super::live::Live;
use super::region::Reader;
use super::render;
use super::respond::{Deferral, Reply, Responder};
use super::screens;
use super::seen::Seen;
use super::{fixed, forget, forum, forum_press, modals, slash, unguided};
use crate::desk::{Desk, DeskError, Pressed};
use crate::domain::SessionRecord;
use crate::domain::{Handoff, LeaseHolder, Ready as HandoffReady};
use crate::domain::{Member, Region, Scope};
use crate::guide::Lang;
use crate::handoff::text as handoff_text;
use crate::handoff::Prepared;
use crate::i18n::{self, Msg};
use crate::triage::{Input, View};

pub struct Handler {
    pub desk: Arc<Desk>,
    /// Tracks interactions and the timer, so a stop waits for them.
    pub life: Lifecycle,
    /// The guides' reloads: the watcher, `/pitcrew reload`, the commands registered last.
    pub live: Arc<Live>,
    /// Wakes the re-notification timer: a handoff opened.
    pub timer_wake: Arc<tokio::sync::Notify>,
    timer_started: AtomicBool,
    seen: Mutex<Seen>,
    /// New forum posts, waiting for the forum helper (started at the first READY).
    forum: forum::Queue,
    /// This run's id on the leases of once-only work (reminders, retention).
    holder: LeaseHolder,
}

impl Handler {
    pub fn new(desk: Arc<Desk>, life: Lifecycle, live: Arc<Live>, holder: LeaseHolder) -> Handler {
        Handler {
            desk,
            life,
            live,
            timer_wake: Arc::new(tokio::sync::Notify::new()),
            timer_started: AtomicBool::new(false),
            seen: Mutex::new(Seen::default()),
            forum: forum::Queue::default(),
            holder,
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, "connected to Discord");
        // READY comes again after a reconnect; one timer and one watcher are enough. The
        // watch is in place before the commands are, so an edit made once they work is seen.
        if !self.timer_started.swap(true, Ordering::SeqCst) {
            let reminders = self.handoffs(&ctx);
            let reminders = reminders.run_reminders(self.holder.clone(), self.life.stop_signal());
            self.life.spawn(reminders);
            self.life.spawn(crate::retention::run_daily(
                Arc::clone(&self.desk),
                self.holder.clone(),
                self.life.stop_signal(),
            ));
            self.live
                .watch(self.desk.clone(), ctx.http.clone(), &self.life);
        }
        if let Some(posts) = self.forum.take() {
            let helper = forum::Helper {
                desk: self.desk.clone(),
                http: ctx.http.clone(),
                service: self.handoffs(&ctx),
                me: ready.user.id,
            };
            let run = forum::run(posts, Arc::new(helper), self.life.clone());
            self.life.spawn(run);
        }
        self.live.register(&ctx.http).await;
    }

    /// A forum post, as its thread (THREAD_CREATE); see `forum` for why both events count.
    async fn thread_create(&self, _ctx: Context, thread: GuildChannel) {
        if let Some(post) = forum::Post::from_thread(&thread) {
            self.forum.push(post).await;
        }
    }

    /// A forum post, as its starter message (MESSAGE_CREATE); any other message is ignored.
    async fn message(&self, _ctx: Context, message: Message) {
        if let Some(post) = forum::Post::from_starter(&message) {
            self.forum.push(post).await;
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
        // One set of guides per interaction, however a reload swaps them meanwhile.
        let turn = Turn {
            handler: self,
            desk: Arc::new(self.desk.pinned()),
        };
        let desk = &turn.desk;
        match interaction {
            Interaction::Command(cmd) => {
                slash::command(&ctx, desk, &turn.handoffs(&ctx), &self.live, &cmd).await
            }
            Interaction::Autocomplete(cmd) => slash::autocomplete(&ctx, desk, &cmd).await,
            Interaction::Component(press) => turn.component(&ctx, &press).await,
            Interaction::Modal(modal) => {
                modals::submitted(&ctx, desk, &turn.handoffs(&ctx), &modal).await
            }
            _ => {}
        }
    }
}

/// One interaction's work: the handler, and the desk pinned to the guides it began with.
struct Turn<'h> {
    handler: &'h Handler,
    desk: Arc<Desk>,
}

impl Handler {
    fn first_sighting(&self, id: InteractionId) -> bool {
        match self.seen.lock() {
            Ok(mut seen) => seen.insert(id),
            // A poisoned lock only loses deduplication; answering matters more.
            Err(_) => true,
        }
    }

    /// The handoff service on the running desk (not pinned), for the reminder timer, which
    /// outlives any one set of guides; it shares the timer's wake with every interaction's.
    fn handoffs(&self, ctx: &Context) -> card_actions::Service {
        card_actions::service(&self.desk, &ctx.http, &self.timer_wake)
    }
}

impl Turn<'_> {
    async fn component(&self, ctx: &Context, press: &ComponentInteraction) {
        let member = Member::Discord(press.user.id.into());
        let scope = scope(press.guild_id, press.channel_id.get());
        let responder = responder(ctx, press.id, &press.token);
        let reader = Reader::new(&self.desk, press.guild_id, &press.locale);
        let Some(action) = Action::parse(&press.data.custom_id) else {
            tracing::info!(custom_id = %press.data.custom_id, "refused an unknown custom_id");
            return responder
                .answer(Deferral::NewMessage, async { note(&reader, Msg::Broken) })
                .await;
        };
        if matches!(action, Action::ForumStart { .. } | Action::ForumAsk) {
            let service = self.handoffs(ctx);
            return forum_press::pressed(ctx, &self.desk, &service, press, action).await;
        }
        if action == Action::AskVolunteer {
            return unguided::pressed(ctx, &self.handoffs(ctx), press).await;
        }
        if action == Action::Describe {
            let modal = CreateInteractionResponse::Modal(screens::describe_modal(reader.lang()));
            return responder
                .answer(Deferral::Update, async { Reply::Raw(modal) })
                .await;
        }
        if let Action::ForgetMe { user, confirm } = action {
            let service = self.handoffs(ctx);
            let presser = press.user.id.into();
            let forgotten = responder
                .answer_then(Deferral::Update, async {
                    let pressed = (user, confirm);
                    match forget::pressed(&service, presser, pressed, reader.lang()).await {
                        Ok(done) => done,
                        Err(e) => (or_trouble(Err(e.into()), &reader).await, None),
                    }
                })
                .await;
            // The cards once the member has their answer: each is a round trip.
            if let Some(f) = forgotten {
                service.after_forget(&f).await;
            }
            return;
        }
        if let Action::Handoff { handoff, action } = action {
            let picked = match &press.data.kind {
                ComponentInteractionDataKind::UserSelect { values } => {
                    values.first().map(|&u| u.into())
                }
                _ => None,
            };
            let service = self.handoffs(ctx);
            let by = pressed_by(press.user.id, press.member.as_ref());
            let rated = responder
                .answer_then(Deferral::Update, async {
                    let langs = card_actions::Langs {
                        presser: reader.lang(),
                        server: server_lang(press.guild_locale.as_deref()),
                    };
                    match card_actions::press(&service, &by, (handoff, action), picked, langs).await
                    {
                        Ok(done) => done,
                        Err(e) => (or_trouble(Err(e.into()), &reader).await, None),
                    }
                })
                .await;
            // Only once the member has the answer: locking first would refuse it.
            if let Some(h) = rated {
                service.after_rating(&h).await;
            }
            return;
        }
        let picked = match &press.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values.first().cloned(),
            _ => None,
        };
        let after = responder
            .answer_then(Deferral::Update, async {
                match self
                    .act(ctx, &member, &scope, action, picked, &reader)
                    .await
                {
                    Ok((reply, after)) => (reply, after),
                    Err(e) => (or_trouble(Err(e), &reader).await, None),
                }
            })
            .await;
        if let Some((handoff, ready)) = after {
            let name = press
                .member
                .as_ref()
                .map_or_else(|| press.user.display_name(), |m| m.display_name())
                .to_string();
            let read = (reader.region().await, reader.lang());
            self.deliver(ctx, &responder, &handoff, &ready, &name, read)
                .await;
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
        (region, lang): (Region, Lang),
    ) {
        let service = self.handoffs(ctx);
        if !service.deliver_prepared(handoff, ready, member_name).await {
            responder
                .follow_note(&handoff_text::not_delivered(region, lang))
                .await;
        }
    }

    /// The handoff service for this interaction; every one shares the reminder timer's wake.
    fn handoffs(&self, ctx: &Context) -> card_actions::Service {
        card_actions::service(&self.desk, &ctx.http, &self.handler.timer_wake)
    }

    async fn act(
        &self,
        ctx: &Context,
        member: &Member,
        scope: &Scope,
        action: Action,
        picked: Option<String>,
        reader: &Reader<'_>,
    ) -> Result<(Reply, Option<(Handoff, HandoffReady)>), DeskError> {
        let lang = reader.lang();
        // "Did this fix it?": a yes is answered here; a no goes on as the volunteer button.
        let action = match action {
            Action::Fixed { session, fixed } => {
                match fixed::answer(&self.desk, member, session, fixed, reader).await? {
                    fixed::Next::Reply(reply) => return Ok((*reply, None)),
                    fixed::Next::Escalate { step } => Action::Step {
                        session,
                        step,
                        input: Input::Escalate,
                    },
                }
            }
            other => other,
        };
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
                    self.escalated(ctx, &session, &view, reader.region().await, lang)
                        .await?
                }
                Pressed::Moved { session, view } | Pressed::Unchanged { session, view } => {
                    let region = reader.region_for(&view).await;
                    (
                        Reply::Update(render::step(
                            &self.desk.library(),
                            session.id,
                            &view,
                            lang,
                            region,
                        )),
                        None,
                    )
                }
                Pressed::NotYours => (note(reader, Msg::NotYours), None),
                Pressed::Unknown => (note(reader, Msg::Gone), None),
            });
        }
        Ok((
            self.pick(member, scope, action, picked, reader).await?,
            None,
        ))
    }

    /// The guide ended with a volunteer (asked for, or an emergency): the screen says what
    /// happens next, and the handoff is opened for delivery once the member has it.
    async fn escalated(
        &self,
        ctx: &Context,
        session: &SessionRecord,
        view: &View,
        region: Region,
        lang: Lang,
    ) -> Result<(Reply, Option<(Handoff, HandoffReady)>), DeskError> {
        let mut screen = render::step(&self.desk.library(), session.id, view, lang, region);
        let service = self.handoffs(ctx);
        let (next, after) = match service.prepare(session, view.flags.urgent, lang).await {
            Ok(Prepared::NoServer) => (handoff_text::no_server(region, lang), None),
            Ok(Prepared::NotSetUp) => (handoff_text::not_set_up(region, lang), None),
            Ok(Prepared::Closed) => (handoff_text::ask_again(region, lang), None),
            Ok(Prepared::AlreadyOpen { thread }) => {
                (handoff_text::already_open(thread, region, lang), None)
            }
            // The answer is committed and the screen must show (an emergency's instruction
            // above all): a handoff that could not be stored is said on it, not a failure.
            Err(e) => {
                tracing::error!(error = %e, session = session.id.0, "could not open a handoff");
                (handoff_text::not_delivered(region, lang), None)
            }
            Ok(Prepared::Opened { handoff, ready }) => {
                screen
                    .rows
                    .push(CreateActionRow::Buttons(vec![super::card::button(
                        &handoff,
                        CardAction::Note,
                        &i18n::text(lang, Msg::NextAddNote),
                        ButtonStyle::Primary,
                    )]));
                (
                    handoff_text::member_next(view.flags.urgent, region, lang),
                    Some((*handoff, ready)),
                )
            }
        };
        let title = i18n::text(lang, Msg::NextTitle);
        screen.embed = screen.embed.field(title, next, false);
        Ok((Reply::Update(screen), after))
    }
}

#[path = "handler_pick.rs"]
mod pick;
