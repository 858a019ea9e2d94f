package io.inferencegateway.gateway.limits;

/**
 * A count over the last {@code buckets × bucketMillis} milliseconds, kept in a ring of buckets stamped with the
 * time slot they hold, so stale buckets are skipped without a cleaner thread. Adding takes the event's own time,
 * so usage reported late by another replica still lands in its minute.
 */
final class SlidingWindow {

    private final long bucketMillis;
    private final long[] slots;
    private final long[] counts;

    SlidingWindow(int buckets, long bucketMillis) {
        this.bucketMillis = bucketMillis;
        this.slots = new long[buckets];
        this.counts = new long[buckets];
        java.util.Arrays.fill(slots, Long.MIN_VALUE);
    }

    synchronized void add(long timeMillis, long amount) {
        long slot = Math.floorDiv(timeMillis, bucketMillis);
        int index = (int) Math.floorMod(slot, slots.length);
        if (slots[index] != slot) {
            if (slots[index] > slot) {
                return; // Older than the window: it no longer counts.
            }
            slots[index] = slot;
            counts[index] = 0;
        }
        counts[index] += amount;
    }

    synchronized long sum(long nowMillis) {
        long current = Math.floorDiv(nowMillis, bucketMillis);
        long total = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] > current - slots.length && slots[i] <= current) {
                total += counts[i];
            }
        }
        return total;
    }

    /**
     * Whether nothing counted here counts at {@code nowMillis} or later. A count stamped ahead of this replica's
     * clock (another replica's clock runs a little fast) still keeps the window.
     */
    synchronized boolean isSpent(long nowMillis) {
        long current = Math.floorDiv(nowMillis, bucketMillis);
        for (int i = 0; i < slots.length; i++) {
            if (counts[i] > 0 && slots[i] > current - slots.length) {
                return false;
            }
        }
        return true;
    }

    /** Milliseconds until the oldest counted bucket leaves the window (at least one bucket). */
    synchronized long millisUntilOldestExpires(long nowMillis) {
        long current = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = current;
        for (int i = 0; i < slots.length; i++) {
            if (counts[i] > 0 && slots[i] > current - slots.length && slots[i] < oldest) {
                oldest = slots[i];
            }
        }
        long expiresAt = (oldest + slots.length) * bucketMillis;
        return Math.max(bucketMillis, expiresAt - nowMillis);
    }
}
