package io.inferencegateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.gateway.RawHttp;
import io.inferencegateway.json.Json;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: a 15 MB {@code model} came back whole in the 404. Whatever a client sends where a name belongs, the
 * error quotes a few hundred characters of it at most, enough to recognise it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EchoedInputTest {

    private static final String AUTH = "Bearer " + GatewayFixture.DEV_KEY;
    /** Close to the fixture's 1 MB body limit. */
    private static final String HUGE_MODEL = "model-" + "m".repeat(900_000);
    /** Within Jetty's 8 KB request line. */
    private static final String LONG_NAME = "name-" + "n".repeat(6_000);

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
    void anUnknownModelOnV1() throws Exception {
        assertShortError(gateway.post("/v1/chat/completions", chat(HUGE_MODEL)), 404, "model_not_found",
                HUGE_MODEL);
    }

    @Test
    void anUnknownModelOnAFirstRoute() throws Exception {
        assertShortError(gateway.post("/resource_server/open/vllm/v1/chat/completions", chat(HUGE_MODEL)), 404,
                "endpoint_not_found", HUGE_MODEL);
    }

    @Test
    void anUnknownClusterAndFrameworkInThePath() throws Exception {
        assertShortError(gateway.get("/resource_server/" + LONG_NAME + "/jobs", AUTH), 404, "cluster_not_found",
                LONG_NAME);
        assertShortError(gateway.post("/resource_server/open/" + LONG_NAME + "/v1/chat/completions",
                chat("model-a")), 400, "unsupported_framework", LONG_NAME);
    }

    @Test
    void anUnknownModelId() throws Exception {
        assertShortError(gateway.get("/v1/models/" + LONG_NAME, AUTH), 404, "model_not_found", LONG_NAME);
    }

    @Test
    void anUnknownPathAndAMadeUpMethod() throws Exception {
        assertShortError(gateway.get("/" + LONG_NAME, AUTH), 404, "not_found", LONG_NAME);

        String method = "M" + "X".repeat(999);
        try (RawHttp connection = new RawHttp(gateway.app().port())) {
            RawHttp.Answer answer = connection.exchange(method + " /v1/models HTTP/1.1\r\nHost: gateway\r\n\r\n");
            assertThat(answer.status()).isEqualTo(405);
            assertShortMessage(Json.read(answer.body()), "method_not_allowed", method);
        }
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static void assertShortError(HttpResponse<String> response, int status, String code, String input) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body().length()).isLessThan(1_500);
        assertShortMessage(Json.read(response.body()), code, input);
    }

    private static void assertShortMessage(JsonNode body, String code, String input) {
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        String message = body.at("/error/message").asText();
        assertThat(message).hasSizeLessThan(1_000).contains(input.substring(0, 150));
    }
}
