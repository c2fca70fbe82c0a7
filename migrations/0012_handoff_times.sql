-- The figures' handoff times (`pitcrew stats`): when a handoff was first claimed, how many
-- re-notifications had gone out by then, and when it was resolved.
--
-- Forward-only, like the others. All NULL on rows from before this migration (their times were
-- never recorded; the figures leave them out of the times and say how many they could not
-- measure) and on handoffs not claimed / not resolved yet.
--
-- first_claimed_at and notices_at_claim are written by the FIRST claim only (a release and a
-- new claim keep them): the figure is how long a member waited for anyone. notices_at_claim is
-- notify_count at that moment (0 = claimed before the first reminder), bounded like it.
ALTER TABLE handoffs ADD COLUMN first_claimed_at INTEGER NULL;
ALTER TABLE handoffs ADD COLUMN notices_at_claim INTEGER NULL
    CHECK (notices_at_claim BETWEEN 0 AND 3);
ALTER TABLE handoffs ADD COLUMN resolved_at INTEGER NULL;
