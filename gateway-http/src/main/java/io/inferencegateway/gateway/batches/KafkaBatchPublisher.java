package io.inferencegateway.gateway.batches;

import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchSubmission;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes submissions and batch events with one idempotent producer ({@code acks=all}), keyed by batch id, and
 * waits for the broker's acknowledgement so that a 200 means the record is in the log, or was logged as missing.
 * An unreachable Kafka delays an answer by at most about {@link #MAX_WAIT}.
 */
public final class KafkaBatchPublisher implements BatchPublisher, AutoCloseable {

    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;

    private KafkaBatchPublisher(KafkaProducer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    public static KafkaBatchPublisher start(KafkaSettings kafka, Topics topics) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties("batch-producer"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Bounded waits: the batch row is already committed, and a stuck publish must not hold the request long.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) MAX_WAIT.toMillis() - 3_000);
        return new KafkaBatchPublisher(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                topics);
    }

    @Override
    public boolean submitted(String batchId) {
        return send(topics.submissions(), batchId, Json.writeBytes(new BatchSubmission(batchId)));
    }

    @Override
    public boolean changed(BatchEvent event) {
        return send(topics.events(), event.batchId(), Json.writeBytes(event));
    }

    private boolean send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            unpublished(topic, key, e.getCause().toString());
        } catch (TimeoutException | KafkaException e) {
            unpublished(topic, key, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unpublished(topic, key, "interrupted");
        }
        return false;
    }

    private static void unpublished(String topic, String key, String reason) {
        LOG.warn("Could not publish batch {} to {} (PostgreSQL keeps the batch; the workers repair): {}", key, topic,
                reason);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
