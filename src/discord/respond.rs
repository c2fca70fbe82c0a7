//! Answering an interaction inside Discord's 3 seconds. The work runs first; if it is not done
//! after [`DEFER_AFTER`] (a locked database, a slow disk) the interaction is acknowledged with a
//! deferral and the answer follows as an edit. Fast work costs exactly one request.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{
    CreateAllowedMentions, CreateAttachment, CreateEmbed, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, EditInteractionResponse,
    Http, InteractionId,
};
use serenity::builder::Builder;

use super::render::Screen;

/// Well inside Discord's 3 s, leaving room for the deferral's own round trip.
pub const DEFER_AFTER: Duration = Duration::from_millis(1500);

/// What an interaction gets back.
pub enum Reply {
    /// A new private message (commands, a refusal shown beside the pressed message).
    New(Screen),
    /// Replace the message the component sits on (callback type 7).
    Update(Screen),
    /// A short private note; the message the member pressed stays as it was.
    Note(String),
    /// A response that needs no work and is sent as is (a modal, autocomplete choices).
    Raw(CreateInteractionResponse),
    /// A new private message with an embed and files (figures as a chart and a table).
    // Nothing answers with files yet; `/pitcrew stats` and `/pitcrew graph` will.
    Files(Box<Attached>),
}

/// An embed with files, for [`Reply::Files`].
pub struct Attached {
    pub embed: CreateEmbed,
    pub files: Vec<File>,
}

/// A file as members download it: its name (its extension tells Discord how to show it) and
/// its bytes.
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Attached {
    fn attachments(files: Vec<File>) -> impl Iterator<Item = CreateAttachment> {
        files
            .into_iter()
            .map(|f| CreateAttachment::bytes(f.bytes, f.name))
    }
}

/// How an interaction is deferred when its work is slow.
#[derive(Clone, Copy)]
pub enum Deferral {
    /// "Thinking…", privately: commands and modals that answer with a new message.
    NewMessage,
    /// Silent acknowledgement: components whose message is edited in place.
    Update,
}

pub struct Responder {
    pub http: Arc<Http>,
    pub id: InteractionId,
    pub token: String,
}

impl Responder {
    /// Runs `work` and delivers its reply, deferring first if it is slow.
    pub async fn answer(&self, deferral: Deferral, work: impl Future<Output = Reply>) {
        self.answer_then(deferral, async { (work.await, ()) }).await
    }

    /// Like [`Responder::answer`], and hands back what `work` returns beside its reply: work
    /// that must happen after the member has their answer (a handoff's Discord round trips).
    pub async fn answer_then<T>(
        &self,
        deferral: Deferral,
        work: impl Future<Output = (Reply, T)>,
    ) -> T {
        tokio::pin!(work);
        tokio::select! {
            (reply, after) = &mut work => {
                self.send(first_response(reply)).await;
                return after;
            }
            _ = tokio::time::sleep(DEFER_AFTER) => {}
        }
        let defer = match deferral {
            Deferral::NewMessage => CreateInteractionResponse::Defer(
                CreateInteractionResponseMessage::new().ephemeral(true),
            ),
            Deferral::Update => CreateInteractionResponse::Acknowledge,
        };
        tracing::info!(interaction = %self.id, "slow answer: deferred");
        self.send(defer).await;
        let (reply, after) = work.await;
        self.follow(deferral, reply).await;
        after
    }

    /// A private note beside the answer already given (the original stays as it is).
    pub async fn follow_note(&self, text: &str) {
        let sent = CreateInteractionResponseFollowup::new()
            .ephemeral(true)
            .content(text)
            .allowed_mentions(CreateAllowedMentions::new())
            .execute(&self.http, (None, &self.token))
            .await;
        if let Err(e) = sent {
            tracing::warn!(interaction = %self.id, error = %e, "could not send a follow-up note");
        }
    }

    async fn send(&self, response: CreateInteractionResponse) {
        if let Err(e) = response
            .execute(&self.http, (self.id, self.token.as_str()))
            .await
        {
            tracing::warn!(interaction = %self.id, error = %e, "could not answer an interaction");
        }
    }

    /// Delivers a reply after a deferral: an edit of the original, or a private follow-up.
    async fn follow(&self, deferral: Deferral, reply: Reply) {
        let result = match (deferral, reply) {
            (_, Reply::New(screen) | Reply::Update(screen)) => screen
                .edit()
                .execute(&self.http, &self.token)
                .await
                .map(drop),
            // "Thinking…" stands in for this very answer: the note must replace it, or the
            // member is left with a spinner that never ends beside the note.
            (Deferral::NewMessage, Reply::Note(text)) => EditInteractionResponse::new()
                .content(text)
                .allowed_mentions(CreateAllowedMentions::new())
                .execute(&self.http, &self.token)
                .await
                .map(drop),
            // After a silent acknowledgement the pressed screen stays; the note goes beside it.
            (Deferral::Update, Reply::Note(text)) => CreateInteractionResponseFollowup::new()
                .ephemeral(true)
                .content(text)
                .execute(&self.http, (None, &self.token))
                .await
                .map(drop),
            (Deferral::NewMessage, Reply::Files(a)) => {
                let edit = Attached::attachments(a.files).fold(
                    EditInteractionResponse::new()
                        .embed(a.embed)
                        .allowed_mentions(CreateAllowedMentions::new()),
                    EditInteractionResponse::new_attachment,
                );
                edit.execute(&self.http, &self.token).await.map(drop)
            }
            (Deferral::Update, Reply::Files(a)) => CreateInteractionResponseFollowup::new()
                .ephemeral(true)
                .embed(a.embed)
                .add_files(Attached::attachments(a.files))
                .allowed_mentions(CreateAllowedMentions::new())
                .execute(&self.http, (None, &self.token))
                .await
                .map(drop),
            // Modals and autocomplete cannot follow a deferral; they are never slow.
            (_, Reply::Raw(_)) => Ok(()),
        };
        if let Err(e) = result {
            tracing::warn!(interaction = %self.id, error = %e, "could not deliver a deferred answer");
        }
    }
}

fn first_response(reply: Reply) -> CreateInteractionResponse {
    match reply {
        Reply::New(screen) => CreateInteractionResponse::Message(screen.message()),
        Reply::Update(screen) => CreateInteractionResponse::UpdateMessage(screen.update()),
        Reply::Note(text) => CreateInteractionResponse::Message(note(text)),
        Reply::Raw(r) => r,
        Reply::Files(a) => CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .ephemeral(true)
                .embed(a.embed)
                .add_files(Attached::attachments(a.files))
                .allowed_mentions(CreateAllowedMentions::new()),
        ),
    }
}

/// A short private message that pings nobody.
pub fn note(text: String) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .ephemeral(true)
        .content(text)
        .allowed_mentions(CreateAllowedMentions::new())
}
