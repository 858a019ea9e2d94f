package io.inferencegateway.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.inferencegateway.worker.supervision.Supervisor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator needs to decide how many workers to run: the backlog of each topic, lines in flight, lines done
 * per second, retries and errors per endpoint, batches finalized, lanes alive and restarted; plus the JVM's memory
 * and threads.
 *
 * <p>The backlogs are group-wide: every worker reports the same value for its group, so dashboards and autoscalers
 * aggregate them with {@code max}, never {@code sum}.
 */
public final class WorkerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicLong> backlogs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger[]> lanes = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();
    private final AtomicInteger leading = new AtomicInteger();

    public WorkerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("batch_worker_lines_in_flight", inFlight, AtomicInteger::get)
                .description("Lines this worker is executing or holding for execution")
                .register(registry);
        Gauge.builder("batch_scheduler_leading", leading, AtomicInteger::get)
                .description("1 while this worker leads batch dispatch (one worker does at a time)")
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

    /**
     * Records a group's backlog: {@code role} is {@code lines}, {@code submissions} or {@code results}, and the gauge
     * is {@code batch_worker_<role>_backlog}.
     */
    public void backlog(String role, String topic, long records) {
        backlogs.computeIfAbsent(role, r -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("batch_worker_" + r + "_backlog", value, AtomicLong::get)
                    .description("Records of the " + r + " topic that the workers' group has not finished yet; "
                            + "group-wide, the same on every worker: aggregate with max")
                    .tag("topic", topic).register(registry);
            return value;
        }).set(records);
    }

    /** The supervisor's view: lanes (the consumer and housekeeping loops) configured, alive and restarted. */
    public Supervisor.Listener lanes() {
        return new Supervisor.Listener() {
            @Override
            public void configured(String kind) {
                counts(kind)[1].incrementAndGet();
            }

            @Override
            public void up(String kind) {
                counts(kind)[0].incrementAndGet();
            }

            @Override
            public void down(String kind) {
                counts(kind)[0].decrementAndGet();
            }

            @Override
            public void restarted(String kind) {
                counter("batch_worker_lane_restarts_total", "Lanes that failed or stopped unasked and were started "
                        + "again", "kind", kind).increment();
            }
        };
    }

    private AtomicInteger[] counts(String kind) {
        return lanes.computeIfAbsent(kind, k -> {
            AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger()};
            Gauge.builder("batch_worker_lanes_alive", counts[0], AtomicInteger::get)
                    .description("Lanes of this kind running now in this worker").tag("kind", k).register(registry);
            Gauge.builder("batch_worker_lanes_configured", counts[1], AtomicInteger::get)
                    .description("Lanes of this kind this worker runs when healthy").tag("kind", k)
                    .register(registry);
            return counts;
        });
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

    /** A batch call cut short to give its backend slot to interactive requests; its line runs again later. */
    public void preempted(String endpoint) {
        counter("batch_worker_preempted_calls_total", "Batch calls cut short to give their backend slots to "
                + "interactive requests (their lines run again, spending no attempt)", "endpoint", endpoint).increment();
    }

    /** Lines whose acquisition lock a lane renewed because they still waited or ran. */
    public void renewed(int lines) {
        counter("batch_worker_line_renewals_total", "Acquisition locks renewed for lines still waiting or running")
                .increment(lines);
    }

    /** A record no worker could read, set aside in a dead-letter topic. */
    public void unreadable(String topic) {
        counter("batch_worker_unreadable_records_total", "Records this worker could not read and sent to the "
                + "dead-letter topic", "topic", topic).increment();
    }

    public void linesRemoved(int lines) {
        counter("batch_worker_lines_removed_total", "Lines of batches ended longer ago than the retention, removed")
                .increment(lines);
    }

    public void batchFinalized(String status) {
        counter("batch_worker_batches_finalized_total", "Batches this worker finalized", "status", status).increment();
    }

    /** Whether this worker leads batch dispatch now. */
    public void leading(boolean now) {
        leading.set(now ? 1 : 0);
    }

    /** The batch lines an endpoint may run at once, over all workers, as the scheduler last decided. */
    public void budget(String endpoint, int lines) {
        gauge("batch_scheduler_budget", "Batch lines the endpoint may run at once over all workers (set by the "
                + "leading worker; others report 0)", "endpoint", endpoint).set(lines);
    }

    /** Batches of an endpoint whose lines wait, and why ({@code reason}: model_not_running, ...; none when 0). */
    public void waiting(String endpoint, String reason, int batches) {
        gauge("batch_scheduler_waiting_batches", "Batches whose lines wait for their model, endpoint or "
                + "interactive load (set by the leading worker)", "endpoint", endpoint, "reason", reason)
                .set(batches);
    }

    public void dispatched(String endpoint, int lines) {
        counter("batch_scheduler_dispatched_lines_total", "Batch lines this worker dispatched to the lines topic "
                + "while it led", "endpoint", endpoint).increment(lines);
    }

    private AtomicInteger gauge(String name, String description, String... tags) {
        String key = name + String.join("\u0000", tags);
        return gauges.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(description).tags(tags).register(registry);
            return value;
        });
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("\u0000", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }
}
