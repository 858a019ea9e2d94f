package io.inferencegateway.devstack;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.gateway.GatewaySettings;
import io.inferencegateway.worker.config.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One whole system for this module's end-to-end tests, started once per test JVM (each start costs a PostgreSQL, a
 * Kafka broker and seconds): the {@code fixtures-stack} clusters ({@code cli} and {@code e2e}), one user's API key,
 * a directory as the FIRST-style batch root, and no limit on a user's active batches, so no test waits for
 * another's batches to end. The run directory's shutdown hook stops it when the JVM ends.
 */
final class TestStack {

    static final String KEY = "igw-cli-tests-key-0123456789abcdefghijklmn";
    /** The secret keys are hashed under, for tests that issue keys of their own. */
    static final String HASH_SECRET = ApiKeyHasher.generateSecret();
    static final Path FIRST_ROOT = createRoot();
    static final DevStack STACK = start();

    private TestStack() {
    }

    static String baseUrl() {
        return "http://127.0.0.1:" + STACK.gateway().port();
    }

    private static Path createRoot() {
        try {
            return Files.createTempDirectory("igw-first-root").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WorkerSettings housekeepingEvery500Millis(WorkerSettings s) {
        return new WorkerSettings(s.workerId(), s.concurrencyPerEndpoint(), s.maxAttempts(), s.metricsHost(),
                s.metricsPort(), s.groupPrefix(), s.stateDirectory(), s.retryBase(), s.retryCap(),
                Duration.ofMillis(500), s.nativePollInterval(), s.stuckAfter(), s.stalledAfter(), s.progressInterval(),
                s.finalizeLease(), s.cancelGrace());
    }

    private static DevStack start() {
        try {
            Path fixtures = Path.of(TestStack.class.getResource("/fixtures-stack").toURI());
            return DevStack.start(Path.of("target", "test-stack-run").toAbsolutePath(), fixtures,
                    GatewaySettings.defaults("127.0.0.1", 0), new DevStack.Keys(KEY, HASH_SECRET),
                    0, Map.of("GATEWAY_BATCH_ROOTS", FIRST_ROOT.toString(), "GATEWAY_BATCH_MAX_ACTIVE", "0",
                            // No operator port: 9400 may be another stack's (another test JVM's, bin/dev's).
                            WorkerSettings.METRICS_PORT, "0"),
                    // Cancelled and expired batches are finalized by the worker's housekeeping, every 5 s in
                    // production: every 500 ms here, as in batch-worker's own tests.
                    TestStack::housekeepingEvery500Millis);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
