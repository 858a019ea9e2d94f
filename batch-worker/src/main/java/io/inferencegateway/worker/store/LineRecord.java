package io.inferencegateway.worker.store;

/**
 * The result of one line, as {@link LineRows#record} writes it.
 *
 * @param batchId          the batch
 * @param customId         the line
 * @param status           {@code completed} (a 2xx answer) or {@code failed}
 * @param responseStatus   the HTTP status of the answer, null when there was none (timeouts, cancelled lines)
 * @param responseBody     the answer's JSON (the model's body or an OpenAI error body), null when there was none
 * @param errorCode        for error lines: OpenAI's {@code error.code}
 * @param errorMessage     for error lines: what went wrong
 * @param promptTokens     prompt tokens used, null if unknown
 * @param completionTokens completion tokens used, null if unknown
 * @param requestId        the output line's {@code response.request_id}
 * @param attempts         calls made to the backend
 */
public record LineRecord(String batchId, String customId, String status, Integer responseStatus, String responseBody,
                         String errorCode, String errorMessage, Integer promptTokens, Integer completionTokens,
                         String requestId, int attempts) {

    public boolean succeeded() {
        return LineRows.COMPLETED.equals(status);
    }

    public LineRef ref() {
        return new LineRef(batchId, customId);
    }
}
