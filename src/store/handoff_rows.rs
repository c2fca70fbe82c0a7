//! Row ↔ domain conversions for handoffs, server setup and duty. Like `rows.rs`: whatever the
//! database hands back is checked here and becomes `StoreError::CorruptRecord` when it does not
//! fit, so no stored value can panic the bot.

use std::time::Duration;

use super::rows::{Column, StoreRow};

use super::StoreError;
use crate::domain::SessionId;
use crate::domain::{
    GuildId, GuildSetup, Handoff, HandoffId, HandoffStatus, LangCode, Rating, Region, UserId,
    RENOTIFY_MAX,
};

/// The `handoffs` columns every query selects or returns, in one place so the decoder below and
/// the SQL cannot drift apart. A macro so it can be `concat!`ed into `&'static str` queries.
macro_rules! handoff_columns {
    () => {
        "id, session_id, guild_id, member_id, urgent, member_lang, status, member_note, \
         thread_id, card_channel_id, card_message_id, claimed_by, resolution_note, rating, \
         member_left, notify_count, next_notify_at, created_at, updated_at"
    };
}
pub(crate) use handoff_columns;

/// The `guild_settings` columns, for the same reason.
macro_rules! setup_columns {
    () => {
        "guild_id, volunteer_role_id, cards_channel_id, help_channel_id, renotify_secs, \
         permission_problem, region, lang, log_channel_id"
    };
}
pub(crate) use setup_columns;

/// The live statuses, spelled exactly as the partial index `handoffs_queue` spells them so SQLite
/// can use it.
macro_rules! live {
    () => {
        "status IN ('open', 'claimed')"
    };
}
pub(crate) use live;

/// The longest member note or resolution note kept, in characters (Unicode scalar values, which
/// is what SQLite's `length()` counts in the CHECKs of `0002_handoffs.sql`).
pub const NOTE_MAX_CHARS: usize = 1000;

/// The shortest re-notify interval kept (tests use a second or two; the setup UI speaks minutes).
pub const RENOTIFY_MIN: Duration = Duration::from_secs(1);
/// The longest re-notify interval kept: a week (the CHECK in `0002_handoffs.sql`).
pub const RENOTIFY_LIMIT: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// A person's note as stored: `None` for nothing or only whitespace, otherwise verbatim, and
/// refused over [`NOTE_MAX_CHARS`].
pub(crate) fn note_to_sql<'a>(
    what: &'static str,
    note: Option<&'a str>,
) -> Result<Option<&'a str>, StoreError> {
    let Some(note) = note.filter(|n| !n.trim().is_empty()) else {
        return Ok(None);
    };
    let chars = note.chars().count();
    if chars > NOTE_MAX_CHARS {
        return Err(StoreError::TooLong {
            what,
            chars,
            max: NOTE_MAX_CHARS,
        });
    }
    Ok(Some(note))
}

/// The interval as stored: whole seconds (a fraction is dropped), within the bounds.
pub(crate) fn renotify_to_sql(value: Duration) -> Result<i64, StoreError> {
    if value < RENOTIFY_MIN || value.as_secs() > RENOTIFY_LIMIT.as_secs() {
        return Err(StoreError::DurationOutOfRange {
            what: "the re-notify interval",
            value,
            min: RENOTIFY_MIN,
            max: RENOTIFY_LIMIT,
        });
    }
    // Bounded by a week above, so this always fits.
    Ok(i64::try_from(value.as_secs()).unwrap_or(i64::MAX))
}

fn corrupt(record: &str, what: impl Into<String>) -> StoreError {
    StoreError::CorruptRecord {
        record: record.to_string(),
        what: what.into(),
    }
}

/// Reads one column, turning a type mismatch or unexpected NULL into `CorruptRecord`.
fn column<T: Column>(row: &impl StoreRow, record: &str, name: &str) -> Result<T, StoreError> {
    row.try_get::<T>(name)
        .map_err(|e| corrupt(record, format!("column {name}: {e}")))
}

fn read_id<T: From<u64>>(record: &str, row: &impl StoreRow, name: &str) -> Result<T, StoreError> {
    let value: i64 = column(row, record, name)?;
    u64::try_from(value)
        .map(T::from)
        .map_err(|_| corrupt(record, format!("{name} {value} is negative")))
}

fn optional_id<T: From<u64>>(
    record: &str,
    row: &impl StoreRow,
    name: &str,
) -> Result<Option<T>, StoreError> {
    let value: Option<i64> = column(row, record, name)?;
    value
        .map(|v| {
            u64::try_from(v)
                .map(T::from)
                .map_err(|_| corrupt(record, format!("{name} {v} is negative")))
        })
        .transpose()
}

