package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.worker.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records of the lines topic that are no line (issue 14: they used to vanish with no log or metric) are logged,
 * counted, and set aside in the dead-letter topic with their own bytes and, in headers, why; the lane goes on.
 */
@Timeout(120)
class DeadLetterTest {

    static WorkerStack stack;
    static BatchWorker worker;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        worker = stack.startWorker("dead-letters");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void unreadableLineRecordsAreSetAsideWithTheirBytesAndWhyAndTheLaneGoesOn() {
        byte[] notJson = "not a line {".getBytes(StandardCharsets.UTF_8);
        byte[] noFields = "{}".getBytes(StandardCharsets.UTF_8);
        stack.publishRaw(stack.topics.lines(), "junk/1", notJson, Map.of("trace", "t-1"));
        stack.publishRaw(stack.topics.lines(), "junk/2", noFields, Map.of());
        String id = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 20));
        stack.submit(id);

        stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(60));
        List<ConsumerRecord<String, byte[]>> letters = deadLetters(2);

        ConsumerRecord<String, byte[]> first = letters.stream().filter(r -> r.key().equals("junk/1")).findFirst()
                .orElseThrow();
        assertThat(first.value()).isEqualTo(notJson);
        assertThat(header(first, "trace")).isEqualTo("t-1");
        assertThat(header(first, DeadLetters.REASON)).contains("Not a LineTask record");
        assertThat(header(first, DeadLetters.SOURCE_TOPIC)).isEqualTo(stack.topics.lines());
        assertThat(header(first, DeadLetters.SOURCE_OFFSET)).matches("[0-9]+");
        assertThat(header(first, DeadLetters.WORKER)).isEqualTo("dead-letters");
        ConsumerRecord<String, byte[]> second = letters.stream().filter(r -> r.key().equals("junk/2")).findFirst()
                .orElseThrow();
        assertThat(second.value()).isEqualTo(noFields);
        assertThat(header(second, DeadLetters.REASON)).contains("no batch_id");
        assertThat(worker.metrics().registry().find("batch_worker_unreadable_records_total").counter().count())
                .isEqualTo(2);
        assertThat(worker.laneProblems()).isEmpty();
    }

    /** Every record of the dead-letter topic, once there are {@code count}. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(stack.topics.lineDeadLetters()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
