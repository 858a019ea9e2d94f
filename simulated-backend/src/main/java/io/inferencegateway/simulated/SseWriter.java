package io.inferencegateway.simulated;

import io.inferencegateway.adaptors.simulated.ModelCapacity;
import io.inferencegateway.adaptors.simulated.SimulatedReply;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Writes an {@link EventStream} to an HTTP response as Server-Sent Events, each flushed as soon as it exists. */
final class SseWriter {

    private SseWriter() {
    }

    /** How often a stream waiting for a slot writes a comment, which is how a client gone from the queue is seen. */
    static final long QUEUED_HEARTBEAT_MS = 1000;

    private static final byte[] QUEUED = ": queued\n\n".getBytes(StandardCharsets.UTF_8);

    /**
     * Relays every event, then closes the stream. A failed write means the client left; the stream is closed so
     * the simulated generation stops too and its slot (or place in the queue) is freed.
     *
     * <p>A stream still waiting for a slot sends its headers at once, as vLLM does, then an SSE comment (which
     * clients ignore) every {@link #QUEUED_HEARTBEAT_MS} ms: the server cannot notice a client that left without
     * writing to it.
     */
    static void relay(SimulatedReply.Stream stream, HttpServletResponse response) {
        EventStream events = stream.events();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("utf-8");
        response.setHeader("Cache-Control", "no-cache");
        // Tells nginx-style proxies not to buffer the stream either.
        response.setHeader("X-Accel-Buffering", "no");
        try (events; OutputStream out = response.getOutputStream()) {
            for (ModelCapacity.State state = stream.awaitSlot(0, TimeUnit.MILLISECONDS);
                 state != ModelCapacity.State.RUNNING;
                 state = stream.awaitSlot(QUEUED_HEARTBEAT_MS, TimeUnit.MILLISECONDS)) {
                if (state == ModelCapacity.State.CLOSED) {
                    return;
                }
                out.write(QUEUED);
                out.flush();
            }
            for (SseEvent event = events.next(); event != null; event = events.next()) {
                out.write(encode(event));
                // The servlet stream itself must be flushed: Javalin's ctx.outputStream().flush() does not reach it.
                out.flush();
            }
        } catch (IOException e) {
            // The client disconnected; closing the stream (above) is all there is to do.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] encode(SseEvent event) {
        StringBuilder text = new StringBuilder(event.data().length() + 16);
        if (event.event() != null) {
            text.append("event: ").append(event.event()).append('\n');
        }
        for (String line : event.data().split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
