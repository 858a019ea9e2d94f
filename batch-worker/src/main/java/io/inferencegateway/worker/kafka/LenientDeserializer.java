package io.inferencegateway.worker.kafka;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Deserializes with a serde and turns an unreadable record (bytes that are not the type, or a value that lacks what
 * the type needs) into a {@link Decoded} that keeps the bytes and says why, instead of an exception: the consumer
 * can then set that one record aside instead of stalling on it.
 */
public final class LenientDeserializer<T> implements Deserializer<Decoded<T>> {

    private static final int MAX_PROBLEM = 500;

    private final Deserializer<T> inner;
    private final Function<T, String> problem;

    /** @param problem what a value read from JSON still lacks, or null when it is usable */
    public LenientDeserializer(Serde<T> serde, Function<T, String> problem) {
        this.inner = serde.deserializer();
        this.problem = problem;
    }

    @Override
    public Decoded<T> deserialize(String topic, byte[] data) {
        if (data == null) {
            return Decoded.unreadable(null, "The record has no value.");
        }
        T value;
        try {
            value = inner.deserialize(topic, data);
        } catch (RuntimeException e) {
            String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            return Decoded.unreadable(data, shorten(e.getMessage() + cause));
        }
        String missing = value == null ? "The record's value is null." : problem.apply(value);
        return missing == null ? Decoded.of(value) : Decoded.unreadable(data, shorten(missing));
    }

    private static String shorten(String text) {
        return text.length() <= MAX_PROBLEM ? text : text.substring(0, MAX_PROBLEM) + "...";
    }
}
