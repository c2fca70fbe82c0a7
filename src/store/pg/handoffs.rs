//! PostgreSQL: handoffs (stubs until written; see the SQLite twin `../handoffs.rs`).

#![allow(unused_variables, dead_code)]

use super::{not_yet, Pg};
use crate::store::*;
use crate::domain::*;
#[allow(unused_imports)]
use crate::guide::GuideVersion;
#[allow(unused_imports)]
use crate::triage::State;

impl Pg {
    pub async fn handoff(&self, id: HandoffId) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("handoff"))
    }

    pub async fn handoff_for_session(&self, session: SessionId) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("handoff_for_session"))
    }

    pub async fn live_handoff_of_member(&self, guild: GuildId, member: UserId) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("live_handoff_of_member"))
    }

    pub async fn open_handoff(&self, new: &NewHandoff, now: Timestamp) -> Result<(Handoff, bool), StoreError> {
        Err(not_yet("open_handoff"))
    }

    pub async fn attach_thread(&self, id: HandoffId, thread: ChannelId, now: Timestamp) -> Result<(), StoreError> {
        Err(not_yet("attach_thread"))
    }

    pub async fn attach_card(&self, id: HandoffId, channel: ChannelId, message: MessageId, now: Timestamp) -> Result<(), StoreError> {
        Err(not_yet("attach_card"))
    }

    pub async fn set_member_note(&self, id: HandoffId, note: &str, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("set_member_note"))
    }

    pub async fn claim(&self, id: HandoffId, volunteer: UserId, now: Timestamp) -> Result<Claim, StoreError> {
        Err(not_yet("claim"))
    }

    pub async fn release(&self, id: HandoffId, next_notify_at: Timestamp, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("release"))
    }

    pub async fn transfer(&self, id: HandoffId, to: UserId, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("transfer"))
    }

    pub async fn resolve_handoff(&self, id: HandoffId, note: Option<&str>, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("resolve_handoff"))
    }

    pub async fn cancel_handoff(&self, id: HandoffId, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("cancel_handoff"))
    }

    pub async fn rate(&self, id: HandoffId, rating: Rating, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("rate"))
    }

    pub async fn mark_member_left(&self, id: HandoffId, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("mark_member_left"))
    }

    pub async fn open_unguided_handoff(&self, place: (GuildId, ChannelId), member: UserId, lang: LangCode, words: &str, next_notify_at: Timestamp, now: Timestamp) -> Result<(SessionRecord, Handoff), StoreError> {
        Err(not_yet("open_unguided_handoff"))
    }

    pub async fn open_urgent_unguided_handoff(&self, place: (GuildId, ChannelId), member: UserId, lang: LangCode, words: &str, times: (Timestamp, Timestamp)) -> Result<(SessionRecord, Handoff), StoreError> {
        Err(not_yet("open_urgent_unguided_handoff"))
    }

    pub async fn queue(&self, guild: GuildId) -> Result<Vec<Handoff>, StoreError> {
        Err(not_yet("queue"))
    }

    pub async fn due_notices(&self, now: Timestamp, limit: u32) -> Result<Vec<Handoff>, StoreError> {
        Err(not_yet("due_notices"))
    }

    pub async fn take_notice(&self, id: HandoffId, seen_count: u32, next: Option<Timestamp>, now: Timestamp) -> Result<Option<Handoff>, StoreError> {
        Err(not_yet("take_notice"))
    }

    pub async fn earliest_notice(&self) -> Result<Option<Timestamp>, StoreError> {
        Err(not_yet("earliest_notice"))
    }

}
