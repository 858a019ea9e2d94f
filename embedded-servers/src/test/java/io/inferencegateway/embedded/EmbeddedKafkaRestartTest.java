package io.inferencegateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.apache.kafka.clients.admin.NewTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaRestartTest {

    @Test
    void brokerStoppedAndStartedAgainKeepsItsTopicsAndRecords() throws Exception {
        try (RunDirectory run = RunDirectory.create(Loopback.testRuns(), "kafka-restart");
             EmbeddedKafka kafka = EmbeddedKafka.start(run)) {
            String topic = "restart-test";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            }
            List<String> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                for (int i = 0; i < 20; i++) {
                    sent.add("submission-" + i);
                    producer.send(new ProducerRecord<>(topic, "batch-" + i, "submission-" + i)).get();
                }
            }

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> !Loopback.acceptsConnections(kafka.port()));
            kafka.start();

            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains(topic);
            }
            assertThat(consumeAll(kafka.bootstrapServers(), topic, sent.size()))
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(String bootstrapServers, String topic, int expected) {
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "restart-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
                assertThat(received).hasSizeGreaterThanOrEqualTo(expected);
            });
        }
        return received;
    }
}
