package io.inferencegateway.gateway.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding windows of one shape, one per key: created by the first count, forgotten once nothing in them counts any
 * more, so memory follows the users active within a window rather than every user a replica has ever seen.
 */
final class WindowMap {

    private final int buckets;
    private final long bucketMillis;
    private final ConcurrentHashMap<String, SlidingWindow> windows = new ConcurrentHashMap<>();

    WindowMap(int buckets, long bucketMillis) {
        this.buckets = buckets;
        this.bucketMillis = bucketMillis;
    }

    void add(String key, long timeMillis, long amount) {
        // Counted inside compute, so a count can never land in a window that forgetEmpty has just dropped.
        windows.compute(key, (k, window) -> {
            SlidingWindow counted = window != null ? window : new SlidingWindow(buckets, bucketMillis);
            counted.add(timeMillis, amount);
            return counted;
        });
    }

    long sum(String key, long nowMillis) {
        SlidingWindow window = windows.get(key);
        return window == null ? 0 : window.sum(nowMillis);
    }

    /** Milliseconds until the oldest count under {@code key} leaves the window (at least one bucket). */
    long millisUntilOldestExpires(String key, long nowMillis) {
        SlidingWindow window = windows.get(key);
        return window == null ? bucketMillis : window.millisUntilOldestExpires(nowMillis);
    }

    /** Drops the windows in which nothing counts at {@code nowMillis} or later; returns how many. */
    int forgetEmpty(long nowMillis) {
        int forgotten = 0;
        for (String key : windows.keySet()) {
            boolean[] dropped = {false};
            windows.computeIfPresent(key, (k, window) -> {
                dropped[0] = window.isSpent(nowMillis);
                return dropped[0] ? null : window;
            });
            if (dropped[0]) {
                forgotten++;
            }
        }
        return forgotten;
    }

    int size() {
        return windows.size();
    }
}
