package io.inferencegateway.worker.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Deserializes with a serde, and turns an unreadable record into null instead of an exception, so the consumer can
 * reject that one record instead of stalling on it.
 */
public final class LenientDeserializer<T> implements Deserializer<T> {

    private final Deserializer<T> inner;

    public LenientDeserializer(Serde<T> serde) {
        this.inner = serde.deserializer();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        try {
            return inner.deserialize(topic, data);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
