//! The real pitcrew bot, in-process, against the local Discord-compatible server.
//!
//! The bot runs `pitcrew::discord::run` on its **own** multi-thread runtime, the way the binary
//! does, so a test can stop it three ways: gracefully through the shutdown future (as SIGINT
//! does), hard by dropping that runtime mid-flight (as a crash or `kill -9` would: serenity's
//! shard runner survives an aborted task but not its runtime), and again on the same database.
//! The fake server and the test itself live on the test's runtime.
//!
//! Helpers speak in member terms: run `/triage`, press a button by its label, pick from the
//! select, submit the describe modal. Each waits for the bot's first answer and returns it
//! with the message it produced, so tests assert on payloads, not on "no panic".

mod crew;
mod inspect;
mod launch;
pub mod lock;
pub mod logs;
mod process;
pub mod screen;

pub use crew::{Crew, Delivered};

use std::path::{Path, PathBuf};
use std::time::Duration;

use pitcrew::config::{Intents, ShardRange};
use pitcrew::discord::RunError;
use pitcrew::store::Store;
use serenity::all::{
    ChannelId, CreateActionRow, CreateAllowedMentions, CreateButton, CreateMessage, HttpBuilder,
};
use tempfile::TempDir;
use tokio::sync::oneshot;

use crate::fake::builders::{button, command, modal_submit, string_select};
use crate::fake::{Actor, Callback, FakeDiscord, GuildScene, InteractionHandle, StoredMessage};

/// How long any single wait may take before a test fails with the fake's explanation.
pub const T: Duration = Duration::from_secs(5);

/// The guide the tests own (tests/fixtures/discord/wheel-drill.toml).
pub const DRILL: &str = "wheel-drill";

/// The first answer to an interaction and the message it now shows.
#[derive(Debug, Clone)]
pub struct Answer {
    pub handle: InteractionHandle,
    pub callback: Callback,
    /// `@original`: the new message (type 4), the updated one (type 7), the pressed one (6).
    pub message: Option<StoredMessage>,
}

impl Answer {
    pub fn kind(&self) -> u64 {
        self.callback.kind
    }

    #[track_caller]
    pub fn message(&self) -> StoredMessage {
        self.message
            .clone()
            .unwrap_or_else(|| panic!("no message for {:?}", self.callback))
    }
}

struct RunningBot {
    runtime: tokio::runtime::Runtime,
    stop: Option<oneshot::Sender<()>>,
    /// Fires when `run` has taken the stop (its shutdown future completed).
    taken: Option<oneshot::Receiver<()>>,
    done: oneshot::Receiver<Result<(), RunError>>,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Register commands to the scene's guild (DISCORD_GUILD_ID) instead of globally.
    pub guild_scoped: bool,
    /// Copies of the drill guide (`drill-01`, ...) added to the library, to push the picker
    /// and autocomplete past Discord's 25.
    pub extra_guides: usize,
    /// More guide files (name, TOML) for the library.
    pub guides: Vec<(String, String)>,
    /// The intents the bot asks for (`DISCORD_INTENTS`); the setting's default when `None`.
    pub intents: Option<Intents>,
    /// Watch the content folder and reload on a change (CONTENT_WATCH); off by default, so
    /// the other tests hold no watch.
    pub watch: bool,
    /// The gateway shards the bot runs (`DISCORD_SHARDS`); one shard when `None`.
    pub shards: Option<ShardRange>,
    /// Put the scene's guild on shard `.0` of `.1` (else wherever its id falls).
    pub scene_shard: Option<(u64, u64)>,
    /// The bot's database (a PostgreSQL schema from `support/db.rs`); a SQLite file in the
    /// test's folder when `None`.
    pub database: Option<String>,
    /// Run the bot as real `pitcrew run` processes, one per shard range, instead of in this
    /// process (see `harness/process.rs`).
    pub processes: Vec<ShardRange>,
    /// `LEASE_SECS` for those processes.
    pub lease_secs: Option<u64>,
}

pub struct Pit {
    pub server: FakeDiscord,
    pub scene: GuildScene,
    /// A second handle on the bot's database, for asserting on what was committed.
    pub store: Store,
    pub db_url: String,
    /// The bot's content folder; a test may edit it between restarts.
    pub content: PathBuf,
    guild_id: Option<u64>,
    intents: Intents,
    watch: bool,
    shards: Option<ShardRange>,
    bot: Option<RunningBot>,
    /// More bot processes on the same server and database (other shard ranges).
    others: Vec<RunningBot>,
    /// Real `pitcrew run` processes (see `harness/process.rs`), killed when the test ends.
    processes: Vec<tokio::process::Child>,
    lease_secs: Option<u64>,
    launches: u32,
    /// IDENTIFYs the launches so far should have made (one per shard each).
    identifies: u32,
    _dir: TempDir,
}

