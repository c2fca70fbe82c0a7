//! The figures over the desk's store, guides and clock: what `pitcrew stats` and
//! `/pitcrew stats` both call, so the terminal and Discord show the same numbers.

use std::time::Duration;

use super::{Desk, DeskError};
use crate::insight::{self, Figures};

impl Desk {
    /// The figures of the sessions started in the last `window` (up to the desk's clock), of
    /// `guide` only when given. A guide that is neither loaded nor in the database is
    /// [`DeskError::UnknownGuide`]; one that is gone from the content but was walked still
    /// counts (without titles).
    pub async fn figures(
        &self,
        guide: Option<&str>,
        window: Duration,
    ) -> Result<Figures, DeskError> {
        let now = self.now();
        let since = crate::domain::Timestamp(
            now.millis()
                .saturating_sub(i64::try_from(window.as_millis()).unwrap_or(i64::MAX)),
        );
        let library = self.library();
        let rows = self.store.stats_rows(since, guide).await?;
        if let Some(g) = guide {
            if library.get(g).is_none() && !self.store.guide_walked(g).await? {
                return Err(DeskError::UnknownGuide(g.to_string()));
            }
        }
        Ok(insight::figures(&rows, Some(&library), guide, since, now))
    }
}
