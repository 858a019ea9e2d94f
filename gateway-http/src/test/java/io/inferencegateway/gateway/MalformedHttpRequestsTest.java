package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed requests over real HTTP: each a 4xx in its API family's error shape, naming the field; never a 500. */
class MalformedHttpRequestsTest {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> bodies() {
        String msg = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        return Stream.of(
                // route, body, param
                Arguments.of("chat/completions", "", null),
                Arguments.of("chat/completions", "{", null),
                Arguments.of("chat/completions", "[]", null),
                Arguments.of("chat/completions", "null", null),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"} trailing", null),
                Arguments.of("chat/completions", "{" + msg + "}", "model"),
                Arguments.of("chat/completions", "{\"model\":\"\"," + msg + "}", "model"),
                Arguments.of("chat/completions", "{\"model\":7," + msg + "}", "model"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"}", "messages"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":[]}", "messages"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":\"hi\"}", "messages"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", "messages[0].role"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"content\":\"x\"}]}", "messages[0].role"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}", "messages[0].content[0].type"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}", "messages[0].content[0].image_url.url"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].tool_call_id"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"temperature\":3}", "temperature"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"temperature\":\"hot\"}", "temperature"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"top_p\":1.5}", "top_p"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"n\":0}", "n"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"n\":1.5}", "n"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"max_tokens\":0}", "max_tokens"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"max_tokens\":\"ten\"}", "max_tokens"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"stream\":\"yes\"}", "stream"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"stream_options\":{\"include_usage\":true}}", "stream_options"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"stop\":7}", "stop"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"presence_penalty\":-3}", "presence_penalty"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"frequency_penalty\":2.5}", "frequency_penalty"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"logit_bias\":{\"5\":200}}", "logit_bias.5"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"top_logprobs\":30}", "top_logprobs"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"tools\":[{\"type\":\"function\"}]}", "tools[0].function"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"tool_choice\":\"sometimes\"}", "tool_choice"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"response_format\":{\"type\":\"xml\"}}", "response_format.type"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"top_k\":\"many\"}", "top_k"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"min_p\":2}", "min_p"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"repetition_penalty\":0}", "repetition_penalty"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"chat_template_kwargs\":[1]}", "chat_template_kwargs"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\"," + msg + ",\"guided_choice\":[]}", "guided_choice"),
                Arguments.of("chat/completions", "{\"model\":\"model-a\",\"model\":\"model-b\"," + msg + "}", null),
                Arguments.of("completions", "{\"model\":\"model-a\"}", "prompt"),
                Arguments.of("completions", "{\"model\":\"model-a\",\"prompt\":[]}", "prompt"),
                Arguments.of("completions", "{\"model\":\"model-a\",\"prompt\":{\"text\":\"hi\"}}", "prompt"),
                Arguments.of("completions", "{\"model\":\"model-a\",\"prompt\":\"hi\",\"logprobs\":9}", "logprobs"),
                Arguments.of("completions", "{\"model\":\"model-a\",\"prompt\":\"hi\",\"best_of\":0}", "best_of"),
                Arguments.of("embeddings", "{\"model\":\"model-a\"}", "input"),
                Arguments.of("embeddings", "{\"model\":\"model-a\",\"input\":[]}", "input"),
                Arguments.of("embeddings", "{\"model\":\"model-a\",\"input\":[\"a\",3]}", "input[1]"),
                Arguments.of("embeddings", "{\"model\":\"model-a\",\"input\":\"a\",\"encoding_format\":\"hex\"}", "encoding_format"),
                Arguments.of("embeddings", "{\"model\":\"model-a\",\"input\":\"a\",\"dimensions\":0}", "dimensions"));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void openAiRoutesAnswer400NamingTheField(String route, String body, String param) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/" + route, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonNode error = Json.read(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isNotBlank();
        if (param != null) {
            assertThat(error.path("param").asText()).as(body).isEqualTo(param);
        }
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void firstRoutesAnswer400InFirstsShape(String route, String body, String param) throws Exception {
        HttpResponse<String> response = gateway.post("/resource_server/open/vllm/v1/" + route, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonNode error = Json.read(response.body()).path("error");
        assertThat(error.path("code").asText()).isNotBlank();
        assertThat(error.path("message").asText()).isNotBlank();
        if (param != null) {
            assertThat(error.at("/info/param").asText()).as(body).isEqualTo(param);
        }
    }

    @Test
    void wrongContentTypeIs415AndOversizedBodyIs413() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> text = client.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + GatewayFixture.DEV_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"model-a\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(Json.read(text.body()).at("/error/message").asText()).isNotBlank();

        String huge = "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}]}";
        HttpResponse<String> tooBig = gateway.post("/v1/chat/completions", huge);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(Json.read(tooBig.body()).at("/error/code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void authenticationComesBeforeValidation() throws Exception {
        assertThat(gateway.post("/v1/chat/completions", null, "{").statusCode()).isEqualTo(401);
    }
}
