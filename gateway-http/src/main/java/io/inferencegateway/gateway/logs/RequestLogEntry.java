package io.inferencegateway.gateway.logs;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code request_logs}: an inference call made on behalf of an access log row (FIRST's RequestLog and
 * RequestMetrics in one).
 *
 * @param id                       primary key
 * @param accessLogId              the {@link AccessLogEntry} of the HTTP request that made this call
 * @param userId                   who made it
 * @param cluster                  cluster name
 * @param framework                framework on that cluster, e.g. {@code vllm}
 * @param model                    model name as requested
 * @param openaiEndpoint           e.g. {@code /v1/chat/completions}
 * @param streaming                whether the response was streamed
 * @param statusCode               the upstream outcome as an HTTP status, null if there was none
 * @param taskUuid                 the backend's task id, null if it has none
 * @param timestampComputeRequest  when the call was sent upstream
 * @param timestampComputeResponse when the last byte came back, null if it never did
 * @param timeToFirstTokenMs       for streams, milliseconds until the first token, else null
 * @param promptTokens             usage as reported upstream, null if not reported
 * @param completionTokens         usage as reported upstream, null if not reported
 * @param totalTokens              usage as reported upstream, null if not reported
 * @param prompt                   the prompt text, stored truncated (see {@link LogSettings#maxTextLength()})
 * @param result                   the result text, stored truncated likewise
 */
public record RequestLogEntry(UUID id, UUID accessLogId, String userId, String cluster, String framework,
                              String model, String openaiEndpoint, boolean streaming, Integer statusCode,
                              String taskUuid, Instant timestampComputeRequest, Instant timestampComputeResponse,
                              Double timeToFirstTokenMs, Integer promptTokens, Integer completionTokens,
                              Integer totalTokens, String prompt, String result) implements LogEntry {

    public RequestLogEntry {
        // The NOT NULL columns, checked for the reason given in AccessLogEntry.
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accessLogId, "accessLogId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(openaiEndpoint, "openaiEndpoint");
        Objects.requireNonNull(timestampComputeRequest, "timestampComputeRequest");
    }
}
