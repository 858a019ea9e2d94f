package io.inferencegateway.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.testing.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The console feed is supervised: a consumer that cannot be built is counted, waited out and built again. */
class ConsoleFeedTest {

    @Test
    void aFailedConsumerIsRebuiltAndTheFeedReadsAgain() throws Exception {
        Topics topics = Topics.defaults();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                TestServers.kafka().bootstrapServers()))) {
            topics.ensure(admin);
        }
        AtomicInteger built = new AtomicInteger();
        BatchEventHub hub = new BatchEventHub(2, 10);
        try (ConsoleFeed feed = new ConsoleFeed(() -> {
            if (built.incrementAndGet() == 1) {
                throw new org.apache.kafka.common.KafkaException("broker not reachable (first attempt)");
            }
            return consumer();
        }, new ConsoleFeed.Topics(topics.events(), topics.capacity()), hub, new CapacityBoard(Clock.systemUTC()));
             BatchEventHub.Subscription subscription = hub.subscribe("feed-test-user").orElseThrow();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(30)).until(feed::up);
            assertThat(feed.failures()).isEqualTo(1);
            assertThat(built.get()).isEqualTo(2);
            producer.send(new ProducerRecord<>(topics.events(), "b", "not json".getBytes())).get();
            producer.send(new ProducerRecord<>(topics.events(), "b", Json.writeBytes(new BatchEvent("batch_feed",
                    "feed-test-user", BatchState.IN_PROGRESS, 3, 1, 0, System.currentTimeMillis())))).get();
            assertThat(subscription.next(Duration.ofSeconds(20))).hasValueSatisfying(event ->
                    assertThat(event.batchId()).isEqualTo("batch_feed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.skipped() >= 1);
        }
    }

    @Test
    void aUserMayHoldOnlySoManyStreams() {
        BatchEventHub hub = new BatchEventHub(2, 3);
        var first = hub.subscribe("u1").orElseThrow();
        assertThat(hub.subscribe("u1")).isPresent();
        assertThat(hub.subscribe("u1")).isEmpty();
        assertThat(hub.subscribe("u2")).isPresent();
        assertThat(hub.subscribe("u3")).as("three open in all").isEmpty();
        first.close();
        assertThat(hub.subscribe("u3")).isPresent();
    }

    private static Consumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafka().bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
