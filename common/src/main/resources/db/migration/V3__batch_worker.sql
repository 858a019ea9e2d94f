-- Batch-worker bookkeeping: markers and leases that let any number of workers share batches safely.
ALTER TABLE batches
    -- When a worker last published the batch's lines; NULL while they still have to be (re)published.
    ADD COLUMN lines_published_at   TIMESTAMPTZ,
    -- Sweeper lease: nobody re-publishes this batch's submission before then.
    ADD COLUMN repair_after         TIMESTAMPTZ,
    -- Native-batch poller lease: nobody asks the adaptor about this batch before then.
    ADD COLUMN native_poll_after    TIMESTAMPTZ,
    -- The terminal status the finalizer is writing files for (completed, cancelled or expired); set by its first claim.
    ADD COLUMN finalize_target      VARCHAR(16),
    -- Finalizer lease: another worker may take the finalization over after this.
    ADD COLUMN finalize_lease_until TIMESTAMPTZ;

CREATE INDEX batches_native_poll_idx ON batches (native_poll_after NULLS FIRST)
    WHERE native_status IN ('pending', 'running');

ALTER TABLE batch_lines
    -- The request id of the output line (response.request_id).
    ADD COLUMN request_id VARCHAR(64),
    -- Which worker recorded the result, for operators (and the tests that split a batch between workers).
    ADD COLUMN worker_id  VARCHAR(100);
