package io.inferencegateway.simulated;

import io.inferencegateway.adaptors.simulated.CapacityObserver;
import io.inferencegateway.adaptors.simulated.ModelCapacity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * vLLM's Prometheus metrics for one model, under vLLM's names (Micrometer keeps the colon) and its
 * {@code model_name} label, so a scheduler or autoscaler built against vLLM reads the simulator unchanged.
 */
final class SimulatedMetrics implements CapacityObserver {

    // vLLM's buckets (vllm/v1/metrics/loggers.py), in seconds.
    private static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    private static final double[] E2E_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0,
        40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String modelName;
    private final Timer timeToFirstToken;
    private final Timer endToEnd;
    private final Counter stopped;
    private final Counter cutByLength;

    SimulatedMetrics(String modelName) {
        this.modelName = modelName;
        this.timeToFirstToken = Timer.builder("vllm:time_to_first_token")
                .description("Histogram of time to first token in seconds (streams; queue wait included).")
                .tag("model_name", modelName).serviceLevelObjectives(durations(TTFT_BUCKETS)).register(registry);
        this.endToEnd = Timer.builder("vllm:e2e_request_latency")
                .description("Histogram of e2e request latency in seconds (queue wait included).")
                .tag("model_name", modelName).serviceLevelObjectives(durations(E2E_BUCKETS)).register(registry);
        this.stopped = success("stop");
        this.cutByLength = success("length");
    }

    /** Publishes the capacity's gauges. */
    void watch(ModelCapacity capacity) {
        gauge("vllm:num_requests_running", "Number of requests in model execution batches.", capacity,
                ModelCapacity::running);
        gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", capacity,
                ModelCapacity::waiting);
        gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage (here: the share of slots"
                + " in use).", capacity, ModelCapacity::usage);
        // The name before vLLM 0.10 (deprecated in vllm-project/vllm#18354), for dashboards not yet moved on.
        gauge("vllm:gpu_cache_usage_perc", "GPU KV-cache usage. 1 means 100 percent usage (deprecated name).",
                capacity, ModelCapacity::usage);
    }

    @Override
    public void firstToken(long nanos) {
        timeToFirstToken.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void finished(String finishReason, long nanos) {
        endToEnd.record(nanos, TimeUnit.NANOSECONDS);
        ("length".equals(finishReason) ? cutByLength : stopped).increment();
    }

    /** GET /metrics, in Prometheus' text format. */
    void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    private Counter success(String finishedReason) {
        return Counter.builder("vllm:request_success").description("Count of successfully processed requests.")
                .tags("model_name", modelName, "finished_reason", finishedReason).register(registry);
    }

    private void gauge(String name, String help, ModelCapacity capacity, ToDoubleFunction<ModelCapacity> value) {
        Gauge.builder(name, capacity, value).description(help).tag("model_name", modelName).strongReference(true)
                .register(registry);
    }

    private static Duration[] durations(double[] seconds) {
        return Arrays.stream(seconds).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    }
}
