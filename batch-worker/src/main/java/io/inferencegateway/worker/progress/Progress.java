package io.inferencegateway.worker.progress;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.inferencegateway.batch.RecordedLines;

/**
 * One batch's running totals in the Streams state store.
 *
 * @param completed        lines answered successfully
 * @param failed           error lines
 * @param promptTokens     prompt tokens of all recorded lines
 * @param completionTokens completion tokens of all recorded lines
 */
public record Progress(@JsonProperty("completed") int completed, @JsonProperty("failed") int failed,
                       @JsonProperty("prompt_tokens") long promptTokens,
                       @JsonProperty("completion_tokens") long completionTokens) {

    public static final Progress NONE = new Progress(0, 0, 0, 0);

    public Progress plus(RecordedLines lines) {
        return new Progress(completed + lines.completed(), failed + lines.failed(),
                promptTokens + lines.promptTokens(), completionTokens + lines.completionTokens());
    }

    public int done() {
        return completed + failed;
    }
}
