//! Row ↔ domain conversions. Everything the database hands back is checked here and turned into
//! `StoreError::Corrupt` when it does not fit, so no stored value can panic the bot.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgRow, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArgumentValue, SqliteRow, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Postgres, Row, Sqlite, Type};

use super::StoreError;
use crate::domain::{
    AnswerRecord, ChannelId, GuildId, HandoffId, Member, Scope, SessionId, SessionRecord,
    Timestamp, UserId,
};
use crate::guide::GuideVersion;
use crate::triage::{State, Status};

/// The `sessions` columns every query selects or returns, in one place so the decoder below and
/// the SQL cannot drift apart. A macro so it can be `concat!`ed into `&'static str` queries.
macro_rules! session_columns {
    () => {
        "id, member_kind, member_id, member_name, scope_kind, guild_id, channel_id, \
         guide_id, guide_version, node, path, step, status, created_at, updated_at"
    };
}
pub(crate) use session_columns;

/// The same condition `sessions_one_active` indexes, so SQLite can answer it from that index.
/// Binds, in order: member_kind, member_id, member_name, scope_kind, guild_id, channel_id
/// (as produced by [`MemberKey::lookup_values`] and [`ScopeKey::lookup_values`]).
macro_rules! same_member_and_scope {
    () => {
        "member_kind = ? AND coalesce(member_id, -1) = ? AND coalesce(member_name, '') = ? \
         AND scope_kind = ? AND coalesce(guild_id, -1) = ? AND coalesce(channel_id, -1) = ?"
    };
}
pub(crate) use same_member_and_scope;

/// A value a column can hold on either backend (`i64`, `String`, their `Option`s, the id and
/// time newtypes below).
pub(crate) trait Column:
    Sized + for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

impl<T> Column for T where
    T: Sized
        + for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
{
}

/// A row from either backend, read by column name: the row decoders (here, `handoff_rows.rs`,
/// …) are written once for both.
pub(crate) trait StoreRow {
    fn try_get<T: Column>(&self, name: &str) -> Result<T, sqlx::Error>;
}

impl StoreRow for SqliteRow {
    fn try_get<T: Column>(&self, name: &str) -> Result<T, sqlx::Error> {
        Row::try_get(self, name)
    }
}

impl StoreRow for PgRow {
    fn try_get<T: Column>(&self, name: &str) -> Result<T, sqlx::Error> {
        Row::try_get(self, name)
    }
}

/// A Discord id as SQLite stores it. Snowflakes fit in 63 bits; anything larger is refused
/// rather than wrapped, so a forged id can never alias a real one.
pub(crate) fn id_to_sql(what: &'static str, value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| StoreError::IdOutOfRange { what, value })
}

/// A member as the `sessions` columns hold it.
pub(crate) struct MemberKey<'a> {
    pub kind: &'static str,
    pub id: Option<i64>,
    pub name: Option<&'a str>,
}

impl<'a> MemberKey<'a> {
    pub fn new(member: &'a Member) -> Result<MemberKey<'a>, StoreError> {
        Ok(match member {
            Member::Discord(id) => MemberKey {
                kind: "discord",
                id: Some(id_to_sql("Discord user id", id.get())?),
                name: None,
            },
            Member::Local(name) => MemberKey {
                kind: "local",
                id: None,
                name: Some(name),
            },
        })
    }

    /// The sentinel-folded values for [`same_member_and_scope!`].
    pub fn lookup_values(&self) -> (&'static str, i64, &'a str) {
        (self.kind, self.id.unwrap_or(-1), self.name.unwrap_or(""))
    }
}

/// A scope as the `sessions` columns hold it.
pub(crate) struct ScopeKey {
    pub kind: &'static str,
    pub guild: Option<i64>,
    pub channel: Option<i64>,
}

impl ScopeKey {
    pub fn new(scope: &Scope) -> Result<ScopeKey, StoreError> {
        Ok(match *scope {
            Scope::Guild { guild, channel } => ScopeKey {
                kind: "guild",
                guild: Some(id_to_sql("Discord guild id", guild.get())?),
                channel: Some(id_to_sql("Discord channel id", channel.get())?),
            },
            Scope::Dm => ScopeKey {
                kind: "dm",
                guild: None,
                channel: None,
            },
            Scope::Local => ScopeKey {
                kind: "local",
                guild: None,
                channel: None,
            },
        })
    }

    /// The sentinel-folded values for [`same_member_and_scope!`].
    pub fn lookup_values(&self) -> (&'static str, i64, i64) {
        (
            self.kind,
            self.guild.unwrap_or(-1),
            self.channel.unwrap_or(-1),
        )
    }
}

/// The path as stored: a JSON array of node ids. Built through `serde_json::Value`, whose
/// `Display` cannot fail, so there is no error path for an in-memory value.
pub(crate) fn path_to_sql(path: &[String]) -> String {
    serde_json::Value::from(path.to_vec()).to_string()
}

/// Reads one column, turning a type mismatch or NULL into `Corrupt` for this session.
fn column<T: Column>(row: &impl StoreRow, session: SessionId, name: &str) -> Result<T, StoreError> {
    row.try_get::<T>(name)
        .map_err(|e| corrupt(session, format!("column {name}: {e}")))
}

fn corrupt(session: SessionId, what: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        session,
        what: what.into(),
    }
}

