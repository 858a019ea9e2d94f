package io.inferencegateway.simulated;

import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes an {@link EventStream} to an HTTP response as Server-Sent Events, each flushed as soon as it exists. */
final class SseWriter {

    private SseWriter() {
    }

    /**
     * Relays every event, then closes the stream. A failed write means the client left; the stream is closed so
     * the simulated generation stops too.
     */
    static void relay(EventStream events, HttpServletResponse response) {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("utf-8");
        response.setHeader("Cache-Control", "no-cache");
        // Tells nginx-style proxies not to buffer the stream either.
        response.setHeader("X-Accel-Buffering", "no");
        try (events; OutputStream out = response.getOutputStream()) {
            for (SseEvent event = events.next(); event != null; event = events.next()) {
                out.write(encode(event));
                // The servlet stream itself must be flushed: Javalin's ctx.outputStream().flush() does not reach it.
                out.flush();
            }
        } catch (IOException e) {
            // The client disconnected; closing the stream (above) is all there is to do.
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
