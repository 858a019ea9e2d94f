package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits hold across replicas: two gateways on one database and one Kafka share model-tpm's 60 tokens per
 * minute, and each user's requests per second.
 */
class SharedLimitsTest {

    private static final String CHAT = "{\"model\":\"model-tpm\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static GatewayFixture first;
    private static GatewayFixture second;

    @BeforeAll
    static void start() {
        first = GatewayFixture.start(Map.of("GATEWAY_RATE_LIMIT_PER_SEC", "1000"));
        second = GatewayFixture.replicaOf(first, Map.of("GATEWAY_RATE_LIMIT_PER_SEC", "1000"));
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void tokensUsedThroughOneReplicaCountOnTheOther() throws Exception {
        String key = "Bearer " + first.keyFor("tpm-user", List.of(), "example.com");
        int served = 0;
        HttpResponse<String> response = first.post("/v1/chat/completions", key, CHAT);
        while (response.statusCode() == 200) {
            served++;
            response = first.post("/v1/chat/completions", key, CHAT);
        }
        assertThat(served).as("requests served before the limit").isBetween(1, 4);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(Json.read(response.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");

        // The second replica served nothing itself, yet refuses once the first replica's usage reaches it.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                second.post("/v1/chat/completions", key, CHAT).statusCode() == 429);
        // Other models are not affected.
        assertThat(second.post("/v1/chat/completions", key, CHAT.replace("model-tpm", "model-a")).statusCode())
                .isEqualTo(200);
    }
}
