package io.inferencegateway.adaptors.globus;

import io.inferencegateway.spi.CallBudget;
import io.inferencegateway.spi.RateLimit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The {@link CallBudget} of one process, for hosts that offer no shared one (an adaptor's own tests, a single
 * process): the same {@link RateLimit} rule, kept in memory.
 */
final class LocalCallBudget implements CallBudget {

    private final LongSupplier micros;
    private final Map<String, long[]> recent = new HashMap<>();
    private final Map<String, Long> pausedUntil = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** @param micros the clock, in microseconds */
    LocalCallBudget(LongSupplier micros) {
        this.micros = micros;
    }

    static LocalCallBudget system() {
        return new LocalCallBudget(() -> System.nanoTime() / 1_000);
    }

    @Override
    public Optional<Duration> reserve(String key, RateLimit limit, Duration maxWait) {
        lock.lock();
        try {
            long now = micros.getAsLong();
            long[] starts = recent.getOrDefault(key, new long[0]);
            long start = limit.nextStart(starts, pausedUntil.getOrDefault(key, 0L), now);
            if (start - now > maxWait.toNanos() / 1_000) {
                return Optional.empty();
            }
            recent.put(key, limit.remember(starts, start));
            return Optional.of(Duration.ofNanos((start - now) * 1_000));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pause(String key, Duration pause) {
        lock.lock();
        try {
            pausedUntil.merge(key, micros.getAsLong() + pause.toNanos() / 1_000, Math::max);
        } finally {
            lock.unlock();
        }
    }
}
