-- The server's country or region, for the emergency numbers its screens give.
--
-- Forward-only, like 0001 and 0002. NULL = not chosen yet: each member's Discord locale decides
-- where it is clear, else the screens name the numbers side by side. The codes are exactly
-- those of `region::Region::code`; the CHECK keeps a typo from becoming a server whose
-- emergency screens the store cannot read back.
ALTER TABLE guild_settings ADD COLUMN region TEXT NULL CHECK (
    region IN ('US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'FR', 'NL', 'BE', 'ES', 'IT', 'AU',
               'NZ', 'OTHER')
);
