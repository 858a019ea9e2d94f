package io.inferencegateway.gateway.batches;

import io.inferencegateway.batch.BatchEvent;

/**
 * Tells the workers about batches. Publishing never fails a request: a batch row that is written is accepted, and
 * what was not published is repaired from PostgreSQL by the workers' sweeper.
 */
public interface BatchPublisher {

    /** Publishes a {@code BatchSubmission} for the batch; false (logged) if Kafka did not take it. */
    boolean submitted(String batchId);

    /** Publishes a status change; false (logged) if Kafka did not take it. */
    boolean changed(BatchEvent event);
}
