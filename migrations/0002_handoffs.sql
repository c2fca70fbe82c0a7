-- Volunteer handoffs: per-server setup, volunteers on duty, and the handoffs themselves.
--
-- Forward-only, like 0001: once released this file never changes; later changes go in new
-- numbered files. Tables are STRICT and every status/column combination the code relies on is
-- pinned by a CHECK, so a row the store reads back always means exactly one thing.
--
-- Discord ids are stored as INTEGER (i64); real snowflakes use 63 bits, so they are >= 0 and the
-- store refuses larger ones before they get here. Times are unix milliseconds supplied by the
-- application, so tests control the clock.

-- One row per server, written by the moderators' setup command. A row may exist with parts
-- missing (NULL): the status screen lists what is still to set, and the permission problem is
-- recorded even before anything is set up.
CREATE TABLE guild_settings (
    guild_id           INTEGER PRIMARY KEY CHECK (guild_id >= 0),
    volunteer_role_id  INTEGER NULL CHECK (volunteer_role_id >= 0),
    cards_channel_id   INTEGER NULL CHECK (cards_channel_id >= 0),
    help_channel_id    INTEGER NULL CHECK (help_channel_id >= 0),
    -- Whole seconds (the setup UI speaks minutes; tests use a second or two). Upper bound: a
    -- week, so a typo cannot silently mean "never re-notify".
    renotify_secs      INTEGER NOT NULL DEFAULT 600 CHECK (renotify_secs BETWEEN 1 AND 604800),
    -- The Discord permission the bot last found missing here, in words; NULL = all fine. Kept
    -- so the status screen can name it and the log mentions it once, not on every press.
    permission_problem TEXT    NULL,
    updated_at         INTEGER NOT NULL
) STRICT;

-- Volunteers who said "/volunteer duty on": mentioned by name on urgent cards. No row = off duty.
CREATE TABLE volunteers_on_duty (
    guild_id INTEGER NOT NULL CHECK (guild_id >= 0),
    user_id  INTEGER NOT NULL CHECK (user_id >= 0),
    -- When the shift began; going on duty twice keeps the first time (oldest shift first).
    since    INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE handoffs (
    -- AUTOINCREMENT: handoff ids are printed into the card's button ids (Claim, Release, …),
    -- which live on in Discord for ever, so an id must never be handed out twice.
    id              INTEGER PRIMARY KEY AUTOINCREMENT,

    -- One handoff per session: asking twice (a double click, a retried interaction) finds the
    -- first one instead of posting a second card. It goes with its session, like the answers.
    session_id      INTEGER NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
    guild_id        INTEGER NOT NULL CHECK (guild_id >= 0),
    member_id       INTEGER NOT NULL CHECK (member_id >= 0),
    -- Someone may be in danger (an `emergency` outcome): sorts first, looks distinct.
    urgent          INTEGER NOT NULL CHECK (urgent IN (0, 1)),

    status          TEXT    NOT NULL CHECK (status IN ('open', 'claimed', 'resolved', 'cancelled')),

    -- Free text from people, stored verbatim and bounded (the store refuses longer text with a
    -- clear error before it gets here; the UI caps it lower still). length() counts characters.
    member_note     TEXT    NULL CHECK (length(member_note) <= 1000),

    -- Where the handoff lives in Discord: the private thread, and the card (channel + message,
    -- both or neither).
    thread_id       INTEGER NULL CHECK (thread_id >= 0),
    card_channel_id INTEGER NULL CHECK (card_channel_id >= 0),
    card_message_id INTEGER NULL CHECK (card_message_id >= 0),

    -- The volunteer who has it. Required while claimed, absent while open; a resolved or
    -- cancelled handoff keeps whoever had it last, for the record.
    claimed_by      INTEGER NULL CHECK (claimed_by >= 0),

    resolution_note TEXT    NULL CHECK (length(resolution_note) <= 1000),
    -- The member's "Did this solve it?", once, and only after it was resolved.
    rating          TEXT    NULL CHECK (rating IN ('solved', 'not_solved')),
    member_left     INTEGER NOT NULL DEFAULT 0 CHECK (member_left IN (0, 1)),

    -- Re-notification timer. It lives here, not in memory, so a restart neither loses an
    -- overdue notice nor sends it twice: the store hands out the right to send notice
    -- number n + 1 only while notify_count = n (see `Store::take_notice`).
    -- 3 = handoff::RENOTIFY_MAX (re-notifications after the first ping).
    notify_count    INTEGER NOT NULL DEFAULT 0 CHECK (notify_count BETWEEN 0 AND 3),
    next_notify_at  INTEGER NULL,

    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,

    CHECK (status <> 'claimed' OR claimed_by IS NOT NULL),
    CHECK (status <> 'open' OR claimed_by IS NULL),
    CHECK (rating IS NULL OR status = 'resolved'),
    CHECK (resolution_note IS NULL OR status = 'resolved'),
    -- Only an unclaimed handoff waits for a notice, and none follows the last one: the timer
    -- never wakes for a handoff it could not act on.
    CHECK (next_notify_at IS NULL OR (status = 'open' AND notify_count < 3)),
    CHECK ((card_channel_id IS NULL) = (card_message_id IS NULL))
) STRICT;

-- `/volunteer queue`: live handoffs of one server, urgent first, then oldest. The store's query
-- uses this very WHERE clause so SQLite can answer it from the index, already in order.
CREATE INDEX handoffs_queue
    ON handoffs (guild_id, urgent DESC, created_at, id)
    WHERE status IN ('open', 'claimed');

-- The re-notify timer: due notices and the earliest one (to sleep exactly until it).
CREATE INDEX handoffs_due
    ON handoffs (next_notify_at)
    WHERE status = 'open';

-- A member's handoffs in a server (the live one for `/triage cancel`, leaving the server).
CREATE INDEX handoffs_member
    ON handoffs (guild_id, member_id, created_at);
