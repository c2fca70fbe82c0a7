-- The server's country or region, for the emergency numbers its screens give.
--
-- Forward-only, like 0001 and 0002. NULL = not chosen yet: each member's Discord locale decides
-- where it is clear, else the screens name the numbers side by side. The codes are exactly
-- those of `region::Region::code`; a typo must not become a server whose emergency screens
-- the store cannot read back.
--
-- Triggers, not a CHECK on the new column: SQLite accepts `ADD COLUMN … CHECK`, but a
-- database migrated that way kept its -wal/-shm files after the last connection closed
-- (tests/store_close.rs), which is how we see that every connection was closed.
ALTER TABLE guild_settings ADD COLUMN region TEXT NULL;

CREATE TRIGGER guild_settings_region_insert BEFORE INSERT ON guild_settings
WHEN NEW.region IS NOT NULL AND NEW.region NOT IN
    ('US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'FR', 'NL', 'BE', 'ES', 'IT', 'AU', 'NZ', 'OTHER')
BEGIN
    SELECT RAISE(ABORT, 'guild_settings.region is not a known region code');
END;

CREATE TRIGGER guild_settings_region_update BEFORE UPDATE OF region ON guild_settings
WHEN NEW.region IS NOT NULL AND NEW.region NOT IN
    ('US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'FR', 'NL', 'BE', 'ES', 'IT', 'AU', 'NZ', 'OTHER')
BEGIN
    SELECT RAISE(ABORT, 'guild_settings.region is not a known region code');
END;
