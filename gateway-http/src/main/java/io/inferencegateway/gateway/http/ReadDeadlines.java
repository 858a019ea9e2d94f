package io.inferencegateway.gateway.http;

import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ServerConnector;

/**
 * How long a client may take to send its request, so that slow clients cannot hold connections and threads
 * (issue 14: 200 connections trickling header bytes all stayed open).
 *
 * @param head     from a connection's opening, or a kept-alive connection's first byte of its next request, until
 *                 the request line and headers are complete; then the connection is closed
 * @param idleBody the longest pause while the gateway waits for more of a request body (and, likewise, for a client
 *                 to take more of an answer); then the request fails with a 408 and the connection is closed. A
 *                 request the gateway is still working on (a slow backend) or streaming to (heartbeats every
 *                 second) is not idle.
 */
public record ReadDeadlines(Duration head, Duration idleBody) {

    public static final ReadDeadlines DEFAULT = new ReadDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10));

    public ReadDeadlines {
        requirePositive(head, "head");
        requirePositive(idleBody, "idleBody");
    }

    /** Puts both deadlines on a connector and the HTTP configuration it serves with. */
    void applyTo(ServerConnector connector, HttpConfiguration http) {
        connector.addBean(new HeadDeadline(head, connector.getScheduler()));
        // Jetty applies this idle timeout while a request is handled, the connector's own between requests.
        http.setIdleTimeout(idleBody.toMillis());
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
