package io.inferencegateway.batch;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of the results topic (key: the batch id, so one batch's results meet in one partition for
 * aggregation): one line accounted for, exactly once per (batch, custom id) — it is published only by the worker
 * whose database write recorded the line's result first.
 *
 * @param batchId          the batch
 * @param customId         the line
 * @param succeeded        true for a 2xx answer (an output line), false for an error line
 * @param promptTokens     prompt tokens used, 0 if unknown
 * @param completionTokens completion tokens used, 0 if unknown
 */
public record LineResult(@JsonProperty("batch_id") String batchId, @JsonProperty("custom_id") String customId,
                         @JsonProperty("succeeded") boolean succeeded, @JsonProperty("prompt_tokens") int promptTokens,
                         @JsonProperty("completion_tokens") int completionTokens) {
}
