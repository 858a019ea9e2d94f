package io.inferencegateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests Jetty cannot parse never reach a route; their 400 must still be each API family's JSON error. */
class MalformedRequestErrorsTest {

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
