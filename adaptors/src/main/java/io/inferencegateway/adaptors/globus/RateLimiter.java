package io.inferencegateway.adaptors.globus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Globus Compute's limit of 20 requests per 10 seconds per client, kept on our side: every call of one client
 * takes a permit first, waiting while the last {@code maxRequests} calls all fall within the window. After a 429
 * the client is paused until the service's retry time.
 */
final class RateLimiter {

    /** Waits; the production one sleeps, tests advance a fake clock. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final int maxRequests;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Map<String, Deque<Long>> starts = new HashMap<>();
    private final Map<String, Long> pausedUntil = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    RateLimiter(int maxRequests, long windowNanos, LongSupplier nanoTime, Sleeper sleeper) {
        if (maxRequests < 1 || windowNanos < 1) {
            throw new IllegalArgumentException("maxRequests and windowNanos must be positive");
        }
        this.maxRequests = maxRequests;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static RateLimiter system(int maxRequests, long windowNanos) {
        return new RateLimiter(maxRequests, windowNanos, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /**
     * Takes a permit for {@code client}, waiting as long as needed but not past {@code deadlineNanos} (a
     * {@link System#nanoTime()} value).
     *
     * @return false when the deadline would pass first (no permit is taken)
     */
    boolean acquire(String client, long deadlineNanos) throws InterruptedException {
        while (true) {
            long wait;
            lock.lock();
            try {
                long now = nanoTime.getAsLong();
                Deque<Long> recent = starts.computeIfAbsent(client, c -> new ArrayDeque<>());
                while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
                    recent.pollFirst();
                }
                long paused = pausedUntil.getOrDefault(client, now) - now;
                if (paused <= 0 && recent.size() < maxRequests) {
                    recent.addLast(now);
                    return true;
                }
                wait = Math.max(paused, recent.size() < maxRequests ? 0 : recent.peekFirst() + windowNanos - now);
                if (now + wait > deadlineNanos) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
            sleeper.sleep(Math.max(wait, 1));
        }
    }

    /** After a 429: no call of {@code client} starts for {@code nanos}. */
    void pause(String client, long nanos) {
        lock.lock();
        try {
            long until = nanoTime.getAsLong() + nanos;
            pausedUntil.merge(client, until, Math::max);
        } finally {
            lock.unlock();
        }
    }
}
