package io.inferencegateway.adaptors.simulated;

import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Hands out a {@link ChunkSequence} at the simulated model's pace, holding a {@link ModelCapacity.Place} from start
 * to end: the first event waits for a slot, then the time to first token, then one token per interval, each step
 * scaled by the load factor when it starts (see {@link CapacitySettings}). Due times add up from the slot's start,
 * so slow readers do not drift. The place is closed with the stream or once the last event is handed out.
 */
final class PacedEventStream implements EventStream {

    private final ChunkSequence chunks;
    private final ModelCapacity.Place place;
    private final String finishReason;
    private final long firstTokenNanos;
    private final long intervalNanos;
    private boolean started;
    private boolean firstHandedOut;
    private int dueSlot;
    private long dueAt;

    PacedEventStream(ChunkSequence chunks, SimulatedSettings settings, ModelCapacity.Place place, String finishReason) {
        this.chunks = chunks;
        this.place = place;
        this.finishReason = finishReason;
        this.firstTokenNanos = TimeUnit.MILLISECONDS.toNanos(settings.timeToFirstTokenMs());
        this.intervalNanos = settings.tokenIntervalNanos();
        if (place.state() == ModelCapacity.State.RUNNING) {
            start();
        }
    }

    /** Waits up to {@code timeout} for a slot, without starting the stream; the place's state afterwards. */
    ModelCapacity.State awaitSlot(long timeout, TimeUnit unit) throws InterruptedException {
        return place.await(timeout, unit);
    }

    @Override
    public SseEvent next() throws InterruptedIOException {
        if (place.state() == ModelCapacity.State.CLOSED || !chunks.hasNext()) {
            return null;
        }
        try {
            if (!started) {
                // Waits for a slot as long as it takes; close() wakes it.
                if (place.await(Long.MAX_VALUE, TimeUnit.NANOSECONDS) != ModelCapacity.State.RUNNING) {
                    return null;
                }
                start();
            }
            ChunkSequence.Chunk chunk = chunks.next();
            if (chunk.slot() > dueSlot) {
                dueAt += scaled((chunk.slot() - dueSlot) * intervalNanos);
                dueSlot = chunk.slot();
            }
            if (!place.sleepUntil(dueAt)) {
                return null;
            }
            if (!firstHandedOut) {
                firstHandedOut = true;
                place.firstToken();
            }
            if (!chunks.hasNext()) {
                place.finished(finishReason);
                place.close();
            }
            return chunk.event();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            place.close();
            throw new InterruptedIOException("interrupted while pacing the simulated stream");
        }
    }

    @Override
    public void close() {
        place.close();
    }

    private void start() {
        started = true;
        dueAt = System.nanoTime() + scaled(firstTokenNanos);
    }

    private long scaled(long nanos) {
        return nanos == 0 ? 0 : Math.round(nanos * place.loadFactor());
    }
}
