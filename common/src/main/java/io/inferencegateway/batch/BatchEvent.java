package io.inferencegateway.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of the batch events topic (key: the batch id): a batch changed status or made progress. For
 * dashboards, webhooks and anyone who would rather listen than poll.
 *
 * @param batchId   the batch
 * @param userId    its owner
 * @param status    the status after the change
 * @param total     lines in the batch
 * @param completed lines answered successfully so far
 * @param failed    lines failed so far
 * @param atMillis  when, in epoch milliseconds
 * @param note      what the scheduler says about the batch (why its lines wait, a deadline it may miss), or null
 *                  for a change of status or counts; a note's counts are zero, not the batch's
 */
public record BatchEvent(@JsonProperty("batch_id") String batchId, @JsonProperty("user_id") String userId,
                         @JsonProperty("status") BatchState status, @JsonProperty("total") int total,
                         @JsonProperty("completed") int completed, @JsonProperty("failed") int failed,
                         @JsonProperty("at") long atMillis,
                         @JsonProperty("note") @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

    /** A change of status or counts. */
    public BatchEvent(String batchId, String userId, BatchState status, int total, int completed, int failed,
                      long atMillis) {
        this(batchId, userId, status, total, completed, failed, atMillis, null);
    }
}
