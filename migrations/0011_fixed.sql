-- "Did this fix it?": the member's answer on a resolved outcome, once per session.
--
-- Forward-only, like the others. NULL: not asked yet, or not answered (the figures count it as
-- no answer); 1 yes; 0 no (the member was offered a volunteer). Set once: the store writes it
-- only while it is NULL, so a second press (or a forged one) changes nothing.
ALTER TABLE sessions ADD COLUMN fixed INTEGER NULL CHECK (fixed IN (0, 1));
