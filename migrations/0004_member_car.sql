-- The member's car, told once (`/car set`, `pitcrew chat --car`): one row per member, replaced
-- when they change it and deleted when they ask (`/car forget`).
--
-- Forward-only, like the others. Members are keyed as in `sessions`: a Discord user by id, a
-- terminal user by name, exactly one of the two. Make and key type are the names the code's
-- closed vocabularies write (`domain::car`); the CHECKs only bound them, so adding a make is a
-- code change, not a migration. The store refuses a row it cannot read back as a car.
CREATE TABLE member_cars (
    member_kind TEXT    NOT NULL CHECK (member_kind IN ('discord', 'local')),
    member_id   INTEGER NULL CHECK (member_id >= 0),
    member_name TEXT    NULL,
    make        TEXT    NOT NULL CHECK (length(make) BETWEEN 1 AND 20),
    -- Free text, shown to volunteers; bounded like the domain type (40 characters).
    model       TEXT    NULL CHECK (length(model) BETWEEN 1 AND 40),
    year        INTEGER NULL CHECK (year BETWEEN 1950 AND 2100),
    key_type    TEXT    NULL CHECK (length(key_type) BETWEEN 1 AND 20),
    updated_at  INTEGER NOT NULL,
    CHECK ((member_kind = 'discord') = (member_id IS NOT NULL)),
    CHECK ((member_kind = 'local') = (member_name IS NOT NULL))
) STRICT;

-- One car per member; the same sentinel folding as `sessions_one_active`.
CREATE UNIQUE INDEX member_cars_one
    ON member_cars (member_kind, coalesce(member_id, -1), coalesce(member_name, ''));
