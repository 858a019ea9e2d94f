package io.inferencegateway.adaptors.openai;

import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.adaptors.http.UpstreamFailure;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import io.inferencegateway.sse.SseReader;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events of a streaming response from an OpenAI-compatible backend, parsed as the bytes arrive.
 *
 * <p>{@link #next()} after {@link #close()} throws: the stream was cut short, it did not finish.
 */
final class UpstreamEventStream implements EventStream {

    private final UpstreamExchange exchange;
    private final OpenAIConfig config;
    private final SseReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    UpstreamEventStream(UpstreamExchange exchange, OpenAIConfig config) {
        this.exchange = exchange;
        this.config = config;
        this.reader = new SseReader(exchange.body());
    }

    @Override
    public SseEvent next() throws IOException {
        if (closed.get()) {
            throw new IOException("The upstream event stream was closed");
        }
        try {
            SseEvent event = reader.next();
            if (event == null) {
                exchange.close();
            }
            return event;
        } catch (IOException | RuntimeException e) {
            // Jetty reports some failures unchecked, e.g. a malformed chunk as BadMessageException.
            if (closed.get()) {
                throw new IOException("The upstream event stream was closed", e);
            }
            exchange.close();
            throw new IOException(describe(e), e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            exchange.close();
        }
    }

    /** The in-band error the client gets: it names the endpoint, not where its backend is. */
    private String describe(Exception failure) {
        if (UpstreamFailure.of(failure) == UpstreamFailure.TIMEOUT) {
            return "Upstream endpoint " + config.endpoint() + " sent nothing for "
                    + ConfigFields.inSeconds(config.requestTimeout()) + " s";
        }
        return "Upstream endpoint " + config.endpoint() + " failed mid-stream: " + UpstreamFailure.describe(failure);
    }
}
