-- A batch's lines hold every request and answer until the batch ends; then its output and error files hold the
-- answers for good, and the lines serve only the web console's recent history (at most 7 days back). Workers remove
-- the lines of batches that ended longer ago than GATEWAY_WORKER_LINES_RETENTION_DAYS (default 30), a batch at a
-- time, and mark the batch so that it is never looked at again: without that, batch_lines grew by every line ever run.
ALTER TABLE batches ADD COLUMN lines_removed_at TIMESTAMPTZ;

-- The batches whose lines are still kept after they ended, oldest end first: what the workers' sweep reads.
CREATE INDEX batches_lines_kept_idx ON batches ((coalesce(completed_at, failed_at, expired_at, cancelled_at)))
    WHERE lines_removed_at IS NULL AND status IN ('completed', 'failed', 'expired', 'cancelled');
