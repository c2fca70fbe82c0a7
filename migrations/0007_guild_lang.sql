-- The server's language, which volunteers' cards and the lines around them are written in.
--
-- Forward-only, like the others. Taken from the `guild_locale` Discord sends with a
-- moderator's `/pitcrew setup`, kept only when pitcrew speaks it. NULL = English, as before
-- this column (servers set up earlier keep English cards until a moderator runs setup again).
-- The codes are exactly those of `LangCode::code`; the CHECK keeps a typo from becoming a
-- server whose setup the store cannot read back.
ALTER TABLE guild_settings ADD COLUMN lang TEXT NULL CHECK (lang IN ('en', 'de'));
