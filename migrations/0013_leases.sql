-- Leases for once-only periodic work (reminders, retention) when several bot processes share
-- this database: one row per job, held by one process until `until` (unix ms) unless renewed.
-- Forward-only, like the others. Taken and renewed by one guarded upsert (`Store::take_lease`).
CREATE TABLE leases (
    name   TEXT    NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
    holder TEXT    NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
    -- What the holder is in the deployment (its shard range): a restart in the same slot
    -- takes its crashed predecessor's lease at once.
    slot   TEXT    NOT NULL CHECK (length(slot) BETWEEN 1 AND 200),
    until  INTEGER NOT NULL
) STRICT;
