package io.inferencegateway.worker.lines;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.worker.config.Backoff;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adaptors lines run through, each with its {@link EndpointGate}. An endpoint's cap in this worker is its
 * fixture's {@code config.batch_concurrency}, or the worker's default; the scheduler's budget may hold it lower.
 */
public final class Endpoints {

    static final String CONCURRENCY_FIELD = "batch_concurrency";

    private final Adaptors adaptors;
    private final int defaultConcurrency;
    private final Backoff probeBackoff;
    private final Map<String, EndpointGate> gates = new ConcurrentHashMap<>();
    private volatile Map<String, Integer> parts = Map.of();

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
        return adaptors.endpoint(cluster, framework, model).map(endpoint -> new Target(endpoint, gate(endpoint)));
    }

    /** The endpoint's gate in this worker, made on first use. */
    public EndpointGate gate(BaseEndpoint endpoint) {
        EndpointGate gate = gates.computeIfAbsent(endpoint.endpointSlug(), slug -> new EndpointGate(slug,
                cap(endpoint), probeBackoff));
        Integer part = parts.get(endpoint.endpointSlug());
        if (part != null) {
            gate.follow(part);
        }
        return gate;
    }

    /** The gates of the endpoints this worker has run lines of. */
    public Collection<EndpointGate> gates() {
        return gates.values();
    }

    /**
     * Applies the scheduler's budget: this worker's part for each endpoint named, the cap for any other (also for
     * endpoints whose gate is made later). Empty parts (the scheduler fell silent) put every gate back at its cap.
     * For the endpoints in {@code keep}, where interactive requests need slots that batch lines hold, also cuts short
     * the newest calls beyond the number given.
     *
     * @return how many calls were cut short
     */
    public int follow(Map<String, Integer> budget, Map<String, Integer> keep) {
        parts = Map.copyOf(budget);
        int cut = 0;
        for (EndpointGate gate : gates.values()) {
            gate.follow(budget.getOrDefault(gate.name(), gate.cap()));
            Integer calls = keep.get(gate.name());
            if (calls != null) {
                cut += gate.cutCallsTo(calls);
            }
        }
        return cut;
    }

    /** The most lines of the endpoint one worker runs at once. */
    public int cap(BaseEndpoint endpoint) {
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
