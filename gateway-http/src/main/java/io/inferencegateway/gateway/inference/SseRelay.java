package io.inferencegateway.gateway.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.limits.Usage;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a backend's event stream to a client event by event, as the backend sends it. Ends the client's stream
 * with {@code [DONE]} whatever happens upstream; turns an upstream failure into an in-band error event; cancels
 * the upstream call the moment the client is gone (a heartbeat comment finds that out while the backend is
 * silent); and picks up token usage from the final usage chunk, hiding that chunk from clients that did not ask
 * for it.
 */
public final class SseRelay {

    private static final Logger LOG = LoggerFactory.getLogger(SseRelay.class);

    private final Duration heartbeatInterval;

    public SseRelay(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    /**
     * @param clientAskedForUsage whether the client itself sent {@code stream_options.include_usage: true}
     */
    public StreamOutcome relay(EventStream upstream, SseWriter client, boolean clientAskedForUsage) {
        long start = System.nanoTime();
        long firstEvent = -1;
        Usage usage = Usage.NONE;
        Thread heartbeat = Thread.ofVirtual().name("sse-heartbeat").start(() -> beat(client, upstream));
        try {
            boolean done = false;
            for (SseEvent event = nextOrNull(upstream); event != null && !done; event = nextOrNull(upstream)) {
                if (event.isDone()) {
                    done = true;
                } else if (event.event() == null && event.data().contains("\"usage\"")) {
                    JsonNode chunk = parse(event.data());
                    Usage seen = Usage.of(chunk == null ? null : chunk.get("usage"));
                    if (seen.isKnown()) {
                        usage = seen;
                        if (!clientAskedForUsage && chunk.path("choices").isEmpty()) {
                            continue; // The usage-only chunk we asked for on the client's behalf.
                        }
                    }
                }
                client.write(event);
                if (firstEvent < 0) {
                    firstEvent = System.nanoTime() - start;
                }
            }
            if (!done) {
                client.write(SseEvent.data(SseEvent.DONE));
            }
            return new StreamOutcome(usage, false, null, firstEvent);
        } catch (UpstreamStreamFailure failure) {
            return endWithError(client, usage, failure.getMessage(), firstEvent);
        } catch (IOException clientGone) {
            upstream.close();
            return new StreamOutcome(usage, true, null, firstEvent);
        } finally {
            heartbeat.interrupt();
            upstream.close();
        }
    }

    private static StreamOutcome endWithError(SseWriter client, Usage usage, String message, long firstEvent) {
        try {
            client.write(SseEvent.data(Json.write(Map.of("error", Map.of(
                    "message", message, "type", "server_error", "param", "", "code", "upstream_error")))));
            client.write(SseEvent.data(SseEvent.DONE));
            return new StreamOutcome(usage, false, message, firstEvent);
        } catch (IOException clientGone) {
            return new StreamOutcome(usage, true, message, firstEvent);
        }
    }

    private static SseEvent nextOrNull(EventStream upstream) throws UpstreamStreamFailure {
        try {
            return upstream.next();
        } catch (IOException | RuntimeException e) {
            throw new UpstreamStreamFailure("The model's stream failed: " + e.getMessage());
        }
    }

    private void beat(SseWriter client, EventStream upstream) {
        long interval = heartbeatInterval.toNanos();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long idle = client.nanosSinceLastWrite();
                if (idle >= interval) {
                    client.heartbeat();
                    idle = 0;
                }
                Thread.sleep(Duration.ofNanos(interval - idle));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            LOG.debug("Client went away during a silent stretch; cancelling upstream");
            upstream.close();
        }
    }

    private static JsonNode parse(String data) {
        try {
            return Json.MAPPER.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }

    /** The upstream side failed after the stream started. */
    private static final class UpstreamStreamFailure extends Exception {
        UpstreamStreamFailure(String message) {
            super(message, null, false, false);
        }
    }
}
