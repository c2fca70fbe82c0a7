//! The forum helper's events: a new post in a watched forum gets one reply (drawn by
//! `forum_reply`), however its events arrive.
//!
//! Discord announces a post twice: THREAD_CREATE (with `newly_created`, which serenity 0.12's
//! `GuildChannel` drops) and MESSAGE_CREATE for the starter message, whose id is the thread's.
//! Either may be missing (the intents pitcrew asks for are a setting) and either may come again
//! after a reconnect or a restart. So both become a [`Post`], what is missing is asked of the
//! REST API, and the store decides who answers ([`crate::store::Store::take_forum_post`]): the
//! first event to take the post answers it, every other one finds it taken. Edits
//! (MESSAGE_UPDATE) are never read.
//!
//! Posts wait in a bounded queue and are answered by a few tasks of their own, so a busy
//! forum never holds up an interaction; serenity's HTTP rate limiter spaces the replies.

use std::sync::{Arc, Mutex};

use serenity::all::{
    Channel, ChannelId as DcChannelId, ChannelType, ForumTagId, GuildChannel, GuildId as DcGuildId,
    Http, Message, MessageId as DcMessageId, UserId as DcUserId,
};
use tokio::sync::{mpsc, Semaphore};

use super::card_actions::Service;
use super::forum_reply;
use super::lifecycle::Lifecycle;
use crate::desk::Desk;
use crate::domain::{ChannelId, GuildId, Region};
use crate::handoff::card::server_lang;
use crate::handoff::Prepared;
use crate::i18n::{self, Arg, Msg};

/// Posts waiting to be answered before an event waits for room (it never drops one).
const QUEUE: usize = 256;
/// Posts answered at once. A few, so one slow reply does not hold the others up, and few
/// enough that a burst is spread out rather than sent all at once.
const WORKERS: usize = 4;

/// A new forum post, as much of it as one event told.
#[derive(Debug, Clone)]
pub struct Post {
    guild: DcGuildId,
    thread: DcChannelId,
    /// From THREAD_CREATE; fetched when the starter message came first.
    thread_info: Option<ThreadInfo>,
    /// From MESSAGE_CREATE; fetched when the thread came first.
    starter: Option<Starter>,
}

#[derive(Debug, Clone)]
struct ThreadInfo {
    forum: DcChannelId,
    title: String,
    tags: Vec<ForumTagId>,
    owner: Option<DcUserId>,
}

#[derive(Debug, Clone)]
struct Starter {
    author: DcUserId,
    name: String,
    bot: bool,
    /// Empty without the Message Content intent.
    content: String,
}

impl Post {
    /// A thread announced by THREAD_CREATE: a forum post if its parent is a watched forum,
    /// which is asked later (a public thread in a text channel is never watched).
    pub fn from_thread(thread: &GuildChannel) -> Option<Post> {
        if thread.kind != ChannelType::PublicThread {
            return None;
        }
        Some(Post {
            guild: thread.guild_id,
            thread: thread.id,
            thread_info: Some(ThreadInfo {
                forum: thread.parent_id?,
                title: thread.name.clone(),
                tags: thread.applied_tags.clone(),
                owner: thread.owner_id,
            }),
            starter: None,
        })
    }

    /// A message announced by MESSAGE_CREATE: a forum post's starter when its id is its
    /// channel's (only a forum post's first message is so). Bots' posts are not read.
    pub fn from_starter(message: &Message) -> Option<Post> {
        if message.id.get() != message.channel_id.get() || message.author.bot {
            return None;
        }
        Some(Post {
            guild: message.guild_id?,
            thread: message.channel_id,
            thread_info: None,
            starter: Some(Starter::of(message)),
        })
    }
}

impl Starter {
    fn of(message: &Message) -> Starter {
        Starter {
            author: message.author.id,
            name: message
                .member
                .as_ref()
                .and_then(|m| m.nick.clone())
                .unwrap_or_else(|| message.author.display_name().to_string()),
            bot: message.author.bot,
            content: message.content.clone(),
        }
    }
}

/// Where events leave their posts; the receiving end goes to the helper at READY.
pub struct Queue {
    tx: mpsc::Sender<Post>,
    rx: Mutex<Option<mpsc::Receiver<Post>>>,
}

impl Default for Queue {
    fn default() -> Queue {
        let (tx, rx) = mpsc::channel(QUEUE);
        Queue {
            tx,
            rx: Mutex::new(Some(rx)),
        }
    }
}

impl Queue {
    /// Queues `post`; waits for room when the queue is full (only this event's task waits).
    pub async fn push(&self, post: Post) {
        if self.tx.send(post).await.is_err() {
            tracing::warn!("the forum helper has stopped; a post was left unanswered");
        }
    }

    /// The receiving end, once: the first READY starts the helper, a reconnect does not.
    pub fn take(&self) -> Option<mpsc::Receiver<Post>> {
        self.rx.lock().ok().and_then(|mut rx| rx.take())
    }
}

/// What answering a post needs: the desk, Discord's REST API, the handoff service (an
/// emergency's urgent card) and the bot's own id (its own posts are never answered).
pub struct Helper {
    pub desk: Arc<Desk>,
    pub http: Arc<Http>,
    pub service: Service,
    pub me: DcUserId,
}

