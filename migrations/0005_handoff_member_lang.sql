-- The language the member reads pitcrew in, kept with their handoff so the volunteers' card (in
-- the server's language) can say it: a volunteer should not write English to a German reader.
--
-- Forward-only, like the others. NULL = opened before this migration, when nobody recorded
-- it: the card then says nothing, as it did. Not `NOT NULL DEFAULT 'en'`, which would claim
-- those earlier members read English although German guides had already shipped. Every
-- handoff opened from now on carries its code (`domain::LangCode::code`).
--
-- The CHECK bounds the shape only (a lower-case primary language subtag), like the makes of
-- 0004: SQLite cannot alter a CHECK without rebuilding this table, so adding a language stays a
-- code change; the store refuses a code it does not know when it reads the row back.
ALTER TABLE handoffs ADD COLUMN member_lang TEXT NULL CHECK (
    length(member_lang) BETWEEN 2 AND 3 AND member_lang NOT GLOB '*[^a-z]*'
);
