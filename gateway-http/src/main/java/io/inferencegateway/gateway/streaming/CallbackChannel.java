package io.inferencegateway.gateway.streaming;

import io.inferencegateway.adaptors.globus.CallbackStream;
import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.spi.SseEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's stream: the callback routes put what the remote function posts into a queue, and the client's
 * SSE relay takes it out in order. The stream ends with {@code [DONE]} when the function posts {@code /done/};
 * with an error event (then {@code [DONE]}) when it posts {@code /error/}, fails its authentication, its task
 * ends without finishing the stream, or nothing arrives within the first-data or idle timeout. A silence is
 * never taken for the end: it is reported as an error.
 */
final class CallbackChannel implements CallbackStream {

    /** Lines queued but not yet relayed, at most: a client that stops reading cannot exhaust the heap. */
    static final int MAX_QUEUED = 50_000;

    private sealed interface Item {
    }

    private record Data(String payload) implements Item {
    }

    private record End(String errorEvent) implements Item {
    }

    private final String taskId;
    private final String token;
    private final Duration firstDataTimeout;
    private final Duration idleTimeout;
    private final Runnable unregister;
    private final long openedNanos = System.nanoTime();
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean sawData;
    private boolean ended;

    CallbackChannel(String taskId, String token, Duration firstDataTimeout, Duration idleTimeout, Runnable unregister) {
        this.taskId = taskId;
        this.token = token;
        this.firstDataTimeout = firstDataTimeout;
        this.idleTimeout = idleTimeout;
        this.unregister = unregister;
    }

    @Override
    public String taskId() {
        return taskId;
    }

    @Override
    public String token() {
        return token;
    }

    /** Lines posted to {@code /data/}; {@code data: ...} lines become events, other lines are dropped as in FIRST. */
    void data(String lines) {
        for (String line : lines.split("\n")) {
            String payload = line.startsWith("data: ") ? line.substring(6) : line.startsWith("data:") ? line.substring(5)
                    : null;
            if (payload != null && !payload.isBlank()) {
                if (queue.size() >= MAX_QUEUED) {
                    end(StreamErrors.event("The client read the stream too slowly; it was cut off.",
                            "StreamingOverflowError", 500));
                    return;
                }
                queue.add(new Data(payload.strip()));
            }
        }
    }

    void done() {
        queue.add(new End(null));
    }

    void error(String text) {
        end(StreamErrors.fromRemote(text));
    }

    void authenticationFailed() {
        end(StreamErrors.authenticationFailed());
    }

    @Override
    public void taskFinished(String failure) {
        // Queued behind everything the function posted before it returned, so it only ends an unfinished stream.
        end(failure != null
                ? StreamErrors.event("The remote function failed: " + failure, "InternalServerError", 500)
                : StreamErrors.event("The remote function finished without completing the stream (it could not "
                        + "reach this gateway's streaming routes).", "StreamingIncompleteError", 502));
    }

    private void end(String errorEvent) {
        queue.add(new End(errorEvent));
    }

    @Override
    public SseEvent next() throws IOException {
        if (ended) {
            return null;
        }
        if (closed.get()) {
            throw new IOException("The stream was closed");
        }
        long waitNanos = sawData ? idleTimeout.toNanos()
                : firstDataTimeout.toNanos() - (System.nanoTime() - openedNanos);
        Item item;
        try {
            item = waitNanos > 0 ? queue.poll(waitNanos, TimeUnit.NANOSECONDS) : queue.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the remote function", e);
        }
        if (item == null) {
            ended = true;
            return SseEvent.data(sawData
                    ? StreamErrors.event("No data received from compute endpoint for "
                            + ConfigFields.inSeconds(idleTimeout) + " seconds; the stream was cut off.",
                            "StreamingTimeoutError", 504)
                    : StreamErrors.event("No data received from compute endpoint after "
                            + ConfigFields.inSeconds(firstDataTimeout) + " seconds. The model may be starting up; "
                            + "please try again.", "StreamingTimeoutError", 504));
        }
        if (item instanceof Data data) {
            sawData = true;
            return SseEvent.data(data.payload());
        }
        ended = true;
        String error = ((End) item).errorEvent();
        return error == null ? null : SseEvent.data(error);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            unregister.run();
        }
    }
}
