package io.inferencegateway.worker.kafka;

import io.inferencegateway.files.FileLimits;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Client settings of the worker's Kafka producers and consumers, and the topic and group settings it relies on. */
public final class WorkerKafka {

    /**
     * One line may carry images: the lines topic and the producers accept records this large, the longest line an
     * input may hold plus room for the record's other fields.
     */
    public static final int MAX_RECORD_BYTES = FileLimits.MAX_LINE_BYTES + 1024 * 1024;

    private final KafkaSettings settings;

    public WorkerKafka(KafkaSettings settings) {
        this.settings = settings;
    }

    public KafkaSettings settings() {
        return settings;
    }

    /** acks=all and idempotent: a retried send is written once; large enough for the biggest line. */
    public Map<String, Object> producer(String role) {
        Map<String, Object> p = new HashMap<>(settings.clientProperties(role));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_RECORD_BYTES);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /**
     * As {@link #producer}, but every record goes out at once (linger 0): for the capacity topic's reports and
     * budgets, so that a budget cut for interactive requests reaches the other workers without waiting for lines
     * to share its request.
     */
    public Map<String, Object> capacityProducer(String role) {
        Map<String, Object> p = producer(role);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return p;
    }

    /** A classic (KIP-848) group member that commits by hand, after the durable write. */
    public Map<String, Object> consumer(String role, String groupId, int maxPollRecords) {
        Map<String, Object> p = new HashMap<>(settings.clientProperties(role));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        return p;
    }

    /**
     * A consumer outside any group, for a reader that assigns itself every partition and starts at the end (the
     * capacity topic, the scheduler's view of results): nothing committed, fetches answered within 50 ms.
     */
    public Map<String, Object> reader(String role) {
        Map<String, Object> p = new HashMap<>(settings.clientProperties(role));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return p;
    }

    /** A share-group member with explicit acknowledgement, taking at most {@code maxPollRecords} per poll. */
    public Map<String, Object> shareConsumer(String role, String groupId, int maxPollRecords) {
        Map<String, Object> p = new HashMap<>(settings.clientProperties(role));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put("share.acknowledgement.mode", "explicit");
        p.put("share.acquire.mode", "record_limit");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        return p;
    }

    /**
     * Makes the lines topic and its dead letters accept {@link #MAX_RECORD_BYTES} records and the share group start
     * at the earliest line (a new share group would otherwise skip every line published before its first member
     * joined). All are idempotent, so every worker applies them at start-up.
     */
    public void prepare(Admin admin, Topics topics, String linesGroup) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, topics.lines()),
                List.of(set(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES))),
                // An unreadable line goes there as it came, whatever its size.
                new ConfigResource(ConfigResource.Type.TOPIC, topics.lineDeadLetters()),
                List.of(set(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES))),
                new ConfigResource(ConfigResource.Type.GROUP, linesGroup),
                List.of(set("share.auto.offset.reset", "earliest")));
        try {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while configuring the lines topic", e);
        } catch (Exception e) {
            throw new KafkaException("Could not configure " + topics.lines() + " and share group " + linesGroup, e);
        }
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
