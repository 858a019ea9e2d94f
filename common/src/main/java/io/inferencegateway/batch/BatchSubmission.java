package io.inferencegateway.batch;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of the submissions topic (key: the batch id): "this batch row is ready to run". Everything else is in
 * PostgreSQL, so the record is tiny and can be re-published any number of times; workers act on it idempotently.
 *
 * @param batchId the batch's id
 */
public record BatchSubmission(@JsonProperty("batch_id") String batchId) {
}
