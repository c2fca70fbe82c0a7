//! A port that records what the service asked of the platform, and can be told to refuse
//! (a missing permission), to report a member gone, or who holds which role.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use pitcrew::domain::{ChannelId, GuildId, Handoff, HandoffStatus, MessageId, RoleId, UserId};
use pitcrew::guide::Lang;
use pitcrew::handoff::{CardView, Ping, Port, PortError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    PostCard,
    UpdateCard,
    OpenThread,
    AddToThread,
    Say,
    AskRating,
    CloseThread,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    PostCard {
        channel: ChannelId,
        text: String,
        ping: Ping,
    },
    UpdateCard {
        message: MessageId,
        status: HandoffStatus,
        member_left: bool,
        /// The language the card was drawn in (the server's).
        lang: Lang,
        /// The member's note as the card shows it.
        note: Option<String>,
    },
    OpenThread {
        parent: ChannelId,
        name: String,
    },
    AddToThread {
        thread: ChannelId,
        user: UserId,
    },
    Say {
        channel: ChannelId,
        text: String,
        ping: Ping,
    },
    AskRating {
        thread: ChannelId,
        text: String,
    },
    CloseThread {
        thread: ChannelId,
        lock: bool,
    },
}

#[derive(Default)]
struct State {
    calls: Vec<Call>,
    refused: HashSet<Op>,
    gone: HashSet<UserId>,
    roles: HashMap<UserId, Vec<RoleId>>,
    next_id: u64,
}

#[derive(Clone, Default)]
pub struct Recorder {
    state: Arc<Mutex<State>>,
}

impl Recorder {
    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }

    pub fn calls(&self) -> Vec<Call> {
        self.with(|s| s.calls.clone())
    }

    pub fn clear(&self) {
        self.with(|s| s.calls.clear());
    }

    /// From now on `op` fails as a missing permission would (`false`: works again).
    pub fn refuse(&self, op: Op, refused: bool) {
        self.with(|s| {
            if refused {
                s.refused.insert(op);
            } else {
                s.refused.remove(&op);
            }
        });
    }

    pub fn member_left(&self, user: UserId) {
        self.with(|s| s.gone.insert(user));
    }

    pub fn give_role(&self, user: UserId, role: RoleId) {
        self.with(|s| s.roles.entry(user).or_default().push(role));
    }

    /// The messages said in `channel`, oldest first.
    pub fn said_in(&self, channel: ChannelId) -> Vec<String> {
        self.calls()
            .into_iter()
            .filter_map(|c| match c {
                Call::Say {
                    channel: c, text, ..
                } if c == channel => Some(text),
                _ => None,
            })
            .collect()
    }

    fn record(&self, op: Op, call: Call) -> Result<u64, PortError> {
        self.with(|s| {
            if s.refused.contains(&op) {
                return Err(PortError::MissingPermission);
            }
            s.calls.push(call);
            s.next_id += 1;
            Ok(9000 + s.next_id)
        })
    }
}

impl Port for Recorder {
    async fn post_card(
        &self,
        channel: ChannelId,
        text: &str,
        ping: &Ping,
        _card: &CardView,
    ) -> Result<MessageId, PortError> {
        let call = Call::PostCard {
            channel,
            text: text.into(),
            ping: ping.clone(),
        };
        self.record(Op::PostCard, call).map(MessageId)
    }

    async fn update_card(
        &self,
        _channel: ChannelId,
        message: MessageId,
        card: &CardView,
    ) -> Result<(), PortError> {
        let call = Call::UpdateCard {
            message,
            status: card.handoff.status,
            member_left: card.handoff.member_left,
            lang: card.lang,
            note: card.handoff.member_note.clone(),
        };
        self.record(Op::UpdateCard, call).map(drop)
    }

    async fn open_thread(&self, parent: ChannelId, name: &str) -> Result<ChannelId, PortError> {
        let call = Call::OpenThread {
            parent,
            name: name.into(),
        };
        self.record(Op::OpenThread, call).map(ChannelId)
    }

    async fn add_to_thread(&self, thread: ChannelId, user: UserId) -> Result<(), PortError> {
        self.record(Op::AddToThread, Call::AddToThread { thread, user })
            .map(drop)
    }

    async fn say(&self, channel: ChannelId, text: &str, ping: &Ping) -> Result<(), PortError> {
        let call = Call::Say {
            channel,
            text: text.into(),
            ping: ping.clone(),
        };
        self.record(Op::Say, call).map(drop)
    }

    async fn ask_rating(
        &self,
        thread: ChannelId,
        text: &str,
        _h: &Handoff,
    ) -> Result<(), PortError> {
        let call = Call::AskRating {
            thread,
            text: text.into(),
        };
        self.record(Op::AskRating, call).map(drop)
    }

    async fn close_thread(&self, thread: ChannelId, lock: bool) -> Result<(), PortError> {
        self.record(Op::CloseThread, Call::CloseThread { thread, lock })
            .map(drop)
    }

    async fn member_present(&self, _guild: GuildId, user: UserId) -> bool {
        self.with(|s| !s.gone.contains(&user))
    }

    async fn has_role(&self, _guild: GuildId, user: UserId, role: RoleId) -> bool {
        self.with(|s| s.roles.get(&user).is_some_and(|r| r.contains(&role)))
    }

    async fn display_name(&self, _guild: GuildId, _user: UserId) -> Option<String> {
        Some("Sam".into())
    }

    fn card_link(&self, h: &Handoff) -> Option<String> {
        h.card_message.map(|m| format!("card:{m}"))
    }
}
