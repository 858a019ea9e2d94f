package io.inferencegateway.gateway.logs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Log rows with every column filled, and settings that make the tests quick. */
final class LogSamples {

    // PostgreSQL keeps microseconds; a row read back must equal the one written.
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private LogSamples() {
    }

    static AccessLogEntry access(String userId) {
        return new AccessLogEntry(UUID.randomUUID(), userId, T0, T0.plusMillis(1500),
                "/resource_server/sophia/vllm/v1/chat/completions", "POST", "10.0.0.1, 192.168.1.7", 200, null);
    }

    static RequestLogEntry request(AccessLogEntry access, String prompt, String result) {
        return new RequestLogEntry(UUID.randomUUID(), access.id(), access.userId() == null ? "anonymous"
                : access.userId(), "sophia", "vllm", "meta-llama/Meta-Llama-3.1-8B-Instruct", "/v1/chat/completions",
                true, 200, "task-" + access.id(), T0.plusMillis(10), T0.plusMillis(1400), 123.5, 11, 22, 33,
                prompt, result);
    }

    /** Quick flushes and retries: tests wait for rows, so shorter intervals only make them faster. */
    static LogSettings quick(int capacity, int batchSize) {
        return new LogSettings(capacity, batchSize, Duration.ofMillis(20), LogSettings.DEFAULT_MAX_TEXT_LENGTH,
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));
    }
}
