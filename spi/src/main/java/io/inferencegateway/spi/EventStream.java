package io.inferencegateway.spi;

import java.io.IOException;

/**
 * A framework-neutral stream of Server-Sent Events from a backend. The HTTP layer calls {@link #next()} on a
 * virtual thread and writes each event to the client as soon as it arrives.
 *
 * <p>Contract for implementers: {@link #next()} blocks until the backend sends the next event and returns null
 * once the backend has finished (the {@code [DONE]} event, if the backend sends one, is returned like any other
 * event). A failure after the stream started is thrown as an {@link IOException}; the HTTP layer turns it into
 * an in-band error event. {@link #close()} may be called from another thread at any time, e.g. when the client
 * disconnects, and must cancel the upstream request so the model stops generating.
 */
public interface EventStream extends AutoCloseable {

    /** The next event, or null when the backend has finished. */
    SseEvent next() throws IOException;

    /** Cancels the upstream request if it is still running; idempotent, never throws. */
    @Override
    void close();
}
