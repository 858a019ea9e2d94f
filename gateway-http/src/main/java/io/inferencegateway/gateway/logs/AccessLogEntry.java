package io.inferencegateway.gateway.logs;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code access_logs}: an HTTP request as the gateway saw it, authenticated or not (FIRST's AccessLog).
 *
 * @param id                primary key, also the request's access id in the structured logs
 * @param userId            who made the request, null when it was not authenticated
 * @param timestampRequest  when the request arrived
 * @param timestampResponse when the response was complete, null if it never was
 * @param apiRoute          the request path
 * @param method            the HTTP method
 * @param originIp          the client address (first X-Forwarded-For, else the peer), null if unknown
 * @param statusCode        the HTTP status sent
 * @param error             the error body for a status of 400 and above, else null
 */
public record AccessLogEntry(UUID id, String userId, Instant timestampRequest, Instant timestampResponse,
                             String apiRoute, String method, String originIp, int statusCode, String error)
        implements LogEntry {

    public AccessLogEntry {
        // Only the NOT NULL columns are checked: a null here is a caller's bug, better found in its tests than as
        // a row the database refuses long after the request.
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestampRequest, "timestampRequest");
        Objects.requireNonNull(apiRoute, "apiRoute");
        Objects.requireNonNull(method, "method");
    }
}
