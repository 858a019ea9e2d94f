package io.inferencegateway.worker.config;

import io.inferencegateway.config.Environment;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * How one batch-worker process behaves. Built once (from the environment or by a test) and passed down.
 *
 * <p>Environment variables:
 * <ul>
 *   <li>{@code GATEWAY_WORKER_CONCURRENCY}: lines in flight per endpoint in this process (default 32); an endpoint's
 *       fixture {@code config.batch_concurrency} overrides it</li>
 *   <li>{@code GATEWAY_WORKER_MAX_ATTEMPTS}: calls per line before a 429, 5xx or timeout becomes an error line
 *       (default 5)</li>
 *   <li>{@code GATEWAY_WORKER_METRICS_PORT}: port of {@code /metrics}, {@code /health} and {@code /ready} (default
 *       9400, 0 = off)</li>
 *   <li>{@code GATEWAY_WORKER_METRICS_HOST}: the interface they listen on (default 127.0.0.1; a container sets
 *       0.0.0.0 so that probes and Prometheus reach it)</li>
 *   <li>{@code GATEWAY_WORKER_ID}: this worker's name in logs and in {@code batch_lines.worker_id} (default
 *       host-pid-random)</li>
 *   <li>{@code GATEWAY_WORKER_STATE_DIR}: parent of the Kafka Streams state directory (default java.io.tmpdir); the
 *       worker's own subdirectory is removed on close</li>
 *   <li>{@code GATEWAY_WORKER_CANCEL_GRACE_SECONDS}: how long a cancelled batch waits for its running lines (default
 *       120)</li>
 * </ul>
 *
 * @param workerId               this worker's name
 * @param concurrencyPerEndpoint lines executing at once per endpoint, unless the endpoint's config says otherwise
 * @param maxAttempts            calls per line for retryable failures
 * @param metricsHost            interface of {@code /metrics}, {@code /health} and {@code /ready}
 * @param metricsPort            their port; 0 turns them off, -1 picks a free port (tests)
 * @param groupPrefix            put before every consumer group and the Streams application id ("" in production)
 * @param stateDirectory         parent of the Streams state directory
 * @param retryBase              first retry delay; doubles per attempt, with jitter
 * @param retryCap               longest retry or probe delay
 * @param sweepInterval          how often the housekeeping sweep runs
 * @param nativePollInterval     how often one native batch is asked for its status
 * @param stuckAfter             a batch still validating (or in progress with unpublished lines) this long is repaired
 * @param stalledAfter           an in-progress batch whose lines made no progress this long gets its pending lines
 *                               published again (covers records Kafka gave up on)
 * @param progressInterval       debounce of request_counts updates and progress events
 * @param finalizeLease          how long a finalizer may hold a batch before another worker takes over
 * @param cancelGrace            the longest a cancelled batch stays cancelling to let its running lines finish; then
 *                               every line still pending, running or queued behind other batches' lines, is cancelled
 *                               and a late answer is not kept
 */
