-- The moderators' log channel: where pitcrew says what a moderator must fix, such as guide
-- content that failed `check` at a live reload (the running guides stay meanwhile).
--
-- Forward-only, like the others. NULL = no log channel: problems go to the process log only.
ALTER TABLE guild_settings ADD COLUMN log_channel_id INTEGER NULL CHECK (log_channel_id >= 0);
