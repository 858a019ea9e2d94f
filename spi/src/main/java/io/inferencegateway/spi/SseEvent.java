package io.inferencegateway.spi;

import java.util.Objects;

/**
 * One Server-Sent Event, as the backend sent it.
 *
 * @param event the {@code event:} field, null for the default {@code message} event
 * @param data  the {@code data:} payload (several data lines joined by newlines), e.g. one JSON chunk or
 *              {@code [DONE]}
 */
public record SseEvent(String event, String data) {

    public static final String DONE = "[DONE]";

    public SseEvent {
        Objects.requireNonNull(data, "data");
    }

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    public boolean isDone() {
        return event == null && DONE.equals(data);
    }
}
