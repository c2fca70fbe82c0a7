//! The handoff service's port on Discord: each call one REST round trip, the card drawn by
//! `card`, and every ping turned into allowed mentions, so text alone pings nobody.

use std::sync::Arc;

use serenity::all::{
    ButtonStyle, ChannelId, ChannelType, CreateActionRow, CreateAllowedMentions, CreateMessage,
    CreateThread, EditMessage, EditThread, GuildId, Http, MessageId, RoleId, UserId,
};

use super::card::{self, button, Card, CardContext};
use super::ids::CardAction;
use super::render::fit;
use crate::domain;
use crate::domain::{Handoff, Rating};
use crate::handoff::{self, CardView, Ping, Port, PortError};
use crate::i18n::{self, Msg};

/// Discord's code for a permission the bot lacks.
const MISSING_PERMISSIONS: isize = 50013;
/// Discord's code for a member who is not (or no longer) in the server.
const UNKNOWN_MEMBER: isize = 10007;
const THREAD_NAME_MAX: usize = 100;
const CONTENT_MAX: usize = 2000;

#[derive(Clone)]
pub struct DiscordPort {
    http: Arc<Http>,
}

impl DiscordPort {
    pub fn new(http: Arc<Http>) -> DiscordPort {
        DiscordPort { http }
    }
}

impl Port for DiscordPort {
    async fn post_card(
        &self,
        channel: domain::ChannelId,
        text: &str,
        ping: &Ping,
        view: &CardView,
    ) -> Result<domain::MessageId, PortError> {
        let Card { embed, rows } = draw(view);
        let message = ChannelId::from(channel)
            .send_message(
                &self.http,
                CreateMessage::new()
                    .content(fit(text, CONTENT_MAX))
                    .embed(embed)
                    .components(rows)
                    .allowed_mentions(mentions(ping)),
            )
            .await
            .map_err(port_error)?;
        Ok(message.id.into())
    }

    async fn update_card(
        &self,
        channel: domain::ChannelId,
        message: domain::MessageId,
        view: &CardView,
    ) -> Result<(), PortError> {
        let Card { embed, rows } = draw(view);
        ChannelId::from(channel)
            .edit_message(
                &self.http,
                MessageId::from(message),
                EditMessage::new().embed(embed).components(rows),
            )
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn open_thread(
        &self,
        parent: domain::ChannelId,
        name: &str,
    ) -> Result<domain::ChannelId, PortError> {
        let thread = ChannelId::from(parent)
            .create_thread(
                &self.http,
                CreateThread::new(fit(name, THREAD_NAME_MAX))
                    .kind(ChannelType::PrivateThread)
                    .invitable(false),
            )
            .await
            .map_err(port_error)?;
        Ok(thread.id.into())
    }

    async fn add_to_thread(
        &self,
        thread: domain::ChannelId,
        user: domain::UserId,
    ) -> Result<(), PortError> {
        ChannelId::from(thread)
            .add_thread_member(&self.http, UserId::from(user))
            .await
            .map_err(port_error)
    }

    async fn say(
        &self,
        channel: domain::ChannelId,
        text: &str,
        ping: &Ping,
    ) -> Result<(), PortError> {
        ChannelId::from(channel)
            .send_message(
                &self.http,
                CreateMessage::new()
                    .content(fit(text, CONTENT_MAX))
                    .allowed_mentions(mentions(ping)),
            )
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn ask_rating(
        &self,
        thread: domain::ChannelId,
        text: &str,
        h: &Handoff,
    ) -> Result<(), PortError> {
        // The member answers, so the buttons are in the member's language.
        let lang = handoff::card::member_lang(h.member_lang);
        let answers = CreateActionRow::Buttons(vec![
            button(
                h,
                CardAction::Rate(Rating::Solved),
                &i18n::text(lang, Msg::RateSolved),
                ButtonStyle::Success,
            ),
            button(
                h,
                CardAction::Rate(Rating::NotSolved),
                &i18n::text(lang, Msg::RateNotSolved),
                ButtonStyle::Secondary,
            ),
        ]);
        ChannelId::from(thread)
            .send_message(
                &self.http,
                CreateMessage::new()
                    .content(fit(text, CONTENT_MAX))
                    .components(vec![answers])
                    .allowed_mentions(mentions(&Ping::Users(vec![h.member]))),
            )
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn close_thread(&self, thread: domain::ChannelId, lock: bool) -> Result<(), PortError> {
        ChannelId::from(thread)
            .edit_thread(&self.http, EditThread::new().archived(true).locked(lock))
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn member_present(&self, guild: domain::GuildId, user: domain::UserId) -> bool {
        match GuildId::from(guild)
            .member(&self.http, UserId::from(user))
            .await
        {
            Ok(_) => true,
            Err(e) => discord_code(&e) != Some(UNKNOWN_MEMBER),
        }
    }

    async fn has_role(
        &self,
        guild: domain::GuildId,
        user: domain::UserId,
        role: domain::RoleId,
    ) -> bool {
        GuildId::from(guild)
            .member(&self.http, UserId::from(user))
            .await
            .is_ok_and(|m| m.roles.contains(&RoleId::from(role)))
    }

    async fn display_name(&self, guild: domain::GuildId, user: domain::UserId) -> Option<String> {
        GuildId::from(guild)
            .member(&self.http, UserId::from(user))
            .await
            .ok()
            .map(|m| m.display_name().to_string())
    }

    fn card_link(&self, h: &Handoff) -> Option<String> {
        card::card_url(h)
    }
}

fn draw(view: &CardView) -> Card {
    card::draw(
        &view.handoff,
        &CardContext {
            guide_title: &view.guide_title,
            unguided: view.unguided,
            steps: &view.steps,
            skipped: view.skipped,
            car: view.car.as_ref(),
            lang: view.lang,
            forgotten: view.forgotten,
        },
    )
}

/// The only mentions a message may ping: exactly those the service asked for.
fn mentions(ping: &Ping) -> CreateAllowedMentions {
    match ping {
        Ping::Nobody => CreateAllowedMentions::new(),
        Ping::Users(users) => {
            CreateAllowedMentions::new().users(users.iter().map(|&u| UserId::from(u)))
        }
        Ping::Role(role) => CreateAllowedMentions::new().roles([RoleId::from(*role)]),
    }
}

fn port_error(e: serenity::Error) -> PortError {
    if discord_code(&e) == Some(MISSING_PERMISSIONS) {
        PortError::MissingPermission
    } else {
        PortError::Other(e.to_string())
    }
}

fn discord_code(e: &serenity::Error) -> Option<isize> {
    match e {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => {
            Some(r.error.code)
        }
        _ => None,
    }
}