/// A non-negative SQLite integer back to a Discord id.
fn id_from_sql(session: SessionId, name: &str, value: Option<i64>) -> Result<u64, StoreError> {
    let value = value.ok_or_else(|| corrupt(session, format!("{name} is missing")))?;
    u64::try_from(value).map_err(|_| corrupt(session, format!("{name} {value} is negative")))
}

fn u32_from_sql(session: SessionId, name: &str, value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt(session, format!("{name} {value} is out of range")))
}

pub(crate) fn session_from_row(row: &impl StoreRow) -> Result<SessionRecord, StoreError> {
    // The id comes first and through sqlx's own error: without it there is nothing to name.
    let id = SessionId(row.try_get::<i64>("id")?);

    let member_kind: String = column(row, id, "member_kind")?;
    let member = match member_kind.as_str() {
        "discord" => Member::Discord(UserId(id_from_sql(
            id,
            "member_id",
            column(row, id, "member_id")?,
        )?)),
        "local" => {
            let name: Option<String> = column(row, id, "member_name")?;
            Member::Local(name.ok_or_else(|| corrupt(id, "member_name is missing"))?)
        }
        other => return Err(corrupt(id, format!("unknown member_kind {other:?}"))),
    };

    let scope_kind: String = column(row, id, "scope_kind")?;
    let scope = match scope_kind.as_str() {
        "guild" => Scope::Guild {
            guild: GuildId(id_from_sql(id, "guild_id", column(row, id, "guild_id")?)?),
            channel: ChannelId(id_from_sql(
                id,
                "channel_id",
                column(row, id, "channel_id")?,
            )?),
        },
        "dm" => Scope::Dm,
        "local" => Scope::Local,
        other => return Err(corrupt(id, format!("unknown scope_kind {other:?}"))),
    };

    let path_text: String = column(row, id, "path")?;
    let path: Vec<String> = serde_json::from_str(&path_text).map_err(|e| {
        corrupt(
            id,
            format!("path {path_text:?} is not a JSON array of node ids: {e}"),
        )
    })?;

    let status_text: String = column(row, id, "status")?;
    let status = Status::parse(&status_text)
        .ok_or_else(|| corrupt(id, format!("unknown status {status_text:?}")))?;

    let state = State {
        node: column(row, id, "node")?,
        path,
        step: u32_from_sql(id, "step", column(row, id, "step")?)?,
        status,
    };

    Ok(SessionRecord {
        id,
        member,
        scope,
        guide_id: column(row, id, "guide_id")?,
        guide_version: GuideVersion(column(row, id, "guide_version")?),
        state,
        created_at: column(row, id, "created_at")?,
        updated_at: column(row, id, "updated_at")?,
    })
}

pub(crate) fn answer_from_row(row: &impl StoreRow) -> Result<AnswerRecord, StoreError> {
    let session = SessionId(row.try_get::<i64>("session_id")?);
    Ok(AnswerRecord {
        session,
        step: u32_from_sql(session, "answer step", column(row, session, "step")?)?,
        node: column(row, session, "node")?,
        choice: column(row, session, "choice")?,
        at: column(row, session, "at")?,
    })
}

/// Times and row ids are integers (SQLite INTEGER, PostgreSQL BIGINT): bound and read as such, so queries bind the domain
/// types directly and no column can hand back a bare integer by mistake.
macro_rules! integer_column {
    ($name:ident) => {
        impl Type<Sqlite> for $name {
            fn type_info() -> SqliteTypeInfo {
                <i64 as Type<Sqlite>>::type_info()
            }

            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <i64 as Type<Sqlite>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<SqliteArgumentValue<'q>>,
            ) -> Result<IsNull, BoxDynError> {
                <i64 as Encode<'q, Sqlite>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r> Decode<'r, Sqlite> for $name {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok($name(<i64 as Decode<'r, Sqlite>>::decode(value)?))
            }
        }

        // PostgreSQL: BIGINT, like every integer column of `migrations/postgres`.
        impl Type<Postgres> for $name {
            fn type_info() -> PgTypeInfo {
                <i64 as Type<Postgres>>::type_info()
            }

            fn compatible(ty: &PgTypeInfo) -> bool {
                <i64 as Type<Postgres>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Postgres> for $name {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <i64 as Encode<'q, Postgres>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r> Decode<'r, Postgres> for $name {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok($name(<i64 as Decode<'r, Postgres>>::decode(value)?))
            }
        }
    };
}

integer_column!(Timestamp);
integer_column!(SessionId);
integer_column!(HandoffId);
