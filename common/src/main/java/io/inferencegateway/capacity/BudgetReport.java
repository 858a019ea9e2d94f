package io.inferencegateway.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The batch scheduler's decision: how many batch lines may run at once on each endpoint, and each worker's part of
 * it. A worker that hears nothing for a while runs at its own cap, as it would without a scheduler.
 *
 * @param sender    the worker that leads scheduling
 * @param atMillis  when
 * @param endpoints one entry per endpoint with batch lines
 */
public record BudgetReport(@JsonProperty("sender") String sender, @JsonProperty("at") long atMillis,
                           @JsonProperty("endpoints") List<EndpointBudget> endpoints) implements CapacityMessage {

    public BudgetReport {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /**
     * @param endpoint  the endpoint's slug
     * @param total     batch lines that may run at once on it, over all workers
     * @param perWorker each live worker's part (a worker not named may run none)
     * @param reason    why the budget is below the endpoint's cap, or null
     * @param keep      when interactive requests need slots that batch lines hold: the calls under way each worker
     *                  may keep, the newest beyond them cut short; empty when none need be
     */
    public record EndpointBudget(@JsonProperty("endpoint") String endpoint, @JsonProperty("total") int total,
                                 @JsonProperty("per_worker") Map<String, Integer> perWorker,
                                 @JsonProperty("reason") String reason,
                                 @JsonProperty("keep_per_worker") Map<String, Integer> keep) {

        public EndpointBudget {
            perWorker = perWorker == null ? Map.of() : Map.copyOf(perWorker);
            keep = keep == null ? Map.of() : Map.copyOf(keep);
        }

        /** A budget that cuts no call short. */
        public EndpointBudget(String endpoint, int total, Map<String, Integer> perWorker, String reason) {
            this(endpoint, total, perWorker, reason, Map.of());
        }
    }
}
