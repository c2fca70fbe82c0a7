//! PostgreSQL: sessions (stubs until written; see the SQLite twin `../sessions.rs`).

#![allow(unused_variables, dead_code)]

use super::{not_yet, Pg};
use crate::store::*;
use crate::domain::*;
#[allow(unused_imports)]
use crate::guide::GuideVersion;
#[allow(unused_imports)]
use crate::triage::State;

impl Pg {
    pub async fn start_session(&self, member: &Member, scope: &Scope, guide_id: &str, version: &GuideVersion, state: &State, now: Timestamp) -> Result<SessionRecord, StoreError> {
        Err(not_yet("start_session"))
    }

    pub async fn start_session_unless_active(&self, member: &Member, scope: &Scope, guide_id: &str, version: &GuideVersion, state: &State, now: Timestamp) -> Result<Option<SessionRecord>, StoreError> {
        Err(not_yet("start_session_unless_active"))
    }

    pub async fn active_session(&self, member: &Member, scope: &Scope) -> Result<Option<SessionRecord>, StoreError> {
        Err(not_yet("active_session"))
    }

    pub async fn session_for_press(&self, id: SessionId, step: u32) -> Result<Option<SessionRecord>, StoreError> {
        Err(not_yet("session_for_press"))
    }

    pub async fn session(&self, id: SessionId) -> Result<Option<SessionRecord>, StoreError> {
        Err(not_yet("session"))
    }

    pub async fn advance(&self, id: SessionId, expected_step: u32, next: &State, version: &GuideVersion, answer: &NewAnswer, now: Timestamp) -> Result<Advance, StoreError> {
        Err(not_yet("advance"))
    }

    pub async fn answers(&self, id: SessionId) -> Result<Vec<AnswerRecord>, StoreError> {
        Err(not_yet("answers"))
    }

    pub async fn record_fixed(&self, id: SessionId, fixed: bool) -> Result<FixedAnswer, StoreError> {
        Err(not_yet("record_fixed"))
    }

    pub async fn fixed(&self, id: SessionId) -> Result<Option<bool>, StoreError> {
        Err(not_yet("fixed"))
    }

    pub async fn save_car(&self, member: &Member, car: &Car, now: Timestamp) -> Result<(), StoreError> {
        Err(not_yet("save_car"))
    }

    pub async fn car(&self, member: &Member) -> Result<Option<Car>, StoreError> {
        Err(not_yet("car"))
    }

    pub async fn delete_car(&self, member: &Member) -> Result<bool, StoreError> {
        Err(not_yet("delete_car"))
    }

}
