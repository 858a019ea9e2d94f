package io.inferencegateway.spi;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status of a batch that an adaptor runs natively, as FIRST reports it. */
public enum BatchStatus {
    PENDING, RUNNING, FAILED, COMPLETED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == FAILED || this == COMPLETED;
    }
}
