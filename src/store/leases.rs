//! Leases for once-only periodic work (`crate::domain::lease`): a row per job naming the
//! process that holds it and until when. Taking, renewing and taking over are one guarded
//! upsert, so of two processes racing for a free or expired lease exactly one gets it.

use std::time::Duration;

use super::{Lite, StoreError};
use crate::domain::{LeaseHolder, LeaseName, Timestamp};

impl Lite {
    /// Takes lease `name` for `holder` until `now + ttl` when it is free, expired
    /// (`until <= now`), already `holder`'s (a renewal), or held in `holder`'s slot (a
    /// crashed predecessor's); `false` while another slot's holder's lease runs. One write: the `ON CONFLICT … WHERE` guard decides, not a read before it.
    pub async fn take_lease(
        &self,
        name: LeaseName,
        holder: &LeaseHolder,
        now: Timestamp,
        ttl: Duration,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let taken = sqlx::query(
            "INSERT INTO leases (name, holder, slot, until) VALUES (?, ?, ?, ?) \
             ON CONFLICT (name) DO UPDATE \
             SET holder = excluded.holder, slot = excluded.slot, until = excluded.until \
             WHERE leases.holder = excluded.holder OR leases.slot = excluded.slot \
             OR leases.until <= ? \
             RETURNING name",
        )
        .bind(name.as_str())
        .bind(holder.as_str())
        .bind(holder.slot())
        .bind(now.plus(ttl))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .is_some();
        tx.commit().await?;
        Ok(taken)
    }

    /// Who holds lease `name` at `now`, if anyone: for operators and tests; the work itself
    /// only ever asks through [`super::Store::take_lease`].
    pub async fn lease_holder(
        &self,
        name: LeaseName,
        now: Timestamp,
    ) -> Result<Option<LeaseHolder>, StoreError> {
        let holder: Option<(String, String)> =
            sqlx::query_as("SELECT slot, holder FROM leases WHERE name = ? AND until > ?")
                .bind(name.as_str())
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
        Ok(holder.map(|(slot, id)| LeaseHolder::in_slot(slot, id)))
    }

    /// Gives lease `name` up if `holder` holds it, so another process takes over at once
    /// instead of after the lease runs out (a graceful stop).
    pub async fn release_lease(
        &self,
        name: LeaseName,
        holder: &LeaseHolder,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM leases WHERE name = ? AND holder = ?")
            .bind(name.as_str())
            .bind(holder.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
