//! The forum helper's vocabulary: a forum a moderator pointed pitcrew at, and what it does
//! with a post no guide fits.

use super::ids::ChannelId;

/// What the reply to a post says when no guide fits it (an emergency is answered anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenNothingFits {
    /// Reply with the "Ask a volunteer" offer alone.
    Volunteer,
    /// Do not reply at all.
    Silent,
}

impl WhenNothingFits {
    /// Its spelling in the store and in the setup command's choices.
    pub fn code(self) -> &'static str {
        match self {
            WhenNothingFits::Volunteer => "volunteer",
            WhenNothingFits::Silent => "silent",
        }
    }

    pub fn parse(code: &str) -> Option<WhenNothingFits> {
        match code {
            "volunteer" => Some(WhenNothingFits::Volunteer),
            "silent" => Some(WhenNothingFits::Silent),
            _ => None,
        }
    }
}

/// A forum channel pitcrew answers new posts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchedForum {
    pub channel: ChannelId,
    pub when_nothing_fits: WhenNothingFits,
}
