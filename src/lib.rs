//! pitcrew
