//! The volunteers' side of a scene: a volunteer role, the cards and help channels, two
//! volunteers and a moderator, and helpers that follow a handoff from the member's press to its
//! card and private thread.

use std::time::{Duration, Instant};

use pitcrew::domain::{ChannelId, GuildId, GuildSetup, Handoff, Region, RoleId};
use pitcrew::domain::{Clock, SessionId, SystemClock};

use super::screen::step_of;
use super::{Answer, Pit, DRILL, T};
use crate::fake::builders::{modal_submit, user_select};
use crate::fake::{Actor, FakeUser, StoredMessage};

/// The Manage Server permission bit.
pub const MANAGE_GUILD: u64 = 1 << 5;

/// Who and where, on the volunteers' side of the scene's guild.
pub struct Crew {
    pub role: u64,
    /// The volunteers' channel, where cards go.
    pub cards: u64,
    /// The help channel, where private threads are opened.
    pub help: u64,
    /// Two members with the volunteer role.
    pub volunteers: [FakeUser; 2],
    /// A member with Manage Server and no volunteer role.
    pub moderator: FakeUser,
}

/// A handoff with its thread and card in Discord.
pub struct Delivered {
    pub handoff: Handoff,
    pub thread: u64,
    pub card: StoredMessage,
}

impl Pit {
    /// Adds the crew to the scene's guild. Nothing is stored: see [`Pit::set_up`].
    pub fn crew(&self) -> Crew {
        let (s, g) = (&self.server, self.scene.guild_id);
        let role = s.add_role(g, "Volunteers", 0);
        let mods = s.add_role(g, "Moderators", MANAGE_GUILD);
        let cards = s.add_text_channel(g, "volunteer-cards");
        let help = s.add_text_channel(g, "help-threads");
        let volunteers = ["vol_ada", "vol_ben"].map(|name| {
            let u = s.add_user(name);
            s.add_member(g, u.id, &[role]);
            u
        });
        let moderator = s.add_user("mod_mia");
        s.add_member(g, moderator.id, &[mods]);
        Crew {
            role,
            cards,
            help,
            volunteers,
            moderator,
        }
    }

    /// Stores the crew's setup directly, as `/pitcrew setup` would, with a re-notify interval
    /// in seconds (the command speaks minutes). The scene's server is a US one: the handoff
    /// tests were written for 911, and the texts in its threads follow the server's region.
    pub async fn set_up(&self, crew: &Crew, renotify: Duration) {
        let setup = GuildSetup {
            volunteer_role: Some(RoleId(crew.role)),
            cards_channel: Some(ChannelId(crew.cards)),
            help_channel: Some(ChannelId(crew.help)),
            renotify,
            region: Some(Region::Us),
            ..GuildSetup::new(GuildId(self.scene.guild_id))
        };
        self.store
            .save_guild_setup(&setup, SystemClock.now())
            .await
            .expect("setup saved");
    }

    /// Sets the scene's server region (`None`: not set), as `/pitcrew setup region:` would.
    pub async fn set_region(&self, region: Option<Region>) {
        self.store
            .update_guild_setup(GuildId(self.scene.guild_id), SystemClock.now(), |s| {
                s.region = region;
            })
            .await
            .expect("region saved");
    }

    /// `user` acting in `channel` of the scene's guild.
    pub fn actor_in(&self, channel: u64, user: u64) -> Actor {
        self.server.guild_actor(self.scene.guild_id, channel, user)
    }

    /// The member walks the drill to the jack step and presses "Talk to a volunteer"; the
    /// answer to that press and the session.
    pub async fn ask_volunteer(&self, member: &Actor) -> (Answer, SessionId) {
        let msg = self.triage(member, Some(DRILL)).await.message();
        let (session, _) = step_of(&msg);
        self.press(member, &msg, "Yes, we are safe").await;
        (
            self.press(member, &msg, "Talk to a volunteer").await,
            session,
        )
    }

    pub async fn handoff_of(&self, session: SessionId) -> Option<Handoff> {
        self.store
            .handoff_for_session(session)
            .await
            .expect("store readable")
    }

    /// Polls the database until the session's handoff satisfies `ready`.
    pub async fn wait_handoff(
        &self,
        session: SessionId,
        what: &str,
        ready: impl Fn(&Handoff) -> bool,
    ) -> Handoff {
        let deadline = Instant::now() + T;
        loop {
            let h = self.handoff_of(session).await;
            if let Some(h) = h.filter(|h| ready(h)) {
                return h;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the handoff is {:#?}",
                self.handoff_of(session).await
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until the session's handoff has its thread and card; returns them.
    pub async fn delivered(&self, session: SessionId) -> Delivered {
        let handoff = self
            .wait_handoff(session, "the thread and the card", |h| {
                h.thread.is_some() && h.card_message.is_some()
            })
            .await;
        Delivered {
            thread: handoff.thread.expect("thread").get(),
            card: self.card(&handoff),
            handoff,
        }
    }

    /// The card of `h` as it is now.
    #[track_caller]
    pub fn card(&self, h: &Handoff) -> StoredMessage {
        let id = h.card_message.expect("the handoff has a card").get();
        self.server.message(id).expect("the fake holds the card")
    }

    /// Waits until `channel` holds at least `n` messages; returns them all, oldest first.
    pub async fn wait_messages(&self, channel: u64, n: usize, what: &str) -> Vec<StoredMessage> {
        self.server
            .wait_until(T, what, |s| {
                let all = s.channel_messages(channel);
                (all.len() >= n).then_some(all)
            })
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Submits the modal `custom_id` (which the bot must have opened) with `inputs`.
    pub async fn submit(&self, actor: &Actor, custom_id: &str, inputs: &[(&str, &str)]) -> Answer {
        let payload = modal_submit(custom_id, inputs).by(actor);
        self.answer(self.server.dispatch(payload).await).await
    }

    /// Picks `users` in the user select of `msg` (the card's Transfer menu).
    pub async fn pick_users(
        &self,
        actor: &Actor,
        msg: &StoredMessage,
        users: &[&FakeUser],
    ) -> Answer {
        let now = self.server.message(msg.id).expect("message exists");
        let select = now
            .components()
            .into_iter()
            .find(|c| c["type"] == 5)
            .unwrap_or_else(|| panic!("no user select on {:#}", now.json));
        let id = select["custom_id"].as_str().expect("custom_id").to_string();
        let payload = user_select(&now, &id, users).by(actor);
        self.answer(self.server.dispatch(payload).await).await
    }
}
