//! The bot as real `pitcrew run` processes, as an operator runs several on shard ranges: the
//! binary, a clean environment, the test's server, content and database. Unlike the in-process
//! bots of `launch.rs`, a process can be killed with SIGKILL (`kill -9`), which is what the
//! takeover of once-only work has to survive.

use std::process::Stdio;

use pitcrew::config::ShardRange;
use tokio::process::Command;

use super::{Pit, T};

impl Pit {
    /// Starts `pitcrew run` on `shards` and waits for its IDENTIFY and command registration.
    /// Its log (warnings and errors) goes to `bot-N.log` in the test's folder.
    pub(super) async fn launch_process(&mut self, shards: ShardRange) {
        let n = self.processes.len();
        let log = self._dir.path().join(format!("bot-{n}.log"));
        let log = std::fs::File::create(&log).expect("bot log file");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitcrew"));
        cmd.arg("run")
            .env_clear()
            .current_dir(self._dir.path())
            .env("DISCORD_TOKEN", self.server.token())
            .env("DISCORD_API_URL", self.server.api_url())
            .env("CONTENT_DIR", &self.content)
            .env("DATABASE_URL", &self.db_url)
            .env(
                "DISCORD_SHARDS",
                format!("{}-{}/{}", shards.first, shards.last, shards.total),
            )
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true);
        if let Some(secs) = self.lease_secs {
            cmd.env("LEASE_SECS", secs.to_string());
        }
        if let Some(guild) = self.guild_id {
            cmd.env("DISCORD_GUILD_ID", guild.to_string());
        }
        self.processes
            .push(cmd.spawn().expect("pitcrew run starts"));
        if let Err(e) = self.wait_launched(Some(shards)).await {
            panic!("{e}\nprocess {n} log:\n{}", self.process_log(n));
        }
    }

    /// `kill -9` of process `n` (in start order): no stop, no goodbye, nothing flushed that was
    /// not committed. Returns once it is gone.
    pub async fn kill_process(&mut self, n: usize) {
        let child = &mut self.processes[n];
        child.start_kill().expect("SIGKILL sent");
        tokio::time::timeout(T, child.wait())
            .await
            .expect("the killed process is gone")
            .expect("its status");
    }

    /// What process `n` logged (warnings and errors), for a failing assertion's message.
    pub fn process_log(&self, n: usize) -> String {
        std::fs::read_to_string(self._dir.path().join(format!("bot-{n}.log"))).unwrap_or_default()
    }
}
