//! Live content on Discord: the watcher task, `/pitcrew reload`, the refusals posted to the
//! moderators' log channels, and the commands registered again only when their payload
//! changed. Loading, checking and swapping the guides is `reload`'s; this is the wiring.

use std::sync::{Arc, Mutex};

use serenity::all::{
    ChannelId as DiscordChannelId, CreateAllowedMentions, CreateMessage, GuildId, Http,
};

use super::commands;
use super::lifecycle::Lifecycle;
use super::respond::Reply;
use super::setup::Caller;
use crate::desk::Desk;
use crate::guide::Lang;
use crate::handoff::card;
use crate::i18n::{self, Arg, Msg};
use crate::reload::{self, LiveContent, Reloaded, Reports, Watcher};

/// Discord's limit on a message's content.
const MESSAGE_MAX: usize = 2000;

/// The live content of one bot: where the guides are, what was said and registered last.
pub struct Live {
    content: LiveContent,
    /// Commands go to this server only (DISCORD_GUILD_ID), else globally.
    guild: Option<GuildId>,
    /// Reloads take turns, so an older load never lands after a newer one; holds what was
    /// reported last.
    reloading: tokio::sync::Mutex<Reports>,
    registered: Mutex<Registered>,
}

impl Live {
    pub fn new(content: LiveContent, guild: Option<GuildId>) -> Live {
        Live {
            content,
            guild,
            reloading: tokio::sync::Mutex::new(Reports::default()),
            registered: Mutex::new(Registered::default()),
        }
    }

    /// Registers the commands (READY) and remembers what was registered.
    pub async fn register(&self, http: &Http) {
        let payload = payload();
        if commands::register(http, self.guild).await {
            self.record(payload);
        }
    }

    /// Registers the commands again if their payload differs from the one registered last:
    /// registration is rate-limited by Discord, and a reload that changed a typo in a guide
    /// changes no command.
    async fn register_if_changed(&self, http: &Http) {
        let payload = payload();
        let current = self.registered.lock().is_ok_and(|r| r.is_current(&payload));
        if current {
            return;
        }
        tracing::info!("the commands changed with the content; registering them again");
        if commands::register(http, self.guild).await {
            self.record(payload);
        }
    }

    fn record(&self, payload: String) {
        if let Ok(mut r) = self.registered.lock() {
            r.record(payload);
        }
    }

    /// Loads, checks and (if all pass) swaps in the guides; a refusal not yet reported goes to
    /// every moderators' log channel.
    pub async fn reload(&self, desk: &Desk, http: &Http) -> Reloaded {
        let mut reports = self.reloading.lock().await;
        let outcome = reload::reload(desk, &self.content.dir).await;
        if reports.is_new(&outcome) {
            if let Reloaded::Refused { problems } = &outcome {
                self.post_refusal(desk, http, problems).await;
            }
        }
        if let Reloaded::Loaded { .. } = outcome {
            self.register_if_changed(http).await;
        }
        outcome
    }

    async fn post_refusal(&self, desk: &Desk, http: &Http, problems: &[String]) {
        let channels = match desk.store().log_channels().await {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "could not read the moderators' log channels");
                return;
            }
        };
        for (guild, channel, lang) in channels {
            let message = CreateMessage::new()
                .content(refusal(problems, card::server_lang(lang)))
                // Guide text can hold anything, `@everyone` included.
                .allowed_mentions(CreateAllowedMentions::new());
            if let Err(e) = DiscordChannelId::new(channel.get())
                .send_message(http, message)
                .await
            {
                tracing::warn!(
                    error = %e, guild = guild.get(), channel = channel.get(),
                    "could not post to the moderators' log channel; give pitcrew Send Messages there"
                );
            }
        }
    }

    /// Starts the watcher, if watching is on: the watch is in place when this returns, and
    /// the task reloads on every change until the stop.
    pub fn watch(self: &Arc<Self>, desk: Arc<Desk>, http: Arc<Http>, life: &Lifecycle) {
        if !self.content.watch {
            tracing::info!(
                dir = %self.content.dir.display(),
                "CONTENT_WATCH is off: guides reload on /pitcrew reload only"
            );
            return;
        }
        let watcher = match Watcher::start(&self.content.dir) {
            Ok(w) => w,
            Err(e) => return tracing::error!("{e}"),
        };
        tracing::info!(dir = %self.content.dir.display(), "watching the content folder");
        let live = Arc::clone(self);
        let stop = life.stop_signal();
        life.spawn(async move {
            loop {
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = watcher.changed() => {
                        live.reload(&desk, &http).await;
                    }
                }
            }
        });
    }
}

