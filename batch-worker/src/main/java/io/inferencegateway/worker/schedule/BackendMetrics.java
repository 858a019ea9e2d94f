package io.inferencegateway.worker.schedule;

import io.inferencegateway.spi.BaseEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a vLLM server says about its own load, for endpoints whose fixture names its Prometheus page
 * ({@code config.metrics_url}): requests running and waiting in its queue for the endpoint's model
 * ({@code vllm:num_requests_running}, {@code vllm:num_requests_waiting}). A queue at the backend is the surest sign
 * that batch lines take slots interactive requests will wait for. Read every {@link #REFRESH_MILLIS} in the
 * background, one read at a time per endpoint, so a slow server never holds up dispatch; a read that fails leaves
 * the endpoint with no reading (the budget then learns from calls alone).
 */
final class BackendMetrics {

    static final String FIELD = "metrics_url";
    static final long REFRESH_MILLIS = 250;
    private static final long STALE_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(BackendMetrics.class);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private final Map<String, Long> askedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> firstAsked = new ConcurrentHashMap<>();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * One reading of the server's gauges; {@code cacheUsage} is the share of its KV cache in use (0 to 1), NaN when
     * the server does not say.
     */
    record Reading(long atMillis, int running, int waiting, double cacheUsage) {
    }

    /** How long an endpoint's first reading is waited for before its lines go out without one. */
    static final long FIRST_READING_MILLIS = 3_000;

    /**
     * Whether the endpoint may be dispatched to as far as its metrics go: it has no metrics page, it was read once,
     * or its first read has been waited for long enough. Until then its budget would be a guess at the cap.
     */
    boolean settled(BaseEndpoint endpoint, long nowMillis) {
        if (endpoint.config().path(FIELD).asText("").isEmpty() || readings.containsKey(endpoint.endpointSlug())) {
            return true;
        }
        Long first = firstAsked.get(endpoint.endpointSlug());
        return first != null && nowMillis - first >= FIRST_READING_MILLIS;
    }

    /** The endpoint's latest reading, if it has a metrics page and was read lately; asks again when due. */
    Optional<Reading> latest(BaseEndpoint endpoint, long nowMillis) {
        String url = endpoint.config().path(FIELD).asText("");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String slug = endpoint.endpointSlug();
        Long asked = askedAt.get(slug);
        if ((asked == null || nowMillis - asked >= REFRESH_MILLIS) && asking.add(slug)) {
            askedAt.put(slug, nowMillis);
            firstAsked.putIfAbsent(slug, nowMillis);
            Thread.ofVirtual().name("metrics-" + slug).start(() -> {
                try {
                    read(slug, url, endpoint.model());
                } finally {
                    asking.remove(slug);
                }
            });
        }
        Reading reading = readings.get(slug);
        return reading == null || nowMillis - reading.atMillis() > STALE_MILLIS ? Optional.empty()
                : Optional.of(reading);
    }

    private void read(String slug, String url, String model) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            readings.put(slug, parse(response.body(), model, System.currentTimeMillis()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (warned.add(slug)) {
                LOG.warn("Cannot read the load of endpoint {} from {} ({}); its batch budget is learned from calls "
                        + "alone until it can", slug, url, e.toString());
            }
        }
    }

    /**
     * The model's reading from a vLLM server's Prometheus page: requests running and waiting (both required), and the
     * share of KV cache in use, under its name since vLLM 0.10 or the one before.
     */
    static Reading parse(String text, String model, long atMillis) {
        Double running = value(text, "vllm:num_requests_running", model);
        Double waiting = value(text, "vllm:num_requests_waiting", model);
        if (running == null || waiting == null) {
            throw new IllegalStateException("no vllm:num_requests_running and _waiting for " + model);
        }
        Double usage = value(text, "vllm:kv_cache_usage_perc", model);
        if (usage == null) {
            usage = value(text, "vllm:gpu_cache_usage_perc", model);
        }
        return new Reading(atMillis, (int) Math.round(running), (int) Math.round(waiting),
                usage == null ? Double.NaN : usage);
    }

    /**
     * A gauge's value for the model from Prometheus' text format: the series labelled {@code model_name="model"},
     * or the only series of that name when none is.
     */
    static Double value(String text, String name, String model) {
        Double only = null;
        int series = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || (line.length() > name.length() && line.charAt(name.length()) != '{'
                    && line.charAt(name.length()) != ' ')) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).strip());
            } catch (NumberFormatException e) {
                continue;
            }
            if (line.contains("model_name=\"" + model + "\"")) {
                return value;
            }
            series++;
            only = value;
        }
        return series == 1 ? only : null;
    }
}
