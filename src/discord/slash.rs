//! Slash commands: `/triage` (start, resume offer, describe, cancel) with its autocomplete, and
//! the routing of `/pitcrew` and `/volunteer` to `setup`. Components and modals are in `handler`.

use serenity::all::{
    CommandInteraction, Context, CreateAutocompleteResponse, CreateInteractionResponse,
    ResolvedValue,
};

use super::commands;
use super::handler::{or_trouble, responder, scope, Handler, CANCEL};
use super::render;
use super::respond::{Deferral, Reply};
use super::screens;
use crate::desk::{DeskError, Opened};
use crate::domain::Handoff;
use crate::domain::{Member, Scope};
use crate::guide::search::{self, Mode};

impl Handler {
    pub(super) async fn command(&self, ctx: &Context, cmd: &CommandInteraction) {
        let responder = responder(ctx, cmd.id, &cmd.token);
        match cmd.data.name.as_str() {
            commands::TRIAGE => {}
            super::setup::ADMIN => {
                let reply = super::setup::admin(&self.desk, cmd).await;
                return responder
                    .answer(Deferral::NewMessage, async {
                        or_trouble(reply.map_err(DeskError::from))
                    })
                    .await;
            }
            super::setup::VOLUNTEER => {
                let reply = super::setup::volunteer(&self.desk, cmd).await;
                return responder
                    .answer(Deferral::NewMessage, async {
                        or_trouble(reply.map_err(DeskError::from))
                    })
                    .await;
            }
            _ => return,
        }
        let guide = cmd.data.options().into_iter().find_map(|o| match o.value {
            ResolvedValue::String(s) if o.name == commands::GUIDE_OPTION => Some(s.to_string()),
            _ => None,
        });
        let member = Member::Discord(cmd.user.id.into());
        let scope = scope(cmd.guild_id, cmd.channel_id.get());
        let cancelled = responder
            .answer_then(Deferral::NewMessage, async {
                match self.triage(ctx, &member, &scope, guide.as_deref()).await {
                    Ok((reply, cancelled)) => (reply, cancelled),
                    Err(e) => (or_trouble(Err(e)), None),
                }
            })
            .await;
        if let Some(h) = cancelled {
            self.handoffs(ctx).after_cancel(&h).await;
        }
    }

    /// `/triage [guide]`.
    async fn triage(
        &self,
        ctx: &Context,
        member: &Member,
        scope: &Scope,
        guide: Option<&str>,
    ) -> Result<(Reply, Option<Handoff>), DeskError> {
        let library = self.desk.library();
        if guide.is_some_and(|g| g.trim().eq_ignore_ascii_case(CANCEL)) {
            return self.cancel(ctx, member, scope).await;
        }
        // A typed guide that is not an id is taken as a description.
        let wanted = guide
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty());
        let exact = wanted
            .as_deref()
            .and_then(|g| library.get(g))
            .map(|g| g.id.as_str());
        if let Some(id) = exact {
            let reply = match self.desk.start_unless_open(member, scope, id).await? {
                Opened::Started { session, view } => render::step(session.id, &view),
                Opened::AlreadyOpen { session, view } => {
                    screens::resume_offer(session.id, &view, exact)
                }
            };
            return Ok((Reply::New(reply), None));
        }
        if let Some((session, view)) = self.desk.open_session(member, scope).await? {
            return Ok((
                Reply::New(screens::resume_offer(session.id, &view, exact)),
                None,
            ));
        }
        let reply = match wanted {
            Some(words) => self.suggest(&words),
            None => screens::picker(library, None),
        };
        Ok((Reply::New(reply), None))
    }

    /// `/triage cancel`: closes the open guide, and a live handoff in this server with it.
    async fn cancel(
        &self,
        ctx: &Context,
        member: &Member,
        scope: &Scope,
    ) -> Result<(Reply, Option<Handoff>), DeskError> {
        let guide = self.desk.cancel(member, scope).await?;
        let handoff = match (scope, member) {
            (Scope::Guild { guild, .. }, Member::Discord(id)) => {
                self.handoffs(ctx).cancel(*guild, *id).await?
            }
            _ => None,
        };
        let text = match (&guide, &handoff) {
            (_, Some(_)) => "Your request for a volunteer is cancelled, and the volunteers can see that. Type `/triage` whenever you need help again.",
            (Some(_), None) => "Your guide is closed. Type `/triage` whenever you need it again.",
            (None, None) => "You have no open guide here.",
        };
        Ok((Reply::Note(text.into()), handoff))
    }

    pub(super) fn suggest(&self, words: &str) -> render::Screen {
        let library = self.desk.library();
        let guides: Vec<_> = search::rank(library, words, Mode::Words, screens::SUGGESTIONS_MAX)
            .iter()
            .filter_map(|m| library.get(&m.guide_id))
            .collect();
        screens::suggestions(library, &guides)
    }

    pub(super) async fn autocomplete(&self, ctx: &Context, cmd: &CommandInteraction) {
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
}
