package io.inferencegateway.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The interactive load one gateway replica puts on its endpoints, sent a few times a second while there is any (and
 * once more when it ends), so batch dispatch to a busy endpoint can shrink before the backend is saturated.
 *
 * @param sender    the replica
 * @param atMillis  when
 * @param endpoints one entry per endpoint with interactive requests in the interval
 */
public record InteractiveReport(@JsonProperty("sender") String sender, @JsonProperty("at") long atMillis,
                                @JsonProperty("endpoints") List<EndpointLoad> endpoints) implements CapacityMessage {

    public InteractiveReport {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /**
     * @param endpoint      the endpoint's slug
     * @param inFlight      requests under way when the report was made
     * @param peakInFlight  the most under way at once during the interval
     * @param started       requests started in the interval
     */
    public record EndpointLoad(@JsonProperty("endpoint") String endpoint, @JsonProperty("in_flight") int inFlight,
                               @JsonProperty("peak_in_flight") int peakInFlight,
                               @JsonProperty("started") int started) {
    }
}
