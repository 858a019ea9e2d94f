package io.inferencegateway.spi;

/**
 * Thrown by an adaptor's constructor when its {@code config} object is unusable, or by {@link BaseEndpoint}'s when
 * the class itself cannot serve (field {@code endpoint_adapter}). The message names the field; the registry adds
 * the fixture file and entry.
 */
public class AdaptorConfigException extends RuntimeException {

    private final String field;

    public AdaptorConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field, as a path inside the fixture entry, e.g. {@code config.api_url}. */
    public String field() {
        return field;
    }
}
