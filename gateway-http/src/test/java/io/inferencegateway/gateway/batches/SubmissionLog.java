package io.inferencegateway.gateway.batches;

import io.inferencegateway.batch.BatchSubmission;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.kafka.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the whole submissions topic as it is now. A create answers only after the broker acknowledged its record,
 * so every submission of a batch created before the call is below the end offsets read here.
 */
final class SubmissionLog {

    private SubmissionLog() {
    }

    /** How many submission records name each of {@code batchIds} (absent ids: none). */
    static Map<String, Integer> count(Collection<String> batchIds) {
        Map<String, Object> config = new HashMap<>(TestServers.kafka().clientProperties("submission-log"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, BatchSubmission> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new JsonSerde<>(BatchSubmission.class).deserializer())) {
            String topic = Topics.defaults().submissions();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, BatchSubmission> record : consumer.poll(Duration.ofMillis(500))) {
                    if (batchIds.contains(record.key())) {
                        if (!record.key().equals(record.value().batchId())) {
                            throw new AssertionError("Submission keyed " + record.key() + " names "
                                    + record.value().batchId());
                        }
                        counts.merge(record.key(), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }
}
