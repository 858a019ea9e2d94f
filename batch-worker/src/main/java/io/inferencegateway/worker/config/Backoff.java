package io.inferencegateway.worker.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code base * 2^(n-1)}, capped, so that
 * many workers retrying against one backend spread out instead of arriving together.
 *
 * @param base the first delay
 * @param cap  the longest delay
 */
public record Backoff(Duration base, Duration cap) {

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public long delayMillis(int attempt) {
        long ceiling = cap.toMillis();
        long exponential = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long full = Math.min(ceiling, exponential);
        return full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
    }
}
