package io.inferencegateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.inferencegateway.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedBackendServerTest {

    private static SimulatedBackendServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = SimulatedBackendServer.start("127.0.0.1", 0,
                new SimulatedSettings(0, 0, 0, 5, 0, 500, 4), List.of("sim-a", "sim-b"));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode okJson(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return Json.read(response.body());
    }

    @Test
    void listensOnAFreePort() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
    }

    @Test
    void answersChatCompletions() throws Exception {
        JsonNode body = okJson(http.post("/v1/chat/completions", """
                {"model": "sim-a", "messages": [{"role": "user", "content": "Hello there"}]}"""));

        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("sim-a");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage")).isEqualTo(Json.read(
                "{\"prompt_tokens\": 2, \"completion_tokens\": 5, \"total_tokens\": 7}"));
    }

    @Test
    void answersCompletions() throws Exception {
        JsonNode body = okJson(http.post("/v1/completions", """
                {"model": "sim-b", "prompt": "Once upon", "max_tokens": 3}"""));

        assertThat(body.path("object").asText()).isEqualTo("text_completion");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void answersEmbeddings() throws Exception {
        JsonNode body = okJson(http.post("/v1/embeddings", """
                {"model": "emb", "input": ["a b", "c"]}"""));

        assertThat(body.path("data")).hasSize(2);
        assertThat(body.at("/data/1/embedding")).hasSize(4);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void listsModelsAndReportsHealth() throws Exception {
        JsonNode models = okJson(http.get("/v1/models"));

        assertThat(models.path("object").asText()).isEqualTo("list");
        assertThat(models.path("data").findValuesAsText("id")).containsExactly("sim-a", "sim-b");
        assertThat(models.at("/data/0/object").asText()).isEqualTo("model");
        assertThat(okJson(http.get("/health")).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void badJsonIsA400WithAnOpenAiErrorBody() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", "{\"model\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.read(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("not valid JSON");
    }

    @Test
    void missingModelIsA400NamingIt() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"messages": [{"role": "user", "content": "hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.read(response.body()).at("/error/param").asText()).isEqualTo("model");
    }

    @Test
    void unknownRoutesAre404sWithAnOpenAiErrorBody() throws Exception {
        HttpResponse<String> response = http.post("/v1/responses", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.read(response.body()).at("/error/message").asText()).contains("/v1/responses");
    }
}
