package io.inferencegateway.worker.kafka;

import io.inferencegateway.worker.metrics.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets aside records no worker can read: logs and counts each, and writes it to a dead-letter topic with its
 * original key, bytes and headers, plus headers saying why and where it came from, so an operator can look at it
 * and nothing is lost silently. Thread-safe.
 */
public final class DeadLetters {

    /** Why the record could not be read. */
    public static final String REASON = "dead-letter-reason";
    /** Topic, partition and offset it was read from, and the worker that set it aside. */
    public static final String SOURCE_TOPIC = "dead-letter-source-topic";
    public static final String SOURCE_PARTITION = "dead-letter-source-partition";
    public static final String SOURCE_OFFSET = "dead-letter-source-offset";
    public static final String WORKER = "dead-letter-worker";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final long SEND_SECONDS = 10;

    private final RecordSender sender;
    private final String topic;
    private final WorkerMetrics metrics;
    private final String workerId;

    public DeadLetters(RecordSender sender, String topic, WorkerMetrics metrics, String workerId) {
        this.sender = sender;
        this.topic = topic;
        this.metrics = metrics;
        this.workerId = workerId;
    }

    /**
     * Sends an unreadable record to the dead-letter topic and waits until it is stored.
     *
     * @return whether it is stored there; if not, the caller releases the record to be delivered again
     */
    public boolean divert(ConsumerRecord<String, ? extends Decoded<?>> record) {
        String reason = record.value() == null ? "The record could not be read." : record.value().problem();
        LOG.error("Unreadable record on {} partition {} offset {} (key {}): {}; setting it aside in {}",
                record.topic(), record.partition(), record.offset(), record.key(), reason, topic);
        metrics.unreadable(record.topic());
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, bytes(reason));
        headers.add(SOURCE_TOPIC, bytes(record.topic()));
        headers.add(SOURCE_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, bytes(Long.toString(record.offset())));
        headers.add(WORKER, bytes(workerId));
        byte[] raw = record.value() == null ? null : record.value().raw();
        try {
            sender.sendRaw(new ProducerRecord<>(topic, null, record.key(), raw, headers))
                    .get(SEND_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn("Could not set aside the record at {} partition {} offset {}; it will come back: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
