//! The vocabulary every other module speaks: typed ids, time, who walks a guide and where, and
//! the records of sessions and handoffs. Plain data with no I/O; it sits below the store, the
//! handoff service and both front ends, so none of them has to reach into another for a type.
//!
//! Discord ids become these types at the adapter's edge (`discord/`), and SQL integers only
//! inside `store/`: a swapped guild and user no longer compile.

pub mod car;
pub mod forum;
pub mod handoff;
pub mod ids;
pub mod lang;
pub mod lease;
pub mod place;
pub mod session;
pub mod time;
pub mod walk;

pub use car::{Car, CarError, KeyType, Make, MODEL_MAX_CHARS_U16};
pub use forum::{WatchedForum, WhenNothingFits};
pub use handoff::{
    Claim, GuildSetup, Handoff, HandoffStatus, NewHandoff, Rating, Ready, DEFAULT_RENOTIFY,
    RENOTIFY_MAX,
};
pub use ids::{ChannelId, GuildId, HandoffId, MessageId, RoleId, SessionId, UserId};
pub use lang::LangCode;
pub use lease::{LeaseHolder, LeaseName, LEASE_RENEW, LEASE_TTL};
pub use place::{Member, Scope};
// Regions sit below the domain (guides and the engine use them too); named here as well so a
// server's setup and its region are spoken of together.
pub use crate::region::{Placeholder, Region};
pub use session::{AnswerRecord, NewAnswer, SessionRecord, NO_GUIDE};
pub use time::{Clock, SystemClock, Timestamp};
pub use walk::{GuideVersion, State, Status};
