package io.inferencegateway.batch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The eight statuses of OpenAI's Batch object. FIRST-style batches use the same ones (FIRST's own
 * pending/running/failed/completed are what {@code io.inferencegateway.spi.BatchStatus} reports for native batches).
 */
public enum BatchState {
    VALIDATING, FAILED, IN_PROGRESS, FINALIZING, COMPLETED, EXPIRED, CANCELLING, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BatchState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** No further transition happens from a terminal state. */
    public boolean isTerminal() {
        return this == FAILED || this == COMPLETED || this == EXPIRED || this == CANCELLED;
    }

    /** Counts toward a user's quota of active batches. */
    public boolean isActive() {
        return !isTerminal();
    }
}
