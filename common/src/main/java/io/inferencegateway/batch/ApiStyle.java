package io.inferencegateway.batch;

import java.util.Locale;

/** Which API family created a batch: it decides how the batch is shown, never how it runs. */
public enum ApiStyle {
    /** {@code POST /v1/batches} with an uploaded input file. */
    OPENAI,
    /** {@code POST /resource_server/{cluster}/{framework}/v1/batches} with a path on a shared filesystem. */
    FIRST;

    /** The value of the {@code api_style} column. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApiStyle fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