public record WorkerSettings(
        String workerId,
        int concurrencyPerEndpoint,
        int maxAttempts,
        String metricsHost,
        int metricsPort,
        String groupPrefix,
        Path stateDirectory,
        Duration retryBase,
        Duration retryCap,
        Duration sweepInterval,
        Duration nativePollInterval,
        Duration stuckAfter,
        Duration stalledAfter,
        Duration progressInterval,
        Duration finalizeLease,
        Duration cancelGrace) {

    public static final String CONCURRENCY = "GATEWAY_WORKER_CONCURRENCY";
    public static final String MAX_ATTEMPTS = "GATEWAY_WORKER_MAX_ATTEMPTS";
    public static final String METRICS_PORT = "GATEWAY_WORKER_METRICS_PORT";
    public static final String METRICS_HOST = "GATEWAY_WORKER_METRICS_HOST";
    /** A worker's database pool when {@code GATEWAY_DB_POOL_SIZE} is unset: its lanes write in batches. */
    public static final int DEFAULT_POOL_SIZE = 6;
    public static final String WORKER_ID = "GATEWAY_WORKER_ID";
    public static final String STATE_DIR = "GATEWAY_WORKER_STATE_DIR";
    public static final String CANCEL_GRACE = "GATEWAY_WORKER_CANCEL_GRACE_SECONDS";

    public static final String SUBMISSIONS_GROUP = "batch-workers-submissions";
    public static final String LINES_GROUP = "batch-workers-lines";
    public static final String PROGRESS_APPLICATION = "batch-workers-progress";

    public WorkerSettings {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(groupPrefix, "groupPrefix");
        Objects.requireNonNull(metricsHost, "metricsHost");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        require(concurrencyPerEndpoint >= 1, CONCURRENCY + " must be at least 1, was " + concurrencyPerEndpoint);
        require(maxAttempts >= 1, MAX_ATTEMPTS + " must be at least 1, was " + maxAttempts);
        require(metricsPort >= -1 && metricsPort <= 65_535, METRICS_PORT + " must be a port or 0, was " + metricsPort);
        for (Duration d : new Duration[] {retryBase, retryCap, sweepInterval, nativePollInterval, stuckAfter,
                stalledAfter, progressInterval, finalizeLease, cancelGrace}) {
            require(d != null && d.isPositive(), "every interval must be positive");
        }
    }

    /** Production defaults, overridden by the variables above. */
    public static WorkerSettings fromEnvironment(Function<String, String> environment) {
        return new WorkerSettings(
                text(environment, WORKER_ID, defaultWorkerId()),
                number(environment, CONCURRENCY, 32),
                number(environment, MAX_ATTEMPTS, 5),
                text(environment, METRICS_HOST, "127.0.0.1"),
                number(environment, METRICS_PORT, 9400),
                "",
                Path.of(text(environment, STATE_DIR, System.getProperty("java.io.tmpdir"))),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofMinutes(30),
                Duration.ofMillis(500),
                Duration.ofMinutes(5),
                Duration.ofSeconds(number(environment, CANCEL_GRACE, 120)));
    }

    /** Lines one lane (one share consumer) takes at a time. */
    public static final int LINES_PER_LANE = 16;

    /**
     * Lanes of this worker: lines for four times the per-endpoint concurrency, since a lane takes new lines only when
     * all of its lines are done and its next poll takes a round trip.
     */
    public int lanes() {
        return Math.max(2, (4 * concurrencyPerEndpoint + LINES_PER_LANE - 1) / LINES_PER_LANE);
    }

    public String submissionsGroup() {
        return groupPrefix + SUBMISSIONS_GROUP;
    }

    public String linesGroup() {
        return groupPrefix + LINES_GROUP;
    }

    public String progressApplicationId() {
        return groupPrefix + PROGRESS_APPLICATION;
    }

    public WorkerSettings withWorkerId(String id) {
        return new WorkerSettings(id, concurrencyPerEndpoint, maxAttempts, metricsHost, metricsPort, groupPrefix, stateDirectory,
                retryBase, retryCap, sweepInterval, nativePollInterval, stuckAfter, stalledAfter, progressInterval,
                finalizeLease, cancelGrace);
    }

    public WorkerSettings withMetricsPort(int port) {
        return new WorkerSettings(workerId, concurrencyPerEndpoint, maxAttempts, metricsHost, port, groupPrefix, stateDirectory,
                retryBase, retryCap, sweepInterval, nativePollInterval, stuckAfter, stalledAfter, progressInterval,
                finalizeLease, cancelGrace);
    }

    private static String defaultWorkerId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "worker");
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String text(Function<String, String> environment, String name, String defaultValue) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static int number(Function<String, String> environment, String name, int defaultValue) {
        return Environment.wholeNumber(environment, name, defaultValue);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
