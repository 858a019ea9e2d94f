package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.capacity.CapacityMessage;
import io.inferencegateway.capacity.InteractiveReport;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.testing.TestServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While an interactive request runs, gateway-http tells the batch scheduler on the capacity topic, so batch lines
 * on the same backend make room for it; when it ends, the report says so.
 */
class InteractiveLoadReportTest {

    private static final String STREAM = "{\"model\":\"scripted-model\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static ScriptedBackend backend;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = new ScriptedBackend();
        backend.mode = ScriptedBackend.Mode.LOCKSTEP;
        gateway = GatewayFixture.start(Map.of("SCRIPTED_BACKEND_URL", backend.baseUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @Test
    void aRunningRequestIsReportedUntilItEnds() throws Exception {
        String topic = Topics.defaults().capacity();
        Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafka().bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<InteractiveReport.EndpointLoad> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, CapacityMessage> reports = new KafkaConsumer<>(config, new StringDeserializer(),
                new JsonSerde<>(CapacityMessage.class).deserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            reports.assign(List.of(partition));
            reports.seekToEnd(List.of(partition));
            reports.position(partition);

            try (SseClient client = new SseClient(gateway.uri("/v1/chat/completions"), GatewayFixture.DEV_KEY,
                    STREAM)) {
                assertThat(client.response.statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    collect(reports, seen);
                    return seen.stream().anyMatch(load -> load.inFlight() == 1);
                });
                backend.nextEvent.release(ScriptedBackend.EVENTS);
                client.remaining();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                collect(reports, seen);
                return seen.getLast().inFlight() == 0;
            });
        }
        assertThat(seen).allSatisfy(load -> assertThat(load.endpoint()).contains("scripted-model"));
        assertThat(seen).anySatisfy(load -> assertThat(load.started()).isEqualTo(1));
    }

    private static void collect(KafkaConsumer<String, CapacityMessage> reports,
                                List<InteractiveReport.EndpointLoad> seen) {
        for (ConsumerRecord<String, CapacityMessage> record : reports.poll(Duration.ofMillis(200))) {
            if (record.value() instanceof InteractiveReport report) {
                report.endpoints().stream().filter(load -> load.endpoint().contains("scripted-model"))
                        .forEach(seen::add);
            }
        }
    }
}
