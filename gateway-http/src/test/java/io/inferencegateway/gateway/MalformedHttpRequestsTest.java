package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests over real HTTP: each a 4xx in its API family's error shape, naming the field; never a 500. That
 * holds for requests Jetty cannot even parse, which never reach a route.
 */
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

    @Test
    void aHeaderWithABareNewlineGetsOpenAisErrorOnV1() throws IOException {
        Answer answer = send("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\n"
                + "Authorization: Bearer igw-abc\ndef\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
        JsonNode error = answer.json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("bad_request");
        assertThat(error.path("message").asText()).startsWith("Malformed HTTP request: ");
        assertThat(error.has("param")).isTrue();
    }

    @Test
    void aBadHeaderNameGetsFirstsErrorUnderResourceServer() throws IOException {
        Answer answer = send("GET /resource_server/list-endpoints HTTP/1.1\r\nHost: gateway\r\n"
                + "Bad Header: x\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = answer.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("bad_request");
        assertThat(error.path("message").asText()).startsWith("Malformed HTTP request: ");
        assertThat(error.has("info")).isTrue();
    }

    @Test
    void anUnreadableRequestLineGetsAJsonError() throws IOException {
        Answer answer = send("GARBAGE\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("bad_request");
    }

    /** Raw bytes, since HTTP clients refuse to send what these tests need. */
    private static Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.app().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = readResponse(socket.getInputStream());
            int split = response.indexOf("\r\n\r\n");
            return new Answer(response.substring(0, split), response.substring(split + 4));
        }
    }

    /** The headers, then exactly Content-Length bytes of body (the connection may stay open). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int end = -1;
        int length = -1;
        byte[] buffer = new byte[4096];
        while (end < 0 || bytes.size() < end + 4 + length) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            if (end < 0 && (end = text.indexOf("\r\n\r\n")) >= 0) {
                length = text.substring(0, end).lines()
                        .filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                        .map(line -> Integer.parseInt(line.substring(15).trim()))
                        .findFirst().orElse(0);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private record Answer(String head, String body) {

        int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }

        JsonNode json() {
            return Json.read(body);
        }
    }
}
