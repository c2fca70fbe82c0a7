-- Sessions and their append-only answer log.
--
-- Forward-only: once released, this file never changes (sqlx records its checksum and refuses a
-- database whose applied migration differs). Later changes go in new numbered files.
--
-- Tables are STRICT so a wrong type is refused at write time instead of being read back later as
-- a surprise; every kind/column combination is pinned by CHECKs so a row always maps to exactly
-- one `Member` and one `Scope`.

CREATE TABLE sessions (
    -- AUTOINCREMENT: session ids are printed into Discord button ids that live on for ever, so
    -- an id must never be handed out twice, even after the newest session is deleted.
    id            INTEGER PRIMARY KEY AUTOINCREMENT,

    -- Who: a Discord user (member_id) or a terminal user (member_name).
    member_kind   TEXT    NOT NULL CHECK (member_kind IN ('discord', 'local')),
    member_id     INTEGER NULL     CHECK (member_id >= 0),
    member_name   TEXT    NULL,

    -- Where: a server channel (guild_id, channel_id), a DM with the bot, or the terminal.
    scope_kind    TEXT    NOT NULL CHECK (scope_kind IN ('guild', 'dm', 'local')),
    guild_id      INTEGER NULL     CHECK (guild_id >= 0),
    channel_id    INTEGER NULL     CHECK (channel_id >= 0),

    -- Which guide, and which version of its file, the session is walking.
    guide_id      TEXT    NOT NULL,
    guide_version TEXT    NOT NULL,

    -- The engine's State: current node, nodes visited before it (JSON array of node ids, oldest
    -- first), the step counter that guards concurrent presses, and the status.
    node          TEXT    NOT NULL,
    path          TEXT    NOT NULL DEFAULT '[]'
                  CHECK (CASE WHEN json_valid(path) THEN json_type(path) = 'array' ELSE 0 END),
    step          INTEGER NOT NULL CHECK (step BETWEEN 0 AND 4294967295),
    status        TEXT    NOT NULL
                  CHECK (status IN ('active', 'resolved', 'escalated', 'emergency', 'abandoned')),

    -- Unix time in milliseconds, supplied by the application (tests control the clock).
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,

    CHECK (
        (member_kind = 'discord' AND member_id IS NOT NULL AND member_name IS NULL)
        OR (member_kind = 'local' AND member_id IS NULL AND member_name IS NOT NULL)
    ),
    CHECK (
        (scope_kind = 'guild' AND guild_id IS NOT NULL AND channel_id IS NOT NULL)
        OR (scope_kind IN ('dm', 'local') AND guild_id IS NULL AND channel_id IS NULL)
    )
) STRICT;

-- At most one active session per member and scope. NULLs are distinct in a unique index, so the
-- nullable columns are folded to sentinels that no real value can take (ids are >= 0; a local
-- member's name is compared as text, a Discord member's as '' since member_kind differs anyway).
-- The store's lookup uses these very expressions so SQLite can answer it from this index.
CREATE UNIQUE INDEX sessions_one_active
    ON sessions (
        member_kind,
        coalesce(member_id, -1),
        coalesce(member_name, ''),
        scope_kind,
        coalesce(guild_id, -1),
        coalesce(channel_id, -1)
    )
    WHERE status = 'active';

CREATE TABLE answers (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    -- The session's step counter when the choice was made (the step the button was drawn for).
    step        INTEGER NOT NULL CHECK (step BETWEEN 0 AND 4294967295),
    node        TEXT    NOT NULL,
    -- The label pressed, or one of the built-in "Back" / "Start over" / "Talk to a volunteer".
    choice      TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    -- Steps only move forward and a step is applied once, so one answer per step; this also
    -- indexes the log in order for `answers(session)`.
    UNIQUE (session_id, step)
) STRICT;

-- The log is append-only: what a member answered is the context a volunteer relies on, so no
-- code path may rewrite it. Rows may disappear only together with their session (the cascade
-- above runs after the parent row is gone, so the WHEN clause lets it through).
CREATE TRIGGER answers_no_update
    BEFORE UPDATE ON answers
BEGIN
    SELECT RAISE(ABORT, 'answers are append-only');
END;

CREATE TRIGGER answers_no_delete
    BEFORE DELETE ON answers
    WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id)
BEGIN
    SELECT RAISE(ABORT, 'answers are append-only: delete the session instead');
END;
