package io.inferencegateway.worker.kafka;

import io.inferencegateway.kafka.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON values for readers that may skip what they cannot read (the capacity topic's reports, the scheduler's count
 * of results): a record that is no {@code T} becomes null, so one bad record never stops the reader. Lines, which
 * must not be lost, are read by {@link LenientDeserializer} instead, which keeps the bytes for the dead letters.
 */
public final class SkippingDeserializer {

    private static final Logger LOG = LoggerFactory.getLogger(SkippingDeserializer.class);

    private SkippingDeserializer() {
    }

    public static <T> Deserializer<T> of(Class<T> type) {
        Deserializer<T> json = new JsonSerde<>(type).deserializer();
        return (topic, bytes) -> {
            try {
                return json.deserialize(topic, bytes);
            } catch (RuntimeException e) {
                LOG.debug("Skipped a record of {} that is no {}: {}", topic, type.getSimpleName(), e.toString());
                return null;
            }
        };
    }
}
