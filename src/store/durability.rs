//! How much a write's commit must survive, and the statements that say so to SQLite.
//!
//! Below both the writer queue (`writer/`) and its connection (`write_conn.rs`), which both
//! need it: the queue sets the level as a transaction begins, the connection remembers the
//! level it was last set to so the next transaction can skip setting it again.

/// How much a write's commit must survive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Durability {
    /// A member's answer: the commit survives the process crashing or being killed (it is in
    /// the WAL file, handed to the operating system), but a power cut or an OS crash may lose
    /// the last seconds of answers (SQLite's `synchronous = NORMAL`). After one, a press made on
    /// a newer screen is judged an old step and the stored one is drawn again.
    Process,
    /// A handoff, a reminder taken, a server's setup: the WAL is flushed to the disk before the
    /// commit returns (`synchronous = FULL`), so it survives a power cut, and so does every
    /// commit before it. A volunteer's card must never point at a request the database lost,
    /// and a reminder taken must stay taken, or it would go out twice.
    PowerCut,
}

impl Durability {
    /// The statements that begin a transaction with this durability. SQLite refuses to change
    /// the level inside a transaction, so it is set as each one begins, in the same round trip.
    pub(crate) fn begin(self) -> &'static str {
        match self {
            Durability::Process => "PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE",
            Durability::PowerCut => "PRAGMA synchronous = FULL; BEGIN IMMEDIATE",
        }
    }
}
