//! Starting bot processes: each on its own runtime (as the binary runs), on the test's
//! server, content and database, with its own shard range; and waiting until it is READY.

use std::sync::Arc;
use std::time::Duration;

use pitcrew::config::{DiscordConfig, Secret, ShardRange};
use pitcrew::desk::Desk;
use pitcrew::discord;
use pitcrew::store::Store;
use tokio::sync::oneshot;

use super::{Pit, RunningBot, T};

impl Pit {
    /// Starts a bot process on the database and waits for READY and its command registration.
    pub(super) async fn launch(&mut self) {
        assert!(self.bot.is_none(), "a bot is already running");
        let bot = self.spawn_bot(self.shards);
        self.bot = Some(bot);
        if let Err(e) = self.wait_launched(self.shards).await {
            panic!("{e}");
        }
    }

    /// Another bot process on the same server, content and database, running `shards`; it
    /// stops with the test.
    pub async fn launch_also(&mut self, shards: ShardRange) {
        let bot = self.spawn_bot(Some(shards));
        self.others.push(bot);
        if let Err(e) = self.wait_launched(Some(shards)).await {
            panic!("{e}");
        }
    }

    /// Waits for a launch's IDENTIFYs (one per shard) and its command registration; what was
    /// missing, when one does not come.
    pub(super) async fn wait_launched(&mut self, shards: Option<ShardRange>) -> Result<(), String> {
        self.launches += 1;
        let count = shards.map_or(1, |r| r.last - r.first + 1);
        self.identifies += count;
        let n = self.launches;
        // serenity's shard queuer waits 5 s between one shard's IDENTIFY and the next's.
        let boots = T + Duration::from_secs(6) * (count - 1);
        self.server
            .wait_identified_count(self.identifies, boots)
            .await
            .map_err(|e| format!("the bot identifies: {e:?}"))?;
        let pattern = self.commands_route();
        self.server
            .wait_until(T, "the bot's command registration", |s| {
                let puts = s.requests_to("PUT", &pattern);
                (puts.len() as u32 >= n && puts.iter().all(|r| r.status == 200)).then_some(())
            })
            .await
            .map_err(|e| format!("commands registered: {e:?}"))
    }

    fn spawn_bot(&self, shards: Option<ShardRange>) -> RunningBot {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("pitcrew-bot")
            .enable_all()
            .build()
            .expect("bot runtime");
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let (taken_tx, taken_rx) = oneshot::channel::<()>();
        let (done_tx, done_rx) = oneshot::channel();
        let config = DiscordConfig {
            token: Secret::new(self.server.token()),
            api_url: Some(self.server.api_url()),
            guild_id: self.guild_id,
            intents: self.intents,
            shards,
            lease: pitcrew::domain::LEASE_TTL,
        };
        let (content, db_url) = (self.content.clone(), self.db_url.clone());
        let live = pitcrew::reload::LiveContent {
            dir: content.clone(),
            watch: self.watch,
        };
        runtime.spawn(async move {
            let library =
                pitcrew::guide::load_library(&content).expect("test content passes check");
            let store = Store::open(&db_url).await.expect("bot store opens");
            let desk = Arc::new(Desk::new(library, store));
            let shutdown = async {
                let _ = stop_rx.await;
                let _ = taken_tx.send(());
            };
            let _ = done_tx.send(discord::run(&config, desk, live, shutdown).await);
        });
        RunningBot {
            runtime,
            stop: Some(stop_tx),
            taken: Some(taken_rx),
            done: done_rx,
        }
    }
}
