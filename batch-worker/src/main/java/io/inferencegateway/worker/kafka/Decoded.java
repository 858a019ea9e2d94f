package io.inferencegateway.worker.kafka;

/**
 * A record value as {@link LenientDeserializer} read it: the value, or the record's own bytes and why they could not
 * be read (so the record can go to a dead-letter topic as it came).
 *
 * @param value   the value; null when unreadable
 * @param raw     the bytes of an unreadable value (null for a record without one); null when readable
 * @param problem why the value could not be read; null when readable
 */
public record Decoded<T>(T value, byte[] raw, String problem) {

    public static <T> Decoded<T> of(T value) {
        return new Decoded<>(value, null, null);
    }

    public static <T> Decoded<T> unreadable(byte[] raw, String problem) {
        return new Decoded<>(null, raw, problem);
    }

    public boolean readable() {
        return problem == null;
    }
}
