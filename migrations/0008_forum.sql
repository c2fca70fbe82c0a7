-- The forum helper: which forum channels pitcrew answers new posts in, and the posts it has
-- taken, so a post is answered once however often Discord repeats its events.
--
-- Forward-only, like the others. Tables are STRICT; ids are Discord snowflakes as INTEGER.

-- One row per watched forum. Stopping the helper deletes the row: a forum not listed here is
-- never answered. `when_nothing_fits` is the moderator's choice for a post no guide fits: offer
-- a volunteer, or stay silent.
CREATE TABLE forum_watch (
    guild_id          INTEGER NOT NULL CHECK (guild_id >= 0),
    channel_id        INTEGER NOT NULL CHECK (channel_id >= 0),
    when_nothing_fits TEXT    NOT NULL CHECK (when_nothing_fits IN ('volunteer', 'silent')),
    updated_at        INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
) STRICT, WITHOUT ROWID;

-- A post pitcrew took on, keyed by its thread's id (which is also its starter message's id).
-- THREAD_CREATE and the starter's MESSAGE_CREATE both arrive, and either may come again after a
-- reconnect or a restart: whichever INSERT adds the row answers the post; every other finds it
-- here and does nothing.
CREATE TABLE forum_posts (
    thread_id  INTEGER PRIMARY KEY CHECK (thread_id >= 0),
    guild_id   INTEGER NOT NULL CHECK (guild_id >= 0),
    forum_id   INTEGER NOT NULL CHECK (forum_id >= 0),
    taken_at   INTEGER NOT NULL
) STRICT;
