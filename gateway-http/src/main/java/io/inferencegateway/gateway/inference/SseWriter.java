package io.inferencegateway.gateway.inference;

import io.inferencegateway.spi.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes Server-Sent Events to one client, flushing each event as it is written (no buffering). Writes may come
 * from the relay and from the heartbeat at once, so they are serialized; a failed write is how a disconnected
 * client is noticed.
 */
public final class SseWriter {

    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastWriteNanos = System.nanoTime();

    public SseWriter(OutputStream out) {
        this.out = out;
    }

    public void write(SseEvent event) throws IOException {
        StringBuilder frame = new StringBuilder(event.data().length() + 16);
        if (event.event() != null) {
            frame.append("event: ").append(event.event()).append('\n');
        }
        // A data payload with newlines becomes several data lines, which the client joins back.
        int start = 0;
        for (int nl = event.data().indexOf('\n'); nl >= 0; nl = event.data().indexOf('\n', start)) {
            frame.append("data: ").append(event.data(), start, nl).append('\n');
            start = nl + 1;
        }
        frame.append("data: ").append(event.data(), start, event.data().length()).append("\n\n");
        writeFrame(frame.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A comment line: invisible to SSE clients, but it fails if the client has gone. */
    public void heartbeat() throws IOException {
        writeFrame(HEARTBEAT);
    }

    public long nanosSinceLastWrite() {
        return System.nanoTime() - lastWriteNanos;
    }

    private void writeFrame(byte[] frame) throws IOException {
        lock.lock();
        try {
            out.write(frame);
            out.flush();
            lastWriteNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }
}
