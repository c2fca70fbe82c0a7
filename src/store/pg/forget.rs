//! PostgreSQL: forget (stubs until written; see the SQLite twin `../forget.rs`).

#![allow(unused_variables, dead_code)]

use super::{not_yet, Pg};
use crate::store::*;
use crate::domain::*;
#[allow(unused_imports)]
use crate::guide::GuideVersion;
#[allow(unused_imports)]
use crate::triage::State;
use crate::insight::Rows;

impl Pg {
    pub async fn forget_member(&self, member: &Member, now: Timestamp) -> Result<Forgotten, StoreError> {
        Err(not_yet("forget_member"))
    }

    pub async fn apply_retention(&self, now: Timestamp, days: u32) -> Result<u64, StoreError> {
        Err(not_yet("apply_retention"))
    }

    pub async fn stats_rows(&self, since: Timestamp, guide: Option<&str>) -> Result<Rows, StoreError> {
        Err(not_yet("stats_rows"))
    }

    pub async fn guide_walked(&self, guide: &str) -> Result<bool, StoreError> {
        Err(not_yet("guide_walked"))
    }

}
