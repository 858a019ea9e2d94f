package io.inferencegateway.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator needs to decide how many workers to run: consumer lag per topic, lines in flight, lines done per
 * second, retries and errors per endpoint, batches finalized; plus the JVM's memory and threads.
 */
public final class WorkerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public WorkerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("batch_worker_lines_in_flight", inFlight, AtomicInteger::get)
                .description("Lines this worker is executing or holding for execution")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public AtomicInteger inFlight() {
        return inFlight;
    }

    /** Records the consumer lag (records not yet consumed) of one topic. */
    public void lag(String topic, long records) {
        lag.computeIfAbsent(topic, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("batch_worker_consumer_lag", value, AtomicLong::get)
                    .description("Records of the topic not yet consumed by this worker's group")
                    .tag("topic", t).register(registry);
            return value;
        }).set(records);
    }

    /** One line's result recorded; {@code outcome} is completed or failed. */
    public void lineDone(String endpoint, String outcome) {
        counter("batch_worker_lines_total", "Lines whose result this worker recorded", "endpoint", endpoint,
                "outcome", outcome).increment();
        if (!"completed".equals(outcome)) {
            counter("batch_worker_line_errors_total", "Error lines per endpoint", "endpoint", endpoint).increment();
        }
    }

    public void retry(String endpoint) {
        counter("batch_worker_retries_total", "Backend calls retried after a 429, 5xx or timeout", "endpoint",
                endpoint).increment();
    }

    public void batchFinalized(String status) {
        counter("batch_worker_batches_finalized_total", "Batches this worker finalized", "status", status).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("\u0000", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }
}
