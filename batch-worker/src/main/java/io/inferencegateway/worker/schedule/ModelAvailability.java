package io.inferencegateway.worker.schedule;

import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.GetJobsResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an endpoint's model can take lines now, as its cluster reports it ({@code getJobs}, FIRST's running,
 * queued and stopped jobs), asked at most every {@link #REFRESH_MILLIS} per cluster, in the background so a slow
 * status service never holds up dispatch. A model the cluster lists but not as running waits; a model it does not
 * list, a cluster not heard from yet, or one that cannot answer counts as available (a status service outage must not
 * stop batches whose model answers).
 */
final class ModelAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAvailability.class);
    static final long REFRESH_MILLIS = 5_000;

    private final AdaptorRegistry registry;
    private final Map<String, GetJobsResponse> answers = new ConcurrentHashMap<>();
    private final Map<String, Long> askedAt = new HashMap<>();
    private final Map<String, Long> firstAsked = new HashMap<>();
    /** Clusters asked and not answered yet: one question at a time each. */
    private final Set<String> asking = ConcurrentHashMap.newKeySet();

    ModelAvailability(AdaptorRegistry registry) {
        this.registry = registry;
    }

    /** How long a cluster's first answer is waited for before its models count as available. */
    static final long FIRST_ANSWER_MILLIS = 3_000;

    /**
     * Whether the endpoint's cluster has answered once, or was asked long enough ago: until then its lines are not
     * dispatched, so a batch for a model that is not running sends none before the first answer says so.
     */
    boolean settled(BaseEndpoint endpoint, long nowMillis) {
        Long asked = firstAsked.get(endpoint.cluster());
        return registry.cluster(endpoint.cluster()).isEmpty() || answers.containsKey(endpoint.cluster())
                || (asked != null && nowMillis - asked >= FIRST_ANSWER_MILLIS);
    }

    /** Why the endpoint's model cannot take lines now (e.g. {@code model_not_running: queued}), or empty. */
    Optional<String> unavailable(BaseEndpoint endpoint, long nowMillis) {
        Optional<BaseCluster> cluster = registry.cluster(endpoint.cluster());
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        Long asked = askedAt.get(endpoint.cluster());
        if ((asked == null || nowMillis - asked >= REFRESH_MILLIS) && asking.add(endpoint.cluster())) {
            askedAt.put(endpoint.cluster(), nowMillis);
            firstAsked.putIfAbsent(endpoint.cluster(), nowMillis);
            Thread.ofVirtual().name("jobs-" + endpoint.cluster()).start(() -> {
                try {
                    answers.put(endpoint.cluster(), ask(cluster.get()));
                } finally {
                    asking.remove(endpoint.cluster());
                }
            });
        }
        GetJobsResponse response = answers.get(endpoint.cluster());
        if (response == null || response.isError() || response.jobs() == null) {
            return Optional.empty();
        }
        return response.jobs().statusOf(endpoint.model())
                .filter(status -> !status.equals("running"))
                .map(status -> "model_not_running: " + status + " on " + endpoint.cluster());
    }

    private static GetJobsResponse ask(BaseCluster cluster) {
        try {
            GetJobsResponse response = cluster.getJobs();
            return response != null ? response : GetJobsResponse.error(502, "no answer");
        } catch (RuntimeException e) {
            LOG.warn("getJobs failed for cluster {}", cluster.clusterName(), e);
            return GetJobsResponse.error(502, e.toString());
        }
    }
}
