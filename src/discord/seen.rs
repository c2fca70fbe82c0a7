//! Which interactions were already answered: a resumed gateway may replay a dispatch, and one
//! interaction is answered once. Kept apart from the handler, which only asks.

use std::collections::{HashSet, VecDeque};

use serenity::all::InteractionId;

/// Recently answered interaction ids, bounded so memory stays flat however long the bot runs.
#[derive(Default)]
pub struct Seen {
    order: VecDeque<InteractionId>,
    set: HashSet<InteractionId>,
}

impl Seen {
    const CAPACITY: usize = 4096;

    pub fn insert(&mut self, id: InteractionId) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > Self::CAPACITY {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        true
    }
}
