package io.inferencegateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topics, producer, consumer group and share group against the real test broker. */
class KafkaRoundTripTest {

    private static KafkaSettings kafka;
    private static Admin admin;
    private static Topics topics;

    @BeforeAll
    static void createTopics() {
        kafka = TestServers.kafka();
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        topics = new Topics("roundtrip-" + UUID.randomUUID() + ".", Topics.DEFAULT_WORK_PARTITIONS);
        topics.ensure(admin);
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    @Test
    void ensureCreatesMissingTopicsOnceWithTheirPartitions() throws Exception {
        Topics fresh = new Topics("ensure-" + UUID.randomUUID() + ".", 12);

        assertThat(fresh.ensure(admin)).containsExactlyInAnyOrderElementsOf(
                fresh.all().stream().map(Topics.Spec::name).toList());
        assertThat(fresh.ensure(admin)).isEmpty();

        Map<String, TopicDescription> described = admin.describeTopics(List.of(fresh.lines(), fresh.submissions()))
                .allTopicNames().get(30, TimeUnit.SECONDS);
        assertThat(described.get(fresh.lines()).partitions()).hasSize(12);
        assertThat(described.get(fresh.submissions()).partitions()).isNotEmpty();
        int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        assertThat(described.get(fresh.lines()).partitions().get(0).replicas()).hasSize(Math.min(3, brokers));
    }

    @Test
    void consumerGroupReceivesEveryRecordProducedWithAcksAll() {
        List<String> sent = produce(topics.lines(), 100);
        List<String> received = new ArrayList<>();

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "group-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topics.lines()));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
                assertThat(received).hasSizeGreaterThanOrEqualTo(sent.size());
            });
            consumer.commitSync();
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void shareGroupSetToEarliestReceivesRecordsProducedBeforeItJoined() throws Exception {
        List<String> sent = produce(topics.results(), 50);
        String group = "share-" + UUID.randomUUID();
        // A new share group starts at the latest offset; this must be set before its first member subscribes.
        admin.incrementalAlterConfigs(Map.of(
                new ConfigResource(ConfigResource.Type.GROUP, group),
                List.of(new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                        AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        List<String> received = new ArrayList<>();

        try (KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topics.results()));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
                assertThat(received).hasSizeGreaterThanOrEqualTo(sent.size());
            });
            consumer.commitSync();
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static List<String> produce(String topic, int count) {
        List<String> values = IntStream.range(0, count).mapToObj(i -> topic + "-line-" + i).toList();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            var acks = values.stream()
                    .map(value -> producer.send(new ProducerRecord<>(topic, "batch-" + value.hashCode() % 7, value)))
                    .toList();
            producer.flush();
            assertThat(acks).allSatisfy(ack -> assertThat(ack).succeedsWithin(Duration.ofSeconds(30)));
        }
        return values;
    }
}
