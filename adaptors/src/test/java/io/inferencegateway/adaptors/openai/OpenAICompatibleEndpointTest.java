package io.inferencegateway.adaptors.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.TestDefinitions;
import io.inferencegateway.adaptors.http.FakeUpstream;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenAICompatibleEndpointTest {

    private static final String CLIENT_BODY =
            "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Grüße 🌍 \\\"quoted\\\"\"}],"
                    + "\"temperature\":0.2,\"max_tokens\":16}";
    private static final String COMPLETION =
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"Hallo\"},\"finish_reason\":\"stop\"}]}";

    @Test
    void forwardsTheClientsBodyByteForByteWithTheKey() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", COMPLETION));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1/")
                     .put("api_key_env_name", "VLLM_KEY"), Map.of("VLLM_KEY", "sk-test"))) {

            SubmitTaskResponse response = endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(response.isError()).as(response.errorMessage()).isFalse();
            assertThat(response.result()).isEqualTo(COMPLETION);
            FakeUpstream.Received request = upstream.takeRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.target()).isEqualTo("/v1/chat/completions");
            assertThat(request.protocol()).isEqualTo("HTTP/1.1");
            assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo(CLIENT_BODY.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void sendsNoAuthorizationWithoutAKeyAndUsesTheRequestedRoute() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", "{\"data\":[]}"));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            endpoint.submitTask(task("embeddings", "{\"model\":\"test-model\",\"input\":\"hi\"}"));

            FakeUpstream.Received request = upstream.takeRequest();
            assertThat(request.target()).isEqualTo("/v1/embeddings");
            assertThat(request.headers()).doesNotContainKey("authorization");
        }
    }

    @Test
    void aCookieOneAnswerSetsIsNotSentWithTheNextCall() throws Exception {
        // One client serves every user of the gateway: a backend's session cookie must not follow another user.
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> exchange.respond(200,
                "application/json", COMPLETION, "Set-Cookie: session=user-a; Path=/\r\n"));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            endpoint.submitTask(task("chat/completions", CLIENT_BODY));
            endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(upstream.takeRequest().headers()).doesNotContainKey("cookie");
            assertThat(upstream.takeRequest().headers()).doesNotContainKey("cookie");
        }
    }

    @Test
    void anUpstreamClientErrorKeepsItsStatusAndShowsTheStartOfTheBody() throws Exception {
        String error = "{\"object\":\"error\",\"message\":\"max_tokens is too large: " + "9".repeat(300) + "\"}";
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(400, "application/json", error));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(response.errorCode()).isEqualTo(400);
            assertThat(response.errorMessage()).isEqualTo("Upstream endpoint returned 400: " + error.substring(0, 256));
            assertThat(response.result()).isNull();
        }
    }

    @Test
    void anUpstreamServerErrorKeepsItsStatus() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(503, "text/plain", "model is loading"));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(response.errorCode()).isEqualTo(503);
            assertThat(response.errorMessage()).isEqualTo("Upstream endpoint returned 503: model is loading");
        }
    }

    @Test
    void aRefusedConnectionIs503SoTheGatewayCanFailOver() throws Exception {
        String url = "http://127.0.0.1:" + FakeUpstream.closedPort() + "/v1";
        try (OpenAICompatibleEndpoint endpoint = endpoint(config(url), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(response.errorCode()).isEqualTo(503);
            // Issue 14: the client learns which endpoint failed, never where the backend lives.
            assertThat(response.errorMessage())
                    .isEqualTo("Upstream endpoint metis-api-test-model is unreachable: connection refused");
        }
    }

    @Test
    void aSilentUpstreamTimesOutWith504() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> exchange.awaitClientClose());
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1")
                     .put("api_request_timeout", 0.3), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(response.errorCode()).isEqualTo(504);
            assertThat(response.errorMessage()).isEqualTo("Upstream endpoint did not answer within 0.3 s");
        }
    }

    @Test
    void aConnectionDroppedBeforeTheAnswerIs502() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> exchange.drop());
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(response.errorCode()).isEqualTo(502);
            assertThat(response.errorMessage()).startsWith("Upstream endpoint metis-api-test-model failed: ")
                    .doesNotContain(upstream.baseUrl()).hasSizeLessThan(300);
        }
    }

    @Test
    void aBodyCutShortIs502() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            exchange.startChunked(200, "application/json");
            exchange.chunk("{\"id\":\"chatcmpl-1\",");
            exchange.drop();
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTask(task("chat/completions", CLIENT_BODY));

            assertThat(response.errorCode()).isEqualTo(502);
            assertThat(response.errorMessage()).isEqualTo("Upstream endpoint metis-api-test-model failed: "
                    + "connection closed before the response was complete");
            assertThat(response.result()).isNull();
        }
    }

    static ObjectNode config(String apiUrl) {
        ObjectNode config = Json.object();
        config.put("api_url", apiUrl);
        return config;
    }

    static OpenAICompatibleEndpoint endpoint(ObjectNode config, Map<String, String> environment) {
        return new OpenAICompatibleEndpoint(TestDefinitions.endpoint(config), environment::get);
    }

    /** A request as the gateway hands it over: the parsed body and the client's own bytes of it. */
    static TaskRequest task(String route, String body) {
        return new TaskRequest(route, (ObjectNode) Json.read(body), body.getBytes(StandardCharsets.UTF_8));
    }
}
