package io.inferencegateway.worker.kafka;

import io.inferencegateway.json.Json;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The process's one idempotent producer (acks=all): JSON values on any of the batch topics, and records set aside as
 * they came. Thread-safe.
 */
public final class RecordSender implements AutoCloseable {

    private final Producer<String, byte[]> producer;

    public RecordSender(Map<String, Object> producerProperties) {
        this(new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Sends through {@code producer}, which this sender closes. */
    public RecordSender(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Sends without waiting. */
    public Future<RecordMetadata> send(String topic, String key, Object value) {
        return producer.send(new ProducerRecord<>(topic, key, Json.writeBytes(value)));
    }

    /** Sends without waiting; {@code callback} learns the outcome on the producer's I/O thread. */
    public void send(String topic, String key, Object value, Callback callback) {
        producer.send(new ProducerRecord<>(topic, key, Json.writeBytes(value)), callback);
    }

    /** Sends a record as it is, bytes and headers, without waiting. */
    public Future<RecordMetadata> sendRaw(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    /** A group of sends that succeed or fail together from the caller's point of view. */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        public void send(String topic, String key, Object value) {
            send(topic, null, key, value);
        }

        /** Sends to {@code partition}, or where the key hashes to when it is null. */
        public void send(String topic, Integer partition, String key, Object value) {
            Exception first = failure.get();
            if (first != null) {
                throw new KafkaException("An earlier send of this batch failed", first);
            }
            producer.send(new ProducerRecord<>(topic, partition, key, Json.writeBytes(value)), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }

        /** Waits until every send of the batch is acknowledged by all in-sync replicas; throws if one failed. */
        public void await() {
            producer.flush();
            Exception first = failure.get();
            if (first != null) {
                throw new KafkaException("Sending to Kafka failed", first);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
