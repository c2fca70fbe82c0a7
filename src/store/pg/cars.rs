//! PostgreSQL: the member's car, one row per member in `member_cars` (the SQLite twin is
//! `../cars.rs`, whose docs are the contract).

use super::Pg;
use crate::domain::{Car, KeyType, Member, Timestamp};
use crate::store::cars::car_from_row;
use crate::store::rows::MemberKey;
use crate::store::StoreError;

/// The same member condition as the `member_cars_one` index, on `$1`…`$3` (as folded by
/// `lookup_values`).
const SAME_MEMBER: &str =
    "member_kind = $1 AND coalesce(member_id, -1) = $2 AND coalesce(member_name, '') = $3";

impl Pg {
    /// Keeps `car` as the member's car, replacing the one they had.
    ///
    /// One upsert on `member_cars_one` (PostgreSQL can name an index on expressions, SQLite
    /// cannot): SQLite's delete-then-insert would let two saves from two processes both
    /// delete nothing and the second insert fail on the index.
    pub async fn save_car(
        &self,
        member: &Member,
        car: &Car,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let key = MemberKey::new(member)?;
        sqlx::query(
            "INSERT INTO member_cars \
             (member_kind, member_id, member_name, make, model, year, key_type, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (member_kind, coalesce(member_id, -1), coalesce(member_name, '')) \
             DO UPDATE SET make = excluded.make, model = excluded.model, year = excluded.year, \
             key_type = excluded.key_type, updated_at = excluded.updated_at",
        )
        .bind(key.kind)
        .bind(key.id)
        .bind(key.name)
        .bind(car.make.as_str())
        .bind(car.model())
        .bind(car.year.map(i64::from))
        .bind(car.key.map(KeyType::as_str))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The member's car, or `None` if they never told it (or asked pitcrew to forget it).
    pub async fn car(&self, member: &Member) -> Result<Option<Car>, StoreError> {
        let (kind, id, name) = MemberKey::new(member)?.lookup_values();
        let row = sqlx::query(&format!(
            "SELECT make, model, year, key_type FROM member_cars WHERE {SAME_MEMBER}"
        ))
        .bind(kind)
        .bind(id)
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(|r| car_from_row(member, r)).transpose()
    }

    /// Forgets the member's car; `true` if there was one.
    pub async fn delete_car(&self, member: &Member) -> Result<bool, StoreError> {
        let (kind, id, name) = MemberKey::new(member)?.lookup_values();
        let done = sqlx::query(&format!("DELETE FROM member_cars WHERE {SAME_MEMBER}"))
            .bind(kind)
            .bind(id)
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
