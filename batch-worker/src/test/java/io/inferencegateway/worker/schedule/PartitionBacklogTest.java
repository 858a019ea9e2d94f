package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.worker.kafka.WorkerKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lines go where the fewest wait, so that no partition's few lanes are left with a batch's end. */
@Timeout(60)
class PartitionBacklogTest {

    @Test
    void linesGoToEveryPartitionInTurnButThoseFarAheadOfTheLeastLoaded() {
        PartitionBacklog backlog = read(Map.of(0, 300L, 1, 10L, 2, 50L));

        Map<Integer, Integer> sent = send(backlog, 40);
        assertThat(sent).as("partition 0 holds 290 more than partition 1: none for it").isEqualTo(Map.of(1, 20, 2, 20));
        sent = send(backlog, 600);
        long[] loads = {300 + sent.getOrDefault(0, 0), 10 + 20 + sent.get(1), 50 + 20 + sent.get(2)};
        assertThat(java.util.Arrays.stream(loads).max().getAsLong() - java.util.Arrays.stream(loads).min().getAsLong())
                .as("once level, in turn: within the slack of each other").isLessThanOrEqualTo(PartitionBacklog.SLACK);
        assertThat(sent.get(0)).as("and partition 0 takes its turns again").isPositive();
    }

    @Test
    void withoutAReadingOfEveryPartitionLinesGoByKey() {
        PartitionBacklog failing = new PartitionBacklog(() -> {
            throw new IllegalStateException("the broker is away");
        });
        failing.refresh(0);
        assertThat(failing.next()).isNull();

        PartitionBacklog partial = new PartitionBacklog(() -> Map.of(0, 5L, 1, -1L));
        partial.refresh(0);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> {
            partial.refresh(0);
            return partial.next() == null;
        });
    }

    @Test
    void theLagOfEachPartitionIsReadFromTheBroker() throws Exception {
        KafkaSettings kafka = TestServers.kafka();
        String topic = "backlog-" + UUID.randomUUID();
        String group = "backlog-group-" + UUID.randomUUID();
        try (Admin admin = Admin.create(kafka.clientProperties("backlog-test-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group),
                    List.of(new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                            AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties("backlog-test"),
                    new StringSerializer(), new StringSerializer())) {
                Map.of(0, 5, 1, 1, 2, 2).forEach((partition, records) -> {
                    for (int i = 0; i < records; i++) {
                        producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v"));
                    }
                });
                producer.flush();
            }
            Map<String, Object> consumer = new WorkerKafka(kafka).shareConsumer("backlog-test", group, 100);
            try (KafkaShareConsumer<String, String> lane = new KafkaShareConsumer<>(consumer,
                    new StringDeserializer(), new StringDeserializer())) {
                lane.subscribe(List.of(topic));
                PartitionBacklog.LagReader lags = PartitionBacklog.lagOf(admin, group, topic);
                // The lane is given records of every partition and releases them: none is done, all are counted.
                Set<Integer> seen = new HashSet<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (var record : lane.poll(Duration.ofMillis(200))) {
                        seen.add(record.partition());
                        lane.acknowledge(record, AcknowledgeType.RELEASE);
                    }
                    lane.commitSync();
                    return seen.size() == 3;
                });
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lags.read())
                        .isEqualTo(Map.of(0, 5L, 1, 1L, 2, 2L)));
            }
        }
    }

    private static PartitionBacklog read(Map<Integer, Long> lags) {
        PartitionBacklog backlog = new PartitionBacklog(() -> lags);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            backlog.refresh(0);
            return backlog.loaded();
        });
        return backlog;
    }

    private static Map<Integer, Integer> send(PartitionBacklog backlog, int lines) {
        Map<Integer, Integer> sent = new HashMap<>();
        for (int i = 0; i < lines; i++) {
            sent.merge(backlog.next(), 1, Integer::sum);
        }
        return sent;
    }
}
