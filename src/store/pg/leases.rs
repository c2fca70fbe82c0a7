//! PostgreSQL: leases for once-only periodic work (the SQLite twin is `../leases.rs`, whose
//! docs are the contract).
//!
//! Taking is one upsert whose `ON CONFLICT … WHERE` guard decides. PostgreSQL runs it without
//! a gap: of two processes inserting a free lease, the second waits for the first's commit and
//! then takes the conflict path; on the conflict path the row is locked and the guard is
//! checked against its newest version. So exactly one of two racers gets a lease.

use std::time::Duration;

use super::Pg;
use crate::domain::{LeaseHolder, LeaseName, Timestamp};
use crate::store::StoreError;

impl Pg {
    /// See `Lite::take_lease`.
    pub async fn take_lease(
        &self,
        name: LeaseName,
        holder: &LeaseHolder,
        now: Timestamp,
        ttl: Duration,
    ) -> Result<bool, StoreError> {
        let taken = sqlx::query(
            "INSERT INTO leases (name, holder, slot, until) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO UPDATE \
             SET holder = excluded.holder, slot = excluded.slot, until = excluded.until \
             WHERE leases.holder = excluded.holder OR leases.slot = excluded.slot \
             OR leases.until <= $5 \
             RETURNING name",
        )
        .bind(name.as_str())
        .bind(holder.as_str())
        .bind(holder.slot())
        .bind(now.plus(ttl))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?
        .is_some();
        Ok(taken)
    }

    /// See `Lite::lease_holder`.
    pub async fn lease_holder(
        &self,
        name: LeaseName,
        now: Timestamp,
    ) -> Result<Option<LeaseHolder>, StoreError> {
        let holder: Option<(String, String)> =
            sqlx::query_as("SELECT slot, holder FROM leases WHERE name = $1 AND until > $2")
                .bind(name.as_str())
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
        Ok(holder.map(|(slot, id)| LeaseHolder::in_slot(slot, id)))
    }

    /// See `Lite::release_lease`.
    pub async fn release_lease(
        &self,
        name: LeaseName,
        holder: &LeaseHolder,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(name.as_str())
            .bind(holder.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
