-- Issue 16: batch lines are dispatched by a scheduler, not published all at once. PostgreSQL holds every line's
-- request until it is dispatched (the queue is passive; flow control happens at dispatch), so the scheduler can pick
-- any batch's next line: earliest deadline first, users sharing an endpoint fairly, none while its model is down.
ALTER TABLE batch_lines ADD COLUMN url VARCHAR(64);
ALTER TABLE batch_lines ADD COLUMN body TEXT;

-- The dispatch cursor: lines up to dispatched_through (line numbers) are on the lines topic. last_line is the
-- batch's highest line number, so "more to dispatch" needs no scan of its lines.
ALTER TABLE batches ADD COLUMN last_line INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN dispatched_through INTEGER NOT NULL DEFAULT 0;
-- Why the batch's lines wait (an extension field of the Batch object), and since when.
ALTER TABLE batches ADD COLUMN waiting_reason VARCHAR(300);
ALTER TABLE batches ADD COLUMN waiting_since TIMESTAMPTZ;

-- One worker at a time leads dispatch; another takes over once the lease runs out.
CREATE TABLE scheduler_lease (
    id          SMALLINT     PRIMARY KEY CHECK (id = 1),
    holder      VARCHAR(200) NOT NULL,
    lease_until TIMESTAMPTZ  NOT NULL
);

-- Batches running when this version is installed had their lines published from their input: they get their
-- requests stored by the next repair (lines_published_at NULL makes the sweeper hand the submission back), and
-- their pending lines are dispatched again; a line run twice is still written once.
UPDATE batches SET lines_published_at = NULL
WHERE status = 'in_progress' AND native_status IS NULL;
