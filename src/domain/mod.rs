//! The vocabulary every other module speaks: typed ids, time, who walks a guide and where, and
//! the records of sessions and handoffs. Plain data with no I/O; it sits below the store, the
//! handoff service and both front ends, so none of them has to reach into another for a type.
//!
//! Discord ids become these types at the adapter's edge (`discord/`), and SQL integers only
//! inside `store/`: a swapped guild and user no longer compile.

pub mod handoff;
pub mod ids;
pub mod place;
pub mod session;
pub mod time;

pub use handoff::{
    Claim, GuildSetup, Handoff, HandoffStatus, NewHandoff, Rating, Ready, DEFAULT_RENOTIFY,
    RENOTIFY_MAX,
};
pub use ids::{ChannelId, GuildId, HandoffId, MessageId, RoleId, SessionId, UserId};
pub use place::{Member, Scope};
pub use session::{AnswerRecord, NewAnswer, SessionRecord};
pub use time::{Clock, SystemClock, Timestamp};
