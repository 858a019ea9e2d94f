package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.limits.Usage;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to one inference request, for logs and accounting.
 *
 * @param requestId         the gateway's id for this inference (passed to adaptors as the request log id)
 * @param accessLogId       the id of the HTTP request that carried it
 * @param user              the caller
 * @param target            where it went (the last candidate tried)
 * @param openaiEndpoint    the OpenAI route
 * @param streaming         whether it was a stream
 * @param status            the HTTP status the client got (200 for a stream that started)
 * @param taskId            the backend's task id, if any
 * @param request           the request body as sent by the client
 * @param result            the response body, or the error message; null for streams
 * @param usage             tokens counted
 * @param started           when the gateway started calling the backend
 * @param finished          when the answer was complete
 * @param timeToFirstTokenMs for streams, time to the first event; otherwise null
 */
public record CompletedInference(UUID requestId, UUID accessLogId, User user, Target target, String openaiEndpoint, boolean streaming,
                                 int status, String taskId, ObjectNode request, String result, Usage usage,
                                 Instant started, Instant finished, Double timeToFirstTokenMs) {
}
