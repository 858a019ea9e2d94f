package io.inferencegateway.spi;

/**
 * Thrown by an adaptor's constructor when its {@code config} object is unusable. The message names the field;
 * the registry adds the fixture file and entry.
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
