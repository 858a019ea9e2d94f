package io.inferencegateway.worker.lines;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lane's time that passes only when the test moves it. A lane waiting on it returns when an element comes, as on
 * {@link LaneTime#SYSTEM}, or once the test has moved the time past the end of its wait (noticed within milliseconds).
 */
final class TestTime implements LaneTime {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public <T> T poll(BlockingQueue<T> queue, long nanos) throws InterruptedException {
        long until = now.get() + nanos;
        while (true) {
            T element = queue.poll(2, TimeUnit.MILLISECONDS);
            if (element != null || now.get() - until >= 0) {
                return element;
            }
        }
    }

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    /** The time passed since {@code start}, a value of {@link #nanoTime()}. */
    Duration since(long start) {
        return Duration.ofNanos(now.get() - start);
    }
}
