package io.inferencegateway.gateway.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link LogWriter} buffers and writes log rows.
 *
 * @param capacity            rows held in memory that are not yet written, the batch being written included; rows
 *                            offered beyond it are dropped and counted
 * @param batchSize           rows per insert transaction, at most {@code capacity}
 * @param flushInterval       longest a row waits in memory before a write is attempted, when no batch fills first
 * @param maxTextLength       characters of prompt and result kept per row; 0 stores neither
 * @param retryInitialBackoff wait after the first failed write, doubled after each further failure
 * @param retryMaxBackoff     the longest wait between two attempts
 * @param closeTimeout        how long {@link LogWriter#close()} keeps trying to write what is left
 */
public record LogSettings(int capacity, int batchSize, Duration flushInterval, int maxTextLength,
                          Duration retryInitialBackoff, Duration retryMaxBackoff, Duration closeTimeout) {

    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 2_000;

    public LogSettings {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        // The ring behind the buffer is a power of two at least this large; 2^30 slots would be 4 GB of pointers.
        if (capacity > 1 << 28) {
            throw new IllegalArgumentException("capacity must be at most " + (1 << 28) + ", was " + capacity);
        }
        if (batchSize < 1 || batchSize > capacity) {
            throw new IllegalArgumentException(
                    "batchSize must be between 1 and capacity (" + capacity + "), was " + batchSize);
        }
        if (maxTextLength < 0) {
            throw new IllegalArgumentException("maxTextLength must be 0 or more, was " + maxTextLength);
        }
        requirePositive(flushInterval, "flushInterval");
        requirePositive(retryInitialBackoff, "retryInitialBackoff");
        requirePositive(retryMaxBackoff, "retryMaxBackoff");
        if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new IllegalArgumentException("retryMaxBackoff (" + retryMaxBackoff
                    + ") must not be shorter than retryInitialBackoff (" + retryInitialBackoff + ")");
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
        }
    }

    /** 100,000 rows, batches of 500 every 200 ms at most, 2,000 characters of text, retries from 200 ms to 10 s. */
    public static LogSettings defaults() {
        return new LogSettings(DEFAULT_CAPACITY, DEFAULT_BATCH_SIZE, Duration.ofMillis(200), DEFAULT_MAX_TEXT_LENGTH,
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public LogSettings withMaxTextLength(int length) {
        return new LogSettings(capacity, batchSize, flushInterval, length, retryInitialBackoff, retryMaxBackoff,
                closeTimeout);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
