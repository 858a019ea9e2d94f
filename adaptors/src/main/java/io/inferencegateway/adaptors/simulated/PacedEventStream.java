package io.inferencegateway.adaptors.simulated;

import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hands out a {@link ChunkSequence} at the simulated model's pace: the first token after the time to first token,
 * then one token per interval, measured from when the stream was created so slow readers do not drift.
 */
final class PacedEventStream implements EventStream {

    private final ChunkSequence chunks;
    private final long firstTokenAt;
    private final long intervalNanos;
    // A latch rather than a flag: close() from another thread must wake a next() that is waiting for its slot.
    private final CountDownLatch closed = new CountDownLatch(1);

    PacedEventStream(ChunkSequence chunks, SimulatedSettings settings) {
        this.chunks = chunks;
        this.firstTokenAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeToFirstTokenMs());
        this.intervalNanos = settings.tokenIntervalNanos();
    }

    @Override
    public SseEvent next() throws InterruptedIOException {
        if (isClosed() || !chunks.hasNext()) {
            return null;
        }
        ChunkSequence.Chunk chunk = chunks.next();
        long wait = firstTokenAt + chunk.slot() * intervalNanos - System.nanoTime();
        if (wait > 0) {
            try {
                if (closed.await(wait, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pacing the simulated stream");
            }
        }
        return isClosed() ? null : chunk.event();
    }

    @Override
    public void close() {
        closed.countDown();
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }
}
