package io.inferencegateway.worker.lines;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.worker.config.Backoff;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adaptors lines run through, each with its {@link EndpointGate}. An endpoint's concurrency in this worker is
 * its fixture's {@code config.batch_concurrency}, or the worker's default.
 */
public final class Endpoints {

    static final String CONCURRENCY_FIELD = "batch_concurrency";

    private final Adaptors adaptors;
    private final int defaultConcurrency;
    private final Backoff probeBackoff;
    private final Map<String, EndpointGate> gates = new ConcurrentHashMap<>();

    /** @param adaptors where endpoints are found: {@code registry::endpoint} of an {@link AdaptorRegistry} */
    public Endpoints(Adaptors adaptors, int defaultConcurrency, Backoff probeBackoff) {
        this.adaptors = adaptors;
        this.defaultConcurrency = defaultConcurrency;
        this.probeBackoff = probeBackoff;
    }

    /** The endpoint serving a model, as {@link AdaptorRegistry#endpoint} finds it. */
    @FunctionalInterface
    public interface Adaptors {
        Optional<BaseEndpoint> endpoint(String cluster, String framework, String model);
    }

    /** An endpoint and its gate. */
    public record Target(BaseEndpoint endpoint, EndpointGate gate) {
    }

    public Optional<Target> find(String cluster, String framework, String model) {
        return adaptors.endpoint(cluster, framework, model).map(endpoint -> new Target(endpoint,
                gates.computeIfAbsent(endpoint.endpointSlug(), slug -> new EndpointGate(slug,
                        concurrency(endpoint), probeBackoff))));
    }

    private int concurrency(BaseEndpoint endpoint) {
        JsonNode configured = endpoint.config().get(CONCURRENCY_FIELD);
        if (configured != null && configured.canConvertToInt() && configured.asInt() > 0) {
            return configured.asInt();
        }
        if (configured != null && configured.isTextual() && configured.asText().matches("[1-9][0-9]{0,5}")) {
            return Integer.parseInt(configured.asText());
        }
        return defaultConcurrency;
    }
}