/// `/pitcrew reload`: Manage Server only, answered with the result.
pub async fn command(live: &Live, desk: &Desk, http: &Http, caller: &Caller) -> Reply {
    let lang = caller.lang;
    if caller.guild.is_none() || !caller.manages_guild {
        return Reply::Note(i18n::text(lang, Msg::ReloadNotAllowed).into_owned());
    }
    Reply::Note(match live.reload(desk, http).await {
        Reloaded::Loaded { guides } => {
            i18n::text_with(lang, Msg::ReloadDone, &[(Arg::Number, &guides.to_string())])
        }
        Reloaded::Refused { problems } => refusal(&problems, lang),
    })
}

/// A refusal in words: what stays, and the problems as `check` prints them, cut to fit one
/// message with a count of the rest.
fn refusal(problems: &[String], lang: Lang) -> String {
    let count = problems.len().to_string();
    let head = i18n::text_with(lang, Msg::ReloadRefused, &[(Arg::Number, &count)]) + "\n";
    let mut lines = Vec::new();
    let mut more = None;
    let mut used = head.chars().count() + 8; // the code fence
    for (i, p) in problems.iter().enumerate() {
        let rest = (problems.len() - i).to_string();
        let tail = i18n::text_with(lang, Msg::ReloadMore, &[(Arg::Number, &rest)]);
        // Triple backticks inside a problem would end the block early.
        let line = p
            .chars()
            .take(500)
            .collect::<String>()
            .replace("```", "'''");
        let need = line.chars().count() + 1;
        if used + need + tail.chars().count() > MESSAGE_MAX {
            more = Some(tail);
            break;
        }
        used += need;
        lines.push(line);
    }
    format!(
        "{head}```\n{}\n```{}",
        lines.join("\n"),
        more.unwrap_or_default()
    )
}

/// The command list as Discord would receive it.
fn payload() -> String {
    serde_json::to_string(&commands::definitions()).unwrap_or_default()
}

/// The command payload registered last, so that only a changed one is registered again.
#[derive(Debug, Default)]
struct Registered {
    last: Option<String>,
}

impl Registered {
    fn is_current(&self, payload: &str) -> bool {
        self.last.as_deref() == Some(payload)
    }

    fn record(&mut self, payload: String) {
        self.last = Some(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_registered_again_only_when_their_payload_changed() {
        let mut registered = Registered::default();
        let now = payload();
        assert!(!registered.is_current(&now), "nothing registered yet");
        registered.record(now.clone());
        assert!(registered.is_current(&payload()), "the same commands");
        let changed = now.replacen("triage", "triage2", 1);
        assert!(!registered.is_current(&changed), "a changed payload");
    }

    #[test]
    fn a_long_refusal_fits_one_message_and_counts_the_rest() {
        let problems: Vec<String> = (0..200)
            .map(|i| format!("content/g{i}.toml:{i}:1: unknown target `x` — fix it"))
            .collect();
        let text = refusal(&problems, Lang::En);
        assert!(text.chars().count() <= MESSAGE_MAX, "{}", text.len());
        assert!(text.contains("content/g0.toml:0:1"));
        assert!(text.contains("more: run `pitcrew check`"), "{text}");
        let one = refusal(&problems[..1], Lang::En);
        assert!(
            one.contains("1 problem(s)") && !one.contains("more"),
            "{one}"
        );
    }
}
