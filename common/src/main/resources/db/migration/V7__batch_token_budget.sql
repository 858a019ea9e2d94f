-- Batch queue budgets: the prompt tokens a batch holds in the queue, estimated by the worker that validated its
-- lines; NULL until then, and for batches an adaptor runs natively. The active batches' sums per model and per user
-- are checked against the operator's budgets (GATEWAY_BATCH_QUEUE_TOKENS_PER_MODEL, ..._PER_USER).
ALTER TABLE batches ADD COLUMN enqueued_tokens BIGINT;

CREATE INDEX batches_enqueued_model_idx ON batches (model)
    WHERE enqueued_tokens IS NOT NULL AND status IN ('validating', 'in_progress', 'finalizing', 'cancelling');
CREATE INDEX batches_enqueued_user_idx ON batches (user_id)
    WHERE enqueued_tokens IS NOT NULL AND status IN ('validating', 'in_progress', 'finalizing', 'cancelling');
