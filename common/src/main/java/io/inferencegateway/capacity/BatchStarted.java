package io.inferencegateway.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A batch's lines are stored and it is in progress: new batch load. The worker that validated it says so, and the
 * leading worker reads the batches in progress at once instead of at its next periodic read, so the first lines go
 * out within a tick.
 *
 * @param sender   the worker that put the batch in progress
 * @param atMillis when
 * @param batchId  the batch
 */
public record BatchStarted(@JsonProperty("sender") String sender, @JsonProperty("at") long atMillis,
                           @JsonProperty("batch_id") String batchId) implements CapacityMessage {
}
