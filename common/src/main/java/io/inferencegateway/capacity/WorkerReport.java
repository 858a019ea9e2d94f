package io.inferencegateway.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one batch worker did in the last interval, sent every half second (also when idle, so it doubles as the
 * worker's heartbeat: the scheduler splits each endpoint's budget among the workers it heard from recently).
 *
 * @param sender    the worker's id
 * @param atMillis  when
 * @param endpoints one entry per endpoint the worker has lines of or called in the interval
 */
public record WorkerReport(@JsonProperty("sender") String sender, @JsonProperty("at") long atMillis,
                           @JsonProperty("endpoints") List<EndpointLoad> endpoints) implements CapacityMessage {

    public WorkerReport {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /**
     * One endpoint's batch calls in the interval, counted by how they ended.
     *
     * @param endpoint       the endpoint's slug
     * @param calls          calls that ended
     * @param succeeded      2xx answers
     * @param throttled      429 answers: the backend asks for less
     * @param failed         5xx answers other than 503, and adaptor failures
     * @param timeouts       408 and 504 answers
     * @param unreachable    503 answers: the backend is down
     * @param latencyMillis  total time of the successful calls
     * @param tokens         completion tokens of the successful calls
     * @param running        lines running now
     * @param down           whether the worker's circuit breaker holds the endpoint down
     */
    public record EndpointLoad(@JsonProperty("endpoint") String endpoint, @JsonProperty("calls") int calls,
                               @JsonProperty("succeeded") int succeeded, @JsonProperty("throttled") int throttled,
                               @JsonProperty("failed") int failed, @JsonProperty("timeouts") int timeouts,
                               @JsonProperty("unreachable") int unreachable,
                               @JsonProperty("latency_ms") long latencyMillis, @JsonProperty("tokens") long tokens,
                               @JsonProperty("running") int running, @JsonProperty("down") boolean down) {

        /**
         * Calls whose answer says the backend is over its capacity: 429s and timeouts. A 500 is a fault of a request
         * or of the server, not a sign of load (a backend that fails one answer in ten would otherwise be held at one
         * line), and a 503 is an outage, which stops dispatch by itself.
         */
        public int congested() {
            return throttled + timeouts;
        }
    }
}
