package io.inferencegateway.adaptors.globus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * FIRST's checks before a task is sent: the endpoint must be online, and an endpoint online with no managers
 * (workers not started yet) takes one task, which starts them, and then refuses more for a while. Statuses are
 * cached for a minute, so the checks cost few calls against the rate limit.
 */
final class EndpointReadiness {

    static final Duration STATUS_TTL = Duration.ofSeconds(60);
    static final Duration TRIGGER_TTL = Duration.ofMinutes(10);

    private final ComputeApi api;
    private final Cache<String, ComputeApi.EndpointStatus> statuses =
            Caffeine.newBuilder().expireAfterWrite(STATUS_TTL).maximumSize(10_000).build();
    private final Cache<String, Boolean> triggered =
            Caffeine.newBuilder().expireAfterWrite(TRIGGER_TTL).maximumSize(10_000).build();

    EndpointReadiness(ComputeApi api) {
        this.api = api;
    }

    /** The endpoint's status, from the cache when it is fresh; concurrent callers share one request. */
    ComputeApi.EndpointStatus status(Credentials client, String endpointId) throws ComputeException {
        try {
            return statuses.get(endpointId, id -> {
                try {
                    return api.endpointStatus(client, id, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
                } catch (ComputeException e) {
                    throw new Failed(e);
                }
            });
        } catch (Failed e) {
            throw e.failure;
        }
    }

    /** Carries a checked failure out of the cache's loader. */
    private static final class Failed extends RuntimeException {
        final ComputeException failure;

        Failed(ComputeException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /**
     * Why a task must not be sent to the endpoint now (FIRST's 503 answers), or empty when it may be.
     *
     * @param checkManagers false for batch endpoints, which idle with no managers by design
     */
    Optional<ComputeException> refusal(Credentials client, String endpointId, String name, boolean checkManagers) {
        ComputeApi.EndpointStatus status;
        try {
            status = status(client, endpointId);
        } catch (ComputeException e) {
            return Optional.of(new ComputeException(e.code() == 503 || e.code() == 504 ? e.code() : 500,
                    "Cannot get the status of endpoint '" + name + "': " + e.getMessage()));
        }
        if (!status.online()) {
            return Optional.of(new ComputeException(503, "Endpoint '" + name + "' is offline."));
        }
        if (checkManagers && status.managers() != null && status.managers() == 0
                && triggered.getIfPresent(endpointId) != null) {
            return Optional.of(new ComputeException(503, "Error: Endpoint " + name
                    + " online but not ready to receive tasks. Please try again later."));
        }
        return Optional.empty();
    }

    /** Records that a task went to the endpoint, which starts its workers if it had none. */
    void triggered(String endpointId) {
        triggered.put(endpointId, Boolean.TRUE);
    }
}
