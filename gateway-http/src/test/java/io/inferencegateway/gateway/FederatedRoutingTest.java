package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OpenAI's routes choose the cluster: shared-model runs on "primary" (whose backend is down) and is queued on
 * "secondary". The gateway tries primary first, finds it unreachable, and answers from secondary.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FederatedRoutingTest {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void unreachableClusterFailsOverToTheNextOne() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"shared-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.read(response.body()).path("object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void streamsFailOverBeforeTheirFirstByte() throws Exception {
        try (SseClient client = new SseClient(gateway.uri("/v1/chat/completions"), GatewayFixture.DEV_KEY,
                "{\"model\":\"shared-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            assertThat(client.response.statusCode()).isEqualTo(200);
            assertThat(client.remaining()).last().isEqualTo("[DONE]");
        }
    }

    @Test
    void theNamedClusterIsNotSubstituted() throws Exception {
        // FIRST's routes name the cluster: its failure is the answer, with the backend's status.
        HttpResponse<String> response = gateway.post("/resource_server/primary/vllm/v1/chat/completions",
                "{\"model\":\"shared-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = Json.read(response.body()).path("error");
        // FIRST's adaptors raise EndpointError whatever the status: internal_endpoint_error under its routes.
        assertThat(error.path("code").asText()).isEqualTo("internal_endpoint_error");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        // Issue 14: the 503 names the endpoint; where its backend lives (http://127.0.0.1:9/v1) stays in the log.
        assertThat(error.path("message").asText())
                .isEqualTo("Upstream endpoint primary_vllm_shared-model is unreachable: connection refused");
    }

    @Test
    void aClusterRunningTheModelIsPreferredToOneQueueingIt() throws Exception {
        // ranked-model is queued on rank-a (listed first, answers 3 tokens) and running on rank-b (5 tokens).
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"ranked-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(Json.read(response.body()).at("/usage/completion_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void modelCaseDoesNotMatter() throws Exception {
        assertThat(gateway.post("/v1/chat/completions",
                "{\"model\":\"MODEL-A\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode())
                .isEqualTo(200);
    }
}