impl Drop for Pit {
    fn drop(&mut self) {
        if let Some(bot) = self.bot.take() {
            // Dropping a runtime inside the test's runtime would panic; this does not block.
            bot.runtime.shutdown_background();
        }
        for bot in self.others.drain(..) {
            bot.runtime.shutdown_background();
        }
    }
}

impl Pit {
    /// Server, one guild scene, a fresh database and the bot, READY with commands registered.
    pub async fn start() -> Pit {
        Pit::start_with(Options::default()).await
    }

    pub async fn start_with(options: Options) -> Pit {
        logs::init();
        // The application may use the privileged intents the bot is set to ask for, as a
        // moderator enables them in the Developer Portal.
        let intents = options.intents.unwrap_or_default();
        let server = FakeDiscord::start_with(crate::fake::Config {
            privileged_intents: if intents.message_content {
                crate::fake::forum::MESSAGE_CONTENT
            } else {
                0
            },
            ..crate::fake::Config::default()
        })
        .await;
        let scene = match options.scene_shard {
            Some((shard, total)) => server.simple_guild_on_shard("stranded_driver", shard, total),
            None => server.simple_guild("stranded_driver"),
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let content = dir.path().join("content");
        std::fs::create_dir(&content).expect("content dir");
        copy_guides(&manifest("content"), &content);
        copy_guides(&manifest("tests/fixtures/discord"), &content);
        add_drill_copies(&content, options.extra_guides);
        for (name, text) in &options.guides {
            std::fs::write(content.join(name), text).expect("write guide");
        }
        let db_url = options
            .database
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("pitcrew.db").display()));
        // Opened first, so the migrations are in place before the bot's own pool opens.
        let store = Store::open(&db_url).await.expect("test store opens");
        let mut pit = Pit {
            intents,
            guild_id: options.guild_scoped.then_some(scene.guild_id),
            watch: options.watch,
            server,
            scene,
            store,
            db_url,
            content,
            shards: options.shards,
            bot: None,
            others: Vec::new(),
            processes: Vec::new(),
            lease_secs: options.lease_secs,
            launches: 0,
            identifies: 0,
            _dir: dir,
        };
        if options.processes.is_empty() {
            pit.launch().await;
        }
        for shards in options.processes {
            pit.launch_process(shards).await;
        }
        pit
    }

    /// The route the bot registers its commands on.
    pub fn commands_route(&self) -> String {
        match self.guild_id {
            Some(g) => format!("/applications/*/guilds/{g}/commands"),
            None => "/applications/*/commands".into(),
        }
    }

    /// Asks the bot to stop (as SIGINT does) and waits until it has taken the request, not for
    /// it to finish; see [`Pit::stopped`].
    pub async fn request_stop(&mut self) {
        let bot = self.bot.as_mut().expect("a bot is running");
        if let Some(stop) = bot.stop.take() {
            let _ = stop.send(());
        }
        // `run` marks itself closing in the same poll that sees its shutdown future complete,
        // so once this fires, interactions that reach the bot from now on are turned away.
        if let Some(taken) = bot.taken.take() {
            let _ = tokio::time::timeout(T, taken).await;
        }
    }

    /// Waits for `run` to return after [`Pit::request_stop`], and gives its result.
    pub async fn stopped(&mut self) -> Result<(), RunError> {
        let bot = self.bot.take().expect("a bot is running");
        let result = tokio::time::timeout(T, bot.done)
            .await
            .expect("run returns after a stop")
            .expect("run finished");
        bot.runtime.shutdown_background();
        result
    }

    /// Graceful stop; `run` must return Ok.
    pub async fn stop(&mut self) {
        self.request_stop().await;
        self.stopped()
            .await
            .expect("run returns Ok on a graceful stop");
    }

    /// Hard kill: the runtime and everything on it vanish mid-flight, sockets and all.
    pub fn kill(&mut self) {
        let bot = self.bot.take().expect("a bot is running");
        bot.runtime.shutdown_background();
    }

    /// A new bot process on the same database and content.
    pub async fn restart(&mut self) {
        self.launch().await;
    }

    // ---- acting as a member ----

    /// `/triage [guide]` by `actor`; the answer and the message it created.
    pub async fn triage(&self, actor: &Actor, guide: Option<&str>) -> Answer {
        let mut cmd = command("triage");
        if let Some(g) = guide {
            cmd = cmd.string("guide", g);
        }
        self.answer(self.server.dispatch(cmd.by(actor)).await).await
    }

    /// Presses the button `custom_id` on `msg`.
    pub async fn press_id(&self, actor: &Actor, msg: &StoredMessage, custom_id: &str) -> Answer {
        let h = self.server.dispatch(button(msg, custom_id).by(actor)).await;
        self.answer(h).await
    }

    /// Presses the button labelled `label` on the message as it is now.
    pub async fn press(&self, actor: &Actor, msg: &StoredMessage, label: &str) -> Answer {
        let now = self.server.message(msg.id).expect("message exists");
        let id = screen::id_of(&now, label);
        self.press_id(actor, &now, &id).await
    }

    /// Picks `guide` in the picker's select menu.
    pub async fn pick(&self, actor: &Actor, msg: &StoredMessage, guide: &str) -> Answer {
        let payload = string_select(msg, "pick", &[guide]).by(actor);
        self.answer(self.server.dispatch(payload).await).await
    }

    /// Presses "Describe your problem" (by its id: the label is in the actor's language), then
    /// submits `text` in the modal it opens.
    pub async fn describe(&self, actor: &Actor, msg: &StoredMessage, text: &str) -> Answer {
        let describe = pitcrew::discord::ids::Action::Describe.encode();
        let opened = self.press_id(actor, msg, &describe).await;
        assert_eq!(opened.kind(), 9, "the describe button opens a modal");
        let submit = modal_submit("descm", &[("desct", text)]).by(actor);
        self.answer(self.server.dispatch(submit).await).await
    }

    /// Waits for the first callback of `h` and reads `@original`.
    pub async fn answer(&self, handle: InteractionHandle) -> Answer {
        let callback = self
            .server
            .wait_response(&handle, T)
            .await
            .expect("the bot answers");
        let message = self.server.original_message(&handle);
        Answer {
            handle,
            callback,
            message,
        }
    }

    /// A second member of the scene's guild, acting in the same channel.
    pub fn other_member(&self, name: &str) -> Actor {
        let user = self.server.add_user(name);
        self.server.add_member(self.scene.guild_id, user.id, &[]);
        self.server
            .guild_actor(self.scene.guild_id, self.scene.channel_id, user.id)
    }

    /// A message the bot (as the test) posts publicly in `channel`, one button per id: the only
    /// way Discord lets someone press a session button on a message that is not theirs, or
    /// press a custom_id the renderer never wrote.
    pub async fn post_public(&self, channel: u64, custom_ids: &[&str]) -> StoredMessage {
        let http = HttpBuilder::new(self.server.token())
            .proxy(self.server.api_url())
            .ratelimiter_disabled(true)
            .build();
        let rows = custom_ids
            .chunks(5)
            .map(|ids| {
                CreateActionRow::Buttons(
                    ids.iter()
                        .map(|id| CreateButton::new(*id).label("press"))
                        .collect(),
                )
            })
            .collect();
        let sent = ChannelId::new(channel)
            .send_message(
                &http,
                CreateMessage::new()
                    .content("copy")
                    .components(rows)
                    .allowed_mentions(CreateAllowedMentions::new()),
            )
            .await
            .expect("the fake accepts the message");
        self.server
            .message(sent.id.get())
            .expect("the fake stored it")
    }
}

/// A path inside the crate (`content`, a fixture, …).
pub fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn copy_guides(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("guide folder") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, to.join(path.file_name().expect("file name"))).expect("copy");
        }
    }
}

fn add_drill_copies(dir: &Path, n: usize) {
    let drill = std::fs::read_to_string(dir.join(format!("{DRILL}.toml"))).expect("drill guide");
    for i in 1..=n {
        let copy = drill
            .replace(
                &format!("id = \"{DRILL}\""),
                &format!("id = \"drill-{i:02}\""),
            )
            .replace(
                "title = \"Wheel change drill\"",
                &format!("title = \"Wheel change drill {i:02}\""),
            );
        std::fs::write(dir.join(format!("drill-{i:02}.toml")), copy).expect("write guide");
    }
}

/// Exactly `n` characters of words (`seed` repeated), ending in a full stop: text at a limit.
pub fn words(seed: &str, n: usize) -> String {
    let mut s = String::new();
    while s.chars().count() < n {
        s.push_str(seed);
        s.push(' ');
    }
    s.chars().take(n - 1).collect::<String>() + "."
}
