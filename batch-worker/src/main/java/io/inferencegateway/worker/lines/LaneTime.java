package io.inferencegateway.worker.lines;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The time a lane measures its waits on (lock renewals, the re-check of waiting lines, the grace of a stopping lane):
 * {@link #SYSTEM} in a worker, a clock the test moves in tests, so that they need not wait seconds for it.
 */
interface LaneTime {

    /** {@link System#nanoTime()}, and a queue's own timed poll. */
    LaneTime SYSTEM = new LaneTime() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public <T> T poll(BlockingQueue<T> queue, long nanos) throws InterruptedException {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        }
    };

    long nanoTime();

    /** The queue's next element, waiting for it until {@code nanos} of this time have passed; null if none came. */
    <T> T poll(BlockingQueue<T> queue, long nanos) throws InterruptedException;
}
