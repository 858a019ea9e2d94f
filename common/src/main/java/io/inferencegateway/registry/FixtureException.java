package io.inferencegateway.registry;

/**
 * A fixture the gateway cannot use. The message always names the file, the entry and the field, e.g.
 * {@code fixtures/endpoints.json, entry 3 (pk 4), field "endpoint_adapter": class com.example.Foo not found}.
 */
public class FixtureException extends RuntimeException {

    public FixtureException(String message) {
        super(message);
    }

    public FixtureException(String message, Throwable cause) {
        super(message, cause);
    }

    static FixtureException at(FixtureSource source, String field, String problem) {
        return new FixtureException(source.describe() + ", field \"" + field + "\": " + problem);
    }
}
