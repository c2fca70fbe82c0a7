-- The answer log is written by the advance's own UPDATE (issue 9, CPU per interaction): the
-- press that moves a session forward sets the answer it carries on the session row, and this
-- trigger appends it to `answers` in the same statement. One statement is atomic by itself in
-- SQLite, so a member's press is one statement and one round trip to the connection's thread
-- with no BEGIN and COMMIT around it (each statement of a query is a message back from that
-- thread, and each can wake a sleeping worker: the load benchmark counted them as the bot's
-- main cost beyond the floor bot's).
--
-- Only an advance moves `step` (the guarded UPDATE in store/sessions.rs; handoffs change the
-- status only), so every step forward logs exactly one answer, at the step it was drawn for
-- (OLD.step). An advance without answer columns set would insert NULLs into NOT NULL columns
-- and fail as a whole: no step forward without its answer.
--
-- Forward-only, like the others. Sessions from before keep NULL here; the columns only ever
-- hold the last answer, which the log holds too.
ALTER TABLE sessions ADD COLUMN answer_node TEXT NULL;
ALTER TABLE sessions ADD COLUMN answer_choice TEXT NULL;

CREATE TRIGGER sessions_log_answer
    AFTER UPDATE OF step ON sessions
    WHEN NEW.step > OLD.step
BEGIN
    INSERT INTO answers (session_id, step, node, choice, at)
    VALUES (NEW.id, OLD.step, NEW.answer_node, NEW.answer_choice, NEW.updated_at);
END;
