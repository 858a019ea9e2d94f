package io.inferencegateway.batch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of the results topic (key: the batch id, so one batch's results meet in one partition for aggregation):
 * lines of one batch whose results one database write recorded. It is published only by the worker whose write
 * recorded them first, so each line is counted exactly once. One record per batch and write rather than per line:
 * the progress stream and the broker then do a lane's work once, not once per line.
 *
 * @param batchId          the batch
 * @param completed        lines answered with a 2xx (output lines)
 * @param failed           error lines
 * @param promptTokens     prompt tokens the lines used, 0 where unknown
 * @param completionTokens completion tokens the lines used, 0 where unknown
 */
public record RecordedLines(@JsonProperty("batch_id") String batchId, @JsonProperty("completed") int completed,
                            @JsonProperty("failed") int failed, @JsonProperty("prompt_tokens") long promptTokens,
                            @JsonProperty("completion_tokens") long completionTokens) {

    /** No line of {@code batchId} yet. */
    public static RecordedLines none(String batchId) {
        return new RecordedLines(batchId, 0, 0, 0, 0);
    }

    /**
     * Reads a record as this version writes it, or as versions before it did, one line a record ({@code custom_id}
     * and {@code succeeded}, without counts): results still on the topic across an upgrade are counted.
     */
    @JsonCreator
    static RecordedLines read(@JsonProperty("batch_id") String batchId, @JsonProperty("completed") Integer completed,
                              @JsonProperty("failed") Integer failed, @JsonProperty("succeeded") Boolean succeeded,
                              @JsonProperty("prompt_tokens") long promptTokens,
                              @JsonProperty("completion_tokens") long completionTokens) {
        if (completed == null && failed == null && succeeded != null) {
            return new RecordedLines(batchId, succeeded ? 1 : 0, succeeded ? 0 : 1, promptTokens, completionTokens);
        }
        return new RecordedLines(batchId, completed == null ? 0 : completed, failed == null ? 0 : failed,
                promptTokens, completionTokens);
    }

    /** These lines and one more, answered or not, with its tokens. */
    public RecordedLines plusLine(boolean succeeded, int promptTokens, int completionTokens) {
        return new RecordedLines(batchId, completed + (succeeded ? 1 : 0), failed + (succeeded ? 0 : 1),
                this.promptTokens + promptTokens, this.completionTokens + completionTokens);
    }

    /** Lines accounted for, answered or not. */
    public int lines() {
        return completed + failed;
    }
}
