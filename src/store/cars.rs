//! The member's car: one row per member in `member_cars`, replaced on change, deleted on
//! request.

use super::rows::StoreRow;

use super::rows::MemberKey;
use super::{Lite, StoreError};
use crate::domain::{Car, KeyType, Make, Member, Timestamp};

/// The same member condition as the `member_cars_one` index, so SQLite answers from it.
const SAME_MEMBER: &str =
    "member_kind = ? AND coalesce(member_id, -1) = ? AND coalesce(member_name, '') = ?";

impl Lite {
    /// Keeps `car` as the member's car, replacing the one they had.
    pub async fn save_car(
        &self,
        member: &Member,
        car: &Car,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let key = MemberKey::new(member)?;
        let (kind, id, name) = key.lookup_values();
        let mut tx = self.begin_write().await?;
        // Delete then insert in one transaction: the unique index is on expressions, which an
        // `ON CONFLICT` target cannot name.
        sqlx::query(&format!("DELETE FROM member_cars WHERE {SAME_MEMBER}"))
            .bind(kind)
            .bind(id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO member_cars \
             (member_kind, member_id, member_name, make, model, year, key_type, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(key.kind)
        .bind(key.id)
        .bind(key.name)
        .bind(car.make.as_str())
        .bind(car.model())
        .bind(car.year.map(i64::from))
        .bind(car.key.map(KeyType::as_str))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The member's car, or `None` if they never told it (or asked pitcrew to forget it).
    pub async fn car(&self, member: &Member) -> Result<Option<Car>, StoreError> {
        let key = MemberKey::new(member)?;
        let (kind, id, name) = key.lookup_values();
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
        let key = MemberKey::new(member)?;
        let (kind, id, name) = key.lookup_values();
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(&format!("DELETE FROM member_cars WHERE {SAME_MEMBER}"))
            .bind(kind)
            .bind(id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }
}

/// A stored car back into the domain; anything the domain would refuse is a corrupt row, never
/// a panic.
pub(super) fn car_from_row(member: &Member, row: &impl StoreRow) -> Result<Car, StoreError> {
    let corrupt = |what: String| StoreError::CorruptRecord {
        record: format!("the car of {member}"),
        what,
    };
    let make: String = row.try_get("make")?;
    let model: Option<String> = row.try_get("model")?;
    let year: Option<i64> = row.try_get("year")?;
    let key: Option<String> = row.try_get("key_type")?;
    let make: Make = make.parse().map_err(|e| corrupt(format!("{e}")))?;
    let year = year
        .map(u16::try_from)
        .transpose()
        .map_err(|_| corrupt("the year is out of range".into()))?;
    let key = key
        .map(|k| k.parse::<KeyType>())
        .transpose()
        .map_err(|e| corrupt(format!("{e}")))?;
    Car::new(make, model.as_deref(), year, key).map_err(|e| corrupt(format!("{e}")))
}