fn flag(record: &str, row: &impl StoreRow, name: &str) -> Result<bool, StoreError> {
    match column::<i64>(row, record, name)? {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(corrupt(
            record,
            format!("{name} {other} is neither 0 nor 1"),
        )),
    }
}

pub(crate) fn handoff_from_row(row: &impl StoreRow) -> Result<Handoff, StoreError> {
    // The id comes first and through sqlx's own error: without it there is nothing to name.
    let id = HandoffId(row.try_get::<i64>("id")?);
    let record = format!("handoff {id}");
    let r = record.as_str();

    let status_text: String = column(row, r, "status")?;
    let status = HandoffStatus::parse(&status_text)
        .ok_or_else(|| corrupt(r, format!("unknown status {status_text:?}")))?;

    let rating = column::<Option<String>>(row, r, "rating")?
        .map(|text| {
            Rating::parse(&text).ok_or_else(|| corrupt(r, format!("unknown rating {text:?}")))
        })
        .transpose()?;

    let count: i64 = column(row, r, "notify_count")?;
    let notify_count = u32::try_from(count)
        .ok()
        .filter(|c| *c <= RENOTIFY_MAX)
        .ok_or_else(|| corrupt(r, format!("notify_count {count} is out of range")))?;

    let claimed_by = optional_id(r, row, "claimed_by")?;
    match (status, claimed_by) {
        (HandoffStatus::Claimed, None) => {
            return Err(corrupt(r, "claimed but claimed_by is missing"))
        }
        (HandoffStatus::Open, Some(_)) => return Err(corrupt(r, "open but claimed_by is set")),
        _ => {}
    }

    Ok(Handoff {
        id,
        session: SessionId(column(row, r, "session_id")?),
        guild: read_id(r, row, "guild_id")?,
        member: read_id(r, row, "member_id")?,
        urgent: flag(r, row, "urgent")?,
        member_lang: lang_from_sql(r, column(row, r, "member_lang")?)?,
        status,
        member_note: column(row, r, "member_note")?,
        thread: optional_id(r, row, "thread_id")?,
        card_channel: optional_id(r, row, "card_channel_id")?,
        card_message: optional_id(r, row, "card_message_id")?,
        claimed_by,
        resolution_note: column(row, r, "resolution_note")?,
        rating,
        member_left: flag(r, row, "member_left")?,
        notify_count,
        next_notify_at: column(row, r, "next_notify_at")?,
        created_at: column(row, r, "created_at")?,
        updated_at: column(row, r, "updated_at")?,
    })
}

pub(crate) fn setup_from_row(row: &impl StoreRow) -> Result<GuildSetup, StoreError> {
    let guild_raw = row.try_get::<i64>("guild_id")?;
    let record = format!("the setup of server {guild_raw}");
    let r = record.as_str();

    let secs: i64 = column(row, r, "renotify_secs")?;
    let renotify = u64::try_from(secs)
        .ok()
        .filter(|s| *s >= 1)
        .map(Duration::from_secs)
        .ok_or_else(|| corrupt(r, format!("renotify_secs {secs} is out of range")))?;

    Ok(GuildSetup {
        guild: read_id(r, row, "guild_id")?,
        volunteer_role: optional_id(r, row, "volunteer_role_id")?,
        cards_channel: optional_id(r, row, "cards_channel_id")?,
        help_channel: optional_id(r, row, "help_channel_id")?,
        renotify,
        permission_problem: column(row, r, "permission_problem")?,
        region: region_from_sql(r, column(row, r, "region")?)?,
        lang: lang_from_sql(r, column(row, r, "lang")?)?,
        log_channel: optional_id(r, row, "log_channel_id")?,
    })
}

/// `guild_settings.region`: NULL, or a code of `Region` (the migration's CHECK lists them).
fn region_from_sql(record: &str, code: Option<String>) -> Result<Option<Region>, StoreError> {
    code.map(|c| {
        Region::parse(&c).ok_or_else(|| corrupt(record, format!("region `{c}` is not a region")))
    })
    .transpose()
}

/// `handoffs.member_lang` or `guild_settings.lang`: NULL (written before 0005 / 0007, or, for a
/// server, a language pitcrew does not speak), or a code of [`LangCode`]. A code this
/// build does not know (written by a newer one) is refused, never guessed as English.
fn lang_from_sql(record: &str, code: Option<String>) -> Result<Option<LangCode>, StoreError> {
    code.map(|c| {
        LangCode::parse(&c).ok_or_else(|| {
            corrupt(
                record,
                format!("language `{c}` is not one this build knows"),
            )
        })
    })
    .transpose()
}

/// One `volunteers_on_duty.user_id`.
pub(crate) fn duty_user_from_row(guild: GuildId, row: &impl StoreRow) -> Result<UserId, StoreError> {
    read_id(
        &format!("the duty roster of server {guild}"),
        row,
        "user_id",
    )
}
