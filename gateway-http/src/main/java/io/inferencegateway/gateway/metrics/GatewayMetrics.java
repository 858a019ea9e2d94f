package io.inferencegateway.gateway.metrics;

import io.inferencegateway.gateway.http.RequestIds;
import io.inferencegateway.gateway.logs.LogWriterCounters;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The gateway's Prometheus metrics, served on {@code GET /metrics}: request durations by route and status, what
 * the log writer wrote, buffered and dropped, usage events that could not be shared, and the JVM's own.
 */
public final class GatewayMetrics implements AutoCloseable {

    /**
     * The methods that keep their name as a label value. Any token is a valid HTTP method, so the rest share
     * {@value #OTHER_METHOD}: otherwise every made-up method became a series of its own (issue 14).
     */
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH");
    static final String OTHER_METHOD = "OTHER";
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    /** The registry itself, for parts that register their own meters (the adaptors' figures). */
    public MeterRegistry registry() {
        return registry;
    }

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /**
     * Runs after every request: one timer sample tagged with values from closed sets only, so that no request can
     * add a series: the method ({@link #methodLabel}), the route template (never the path) and the status.
     */
    public void afterRequest(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        timers.computeIfAbsent(new TimerKey(methodLabel(ctx.method().name()), route, ctx.statusCode()), this::timer)
                .record(Duration.between(RequestIds.arrived(ctx), Instant.now()));
    }

    static String methodLabel(String method) {
        return STANDARD_METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /** One timer per method, route template and status: few, so they are kept rather than looked up per request. */
    private record TimerKey(String method, String route, int status) {
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("gateway.http.requests")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                // Three quantile series per timer, over the last two minutes: the console's latency per route.
                .publishPercentiles(PERCENTILES)
                .register(registry);
    }

    /**
     * Requests per method, route template and status since start, with latency percentiles of the last two minutes
     * (p50, p95, p99) and the longest; the slowest routes first.
     */
    public List<RouteStats> routeStats() {
        List<RouteStats> stats = new ArrayList<>();
        timers.forEach((key, timer) -> {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            double[] percentiles = new double[PERCENTILES.length];
            for (ValueAtPercentile value : snapshot.percentileValues()) {
                for (int i = 0; i < PERCENTILES.length; i++) {
                    if (value.percentile() == PERCENTILES[i]) {
                        percentiles[i] = value.value(TimeUnit.MILLISECONDS);
                    }
                }
            }
            stats.add(new RouteStats(key.method(), key.route(), key.status(), snapshot.count(),
                    snapshot.mean(TimeUnit.MILLISECONDS), percentiles[0], percentiles[1], percentiles[2],
                    snapshot.max(TimeUnit.MILLISECONDS)));
        });
        stats.sort(Comparator.comparingDouble(RouteStats::p99Millis).reversed()
                .thenComparing(RouteStats::route).thenComparing(RouteStats::method));
        return stats;
    }

    public void watchLogs(LogWriterCounters counters) {
        gauge("gateway.logs.written", counters, LogWriterCounters::writtenCount);
        gauge("gateway.logs.dropped", counters, LogWriterCounters::droppedCount);
        gauge("gateway.logs.rejected", counters, LogWriterCounters::rejectedCount);
        gauge("gateway.logs.pending", counters, LogWriterCounters::pendingCount);
    }

    /** Usage events this replica could not share with the others (limits are then looser than configured). */
    public void watchUsageDrops(LongSupplier dropped) {
        Gauge.builder("gateway.usage.events.dropped", dropped, supplier -> supplier.getAsLong()).register(registry);
    }

    /** Interactive load reports the batch scheduler did not get (Kafka refused them); the next one says the same. */
    public void watchLoadReportDrops(LongSupplier dropped) {
        Gauge.builder("gateway.load.reports.dropped", dropped, supplier -> supplier.getAsLong()).register(registry);
    }

    /** A gauge of another part of the process, such as the console feed's state. */
    public void watch(String name, LongSupplier value) {
        Gauge.builder(name, value, supplier -> supplier.getAsLong()).register(registry);
    }

    private <T> void gauge(String name, T source, java.util.function.ToLongFunction<T> value) {
        Gauge.builder(name, source, s -> value.applyAsLong(s)).register(registry);
    }

    /** {@code GET /metrics} in Prometheus' text format. */
    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
