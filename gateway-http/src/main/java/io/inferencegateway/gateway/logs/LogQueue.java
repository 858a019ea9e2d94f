package io.inferencegateway.gateway.logs;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free ring of log rows for many producers and one consumer. The consumer reads rows without
 * removing them and releases them only once they are written, so the capacity bounds every row not yet in the
 * database, the batch being retried included.
 *
 * <p>Producers claim a slot with one compare-and-set on the producer index and publish the row with a release store;
 * nothing is allocated per row. The consumer nulls the slots it is done with before it moves its index past them, so a
 * null slot below the producer index means "claimed but not yet published".
 */
final class LogQueue {

    private final int capacity;
    private final int mask;
    private final AtomicReferenceArray<LogEntry> slots;
    private final AtomicLong producerIndex = new AtomicLong();
    // Written only by the consumer; producers read it to see how much room is left.
    private final AtomicLong consumerIndex = new AtomicLong();

    LogQueue(int capacity) {
        this.capacity = capacity;
        int length = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.mask = length - 1;
        this.slots = new AtomicReferenceArray<>(length);
    }

    /** Adds a row unless {@code capacity} rows are held; never blocks. Returns the claimed index, or -1 if full. */
    long offer(LogEntry entry) {
        long index;
        do {
            index = producerIndex.get();
            if (index - consumerIndex.get() >= capacity) {
                return -1;
            }
        } while (!producerIndex.compareAndSet(index, index + 1));
        slots.setRelease((int) (index & mask), entry);
        return index;
    }

    /**
     * Consumer only: appends to {@code sink} up to {@code max} of the oldest rows, without removing them. Stops at
     * the first slot whose producer has not published yet. Returns how many were appended.
     */
    int peek(List<LogEntry> sink, int max) {
        long start = consumerIndex.get();
        long available = producerIndex.get() - start;
        int count = 0;
        while (count < max && count < available) {
            LogEntry entry = slots.getAcquire((int) ((start + count) & mask));
            if (entry == null) {
                break;
            }
            sink.add(entry);
            count++;
        }
        return count;
    }

    /** Consumer only: frees the first {@code count} rows, which {@link #peek} returned and which are now written. */
    void release(int count) {
        long start = consumerIndex.get();
        for (int i = 0; i < count; i++) {
            slots.setPlain((int) ((start + i) & mask), null);
        }
        // The release store orders the nulls above before any producer that sees the new index reuses a slot.
        consumerIndex.setRelease(start + count);
    }

    /** Rows claimed and not yet released. */
    long size() {
        return Math.max(0, producerIndex.get() - consumerIndex.get());
    }

    int capacity() {
        return capacity;
    }
}