/// Answers queued posts until the stop signal; a stop waits for replies under way.
pub async fn run(mut rx: mpsc::Receiver<Post>, helper: Arc<Helper>, life: Lifecycle) {
    let stop = life.stop_signal();
    let permits = Arc::new(Semaphore::new(WORKERS));
    loop {
        let post = tokio::select! {
            post = rx.recv() => match post {
                Some(post) => post,
                None => break,
            },
            () = stop.cancelled() => break,
        };
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            break;
        };
        let helper = Arc::clone(&helper);
        life.spawn(async move {
            helper.answer(post).await;
            drop(permit);
        });
    }
}

impl Helper {
    async fn answer(&self, post: Post) {
        let thread = post.thread;
        if let Err(e) = self.try_answer(post).await {
            tracing::warn!(thread = %thread, error = %e, "could not answer a forum post");
        }
    }

    async fn try_answer(&self, post: Post) -> Result<(), String> {
        let info = match post.thread_info {
            Some(info) => info,
            None => match self.thread_info(post.thread).await? {
                Some(info) => info,
                None => return Ok(()),
            },
        };
        let store = self.desk.store();
        let guild = GuildId::from(post.guild);
        let forum = ChannelId::from(info.forum);
        let Some(watch) = store
            .watched_forum(guild, forum)
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(());
        };
        if info.owner == Some(self.me) {
            return Ok(());
        }
        let starter = match post.starter {
            Some(s) => Some(s),
            None => self.starter(post.thread).await,
        };
        if starter
            .as_ref()
            .is_some_and(|s| s.bot || s.author == self.me)
        {
            return Ok(());
        }
        let Some(author) = starter.as_ref().map(|s| s.author).or(info.owner) else {
            return Ok(());
        };
        let thread = ChannelId::from(post.thread);
        if !store
            .take_forum_post(guild, forum, thread, self.desk.now())
            .await
            .map_err(|e| e.to_string())?
        {
            return Ok(());
        }
        let tags = self.tag_names(info.forum, &info.tags).await;
        let content = starter.as_ref().map_or("", |s| s.content.as_str());
        let text = format!("{}\n{}\n{}", info.title, tags.join("\n"), content);
        let library = self.desk.library();
        let verdict = forum_reply::read(&library, &text);
        if !verdict.answered(watch.when_nothing_fits) {
            return Ok(());
        }
        let setup = store.guild_setup(guild).await.map_err(|e| e.to_string())?;
        let lang = server_lang(setup.as_ref().and_then(|s| s.lang));
        let region = Region::resolve(setup.and_then(|s| s.region), None);
        let alert = if verdict.emergency {
            let place = post_place(post.guild, post.thread);
            let words = i18n::text_with(
                lang,
                Msg::ForumPostWords,
                &[(Arg::Title, &info.title), (Arg::Place, &place)],
            );
            match self
                .service
                .alert((guild, thread), author.into(), &words, lang)
                .await
            {
                Ok(Prepared::Opened { handoff, ready }) => Some((handoff, ready)),
                Ok(_) => None,
                Err(e) => {
                    tracing::error!(error = %e, "could not open an urgent handoff for a forum post");
                    None
                }
            }
        } else {
            None
        };
        let reply = forum_reply::message(&verdict, region, lang, alert.is_some());
        let sent = post.thread.send_message(&self.http, reply).await;
        if let Some((handoff, ready)) = &alert {
            let name = starter.as_ref().map_or("member", |s| s.name.as_str());
            self.service.deliver_prepared(handoff, ready, name).await;
        }
        if let Err(e) = sent {
            // Given back, so the events' repeat may answer it; an alert already went out and
            // must not go twice, so that post stays taken.
            if alert.is_none() {
                if let Err(e) = store.release_forum_post(thread).await {
                    tracing::error!(error = %e, "could not give a forum post back");
                }
            }
            return Err(format!("the reply was not sent: {e}"));
        }
        Ok(())
    }

    /// The thread's forum, title, tags and owner; `None` when it is not a forum post.
    async fn thread_info(&self, thread: DcChannelId) -> Result<Option<ThreadInfo>, String> {
        let channel = self
            .http
            .get_channel(thread)
            .await
            .map_err(|e| format!("could not read the post's thread: {e}"))?;
        let Channel::Guild(thread) = channel else {
            return Ok(None);
        };
        Ok(Post::from_thread(&thread).and_then(|p| p.thread_info))
    }

    /// The starter message, when the thread came first; `None` if it cannot be read (the
    /// post is then read by its title and tags, and its owner taken as the poster).
    async fn starter(&self, thread: DcChannelId) -> Option<Starter> {
        let id = DcMessageId::new(thread.get());
        match self.http.get_message(thread, id).await {
            Ok(message) => Some(Starter::of(&message)),
            Err(e) => {
                tracing::info!(%thread, error = %e, "could not read a forum post's first message");
                None
            }
        }
    }

    /// The names of the tags applied to a post, from its forum's list.
    async fn tag_names(&self, forum: DcChannelId, applied: &[ForumTagId]) -> Vec<String> {
        if applied.is_empty() {
            return Vec::new();
        }
        match self.http.get_channel(forum).await {
            Ok(Channel::Guild(forum)) => forum
                .available_tags
                .iter()
                .filter(|t| applied.contains(&t.id))
                .map(|t| t.name.clone())
                .collect(),
            Ok(_) => Vec::new(),
            Err(e) => {
                tracing::info!(%forum, error = %e, "could not read a forum's tags");
                Vec::new()
            }
        }
    }
}

/// The post as a card shows it: a channel mention volunteers can click, and its address.
pub fn post_place(guild: DcGuildId, thread: DcChannelId) -> String {
    format!("<#{thread}> (https://discord.com/channels/{guild}/{thread})")
}
