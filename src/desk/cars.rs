//! The member's car: kept per member, read for a walk only when its guide has steps for some
//! cars only.

use super::{Desk, DeskError};
use crate::domain::{Car, Member};
use crate::guide::Guide;

impl Desk {
    /// The member's car, if they told it: the walks and the volunteers' card use it.
    pub async fn car(&self, member: &Member) -> Result<Option<Car>, DeskError> {
        Ok(self.store.car(member).await?)
    }

    /// The member's car for a walk of `guide`: read only when the guide has steps for some
    /// cars only, since otherwise every car sees the same walk; this keeps the store read off
    /// the presses of every other guide.
    pub(super) async fn car_for(
        &self,
        guide: &Guide,
        member: &Member,
    ) -> Result<Option<Car>, DeskError> {
        if !guide.asks_about_cars() {
            return Ok(None);
        }
        self.car(member).await
    }

    /// Keeps `car` as the member's car (`/car set`, `chat --car`), replacing any other.
    pub async fn save_car(&self, member: &Member, car: &Car) -> Result<(), DeskError> {
        Ok(self.store.save_car(member, car, self.now()).await?)
    }

    /// Forgets the member's car; `true` if there was one.
    pub async fn forget_car(&self, member: &Member) -> Result<bool, DeskError> {
        Ok(self.store.delete_car(member).await?)
    }
}
