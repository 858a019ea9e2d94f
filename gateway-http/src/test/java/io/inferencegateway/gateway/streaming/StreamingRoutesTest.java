package io.inferencegateway.gateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.adaptors.globus.CallbackStream;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SseEvent;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FIRST's callback routes over real HTTP, with their security checks, feeding streams in the relay. */
class StreamingRoutesTest {

    static final String SECRET = "internal-secret";

    private final CallbackRelay relay = new CallbackRelay();
    private final Javalin app = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.concurrency.useVirtualThreads = true;
        new StreamingRoutes(relay, Optional.of(SECRET)).register(config.routes);
    }).start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newHttpClient();
    private final CallbackStream stream = relay.open(Duration.ofSeconds(30), Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        stream.close();
        app.stop();
    }

    private HttpResponse<String> post(String route, String secret, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/resource_server/api/streaming/" + route + "/")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (secret != null) {
            request.header("X-Internal-Secret", secret);
        }
        if (token != null) {
            request.header("X-Stream-Task-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String data(String lines) {
        return Json.write(Map.of("task_id", stream.taskId(), "data", lines, "type", "data"));
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(Json.read(response.body()).get("error").asText()).isEqualTo(error);
    }

    @Test
    void dataLinesThenDoneReachTheStreamInOrder() throws Exception {
        var first = post("data", SECRET, stream.token(), data("data: {\"n\":1}\n\ndata: {\"n\":2}\n: comment"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.read(first.body())).isEqualTo(Json.read("{\"status\":\"received\"}"));
        post("data", SECRET, stream.token(), data("data: {\"n\":3}"));
        var done = post("done", SECRET, stream.token(), Json.write(Map.of("task_id", stream.taskId(), "type", "done")));
        assertThat(Json.read(done.body())).isEqualTo(Json.read(
                "{\"status\":\"ok\",\"task_id\":\"" + stream.taskId() + "\"}"));

        assertThat(stream.next()).isEqualTo(SseEvent.data("{\"n\":1}"));
        assertThat(stream.next()).isEqualTo(SseEvent.data("{\"n\":2}"));
        assertThat(stream.next()).isEqualTo(SseEvent.data("{\"n\":3}"));
        assertThat(stream.next()).isNull();
    }

    @Test
    void securityChecksAnswerAsFirstDoes() throws Exception {
        assertError(post("data", "wrong", stream.token(), data("data: x")), 401, "Unauthorized: Invalid internal secret");
        assertError(post("data", null, stream.token(), data("data: x")), 401, "Unauthorized: Invalid internal secret");
        assertError(post("data", SECRET, null, data("data: x")), 401, "Unauthorized: Missing task token");
        assertError(post("data", SECRET, "t", "{not json"), 400, "Invalid JSON");
        assertError(post("data", SECRET, "t", "{\"data\": \"x\"}"), 400, "Missing task_id");
        assertError(post("data", SECRET, "t", "{\"task_id\": \"../etc\", \"data\": \"x\"}"), 403,
                "Invalid task_id format");
        assertError(post("data", SECRET, "t", "{\"task_id\": \"" + java.util.UUID.randomUUID() + "\", \"data\": \"x\"}"),
                403, "Invalid task authentication token");
        assertError(post("data", SECRET, stream.token(), Json.write(Map.of("task_id", stream.taskId()))), 400,
                "Missing data");
        assertError(post("error", SECRET, stream.token(), Json.write(Map.of("task_id", stream.taskId()))), 400,
                "Missing error");
    }

    @Test
    void bodiesOverFirstsLimitsAreRefused() throws Exception {
        assertError(post("data", SECRET, stream.token(), data("data: " + "x".repeat(150_001))), 413,
                "Request too large");
        assertError(post("done", SECRET, stream.token(), Json.write(Map.of("task_id", stream.taskId(),
                "pad", "x".repeat(15_001)))), 413, "Request too large");
        assertThat(post("data", SECRET, stream.token(), data("data: " + "x".repeat(140_000))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongTokenForThisStreamEndsItWithAnAuthenticationError() throws Exception {
        assertError(post("data", SECRET, stream.token() + "x", data("data: x")), 403,
                "Invalid task authentication token");
        SseEvent event = stream.next();
        assertThat(Json.read(event.data()).get("type").asText()).isEqualTo("AuthenticationError");
        assertThat(Json.read(event.data()).get("code").asInt()).isEqualTo(401);
        assertThat(stream.next()).isNull();
    }

    @Test
    void remoteErrorsArePassedOnWhenTheyAreOpenAiErrors() throws Exception {
        String vllm = "{\"object\": \"error\", \"message\": \"max_tokens too large\", \"type\": \"BadRequestError\", "
                + "\"param\": null, \"code\": 400}";
        post("data", SECRET, stream.token(), data("data: {\"n\":1}"));
        post("error", SECRET, stream.token(), Json.write(Map.of("task_id", stream.taskId(),
                "error", "API request failed with status 400. Response text: " + vllm, "type", "error")));
        assertThat(stream.next().data()).isEqualTo("{\"n\":1}");
        assertThat(Json.read(stream.next().data())).isEqualTo(Json.read(vllm));
        assertThat(stream.next()).isNull();
    }

    @Test
    void otherRemoteErrorsBecomeFirstsGenericError() throws Exception {
        post("error", SECRET, stream.token(), Json.write(Map.of("task_id", stream.taskId(),
                "error", "Traceback (most recent call last): /home/secret/path.py", "type", "error")));
        var event = Json.read(stream.next().data());
        assertThat(event.get("type").asText()).isEqualTo("InternalServerError");
        assertThat(event.get("message").asText()).doesNotContain("secret");
    }

    @Test
    void withoutAConfiguredSecretEveryCallbackIsRefused() throws Exception {
        Javalin closed = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            new StreamingRoutes(relay, Optional.empty()).register(config.routes);
        }).start("127.0.0.1", 0);
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed.port()
                    + "/resource_server/api/streaming/data/")).POST(HttpRequest.BodyPublishers.ofString(data("data: x")))
                    .header("X-Internal-Secret", "").header("X-Stream-Task-Token", stream.token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(response, 401, "Unauthorized: Invalid internal secret");
        } finally {
            closed.stop();
        }
    }
}
