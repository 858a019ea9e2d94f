package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.inferencegateway.simulated.SimulatedBackendServer;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark's reference row is only a fair comparison if the bare proxy really forwards what it is sent. */
class BareProxyTest {

    private static SimulatedBackendServer backend;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        backend = SimulatedBackendServer.start("127.0.0.1", 0, new SimulatedSettings(0, 0, 0, 3, 0, 500, 4),
                List.of(BenchModels.FAST));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void forwardsTheBodyAndRelaysTheBackendsAnswer() throws Exception {
        try (BareProxy proxy = BareProxy.start("127.0.0.1", 0, backend.baseUrl() + "/chat/completions")) {
            HttpResponse<String> response = post(proxy, BenchModels.chatBody(BenchModels.FAST));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(Json.read(response.body()).path("model").asText()).isEqualTo(BenchModels.FAST);
            assertThat(Json.read(response.body()).at("/usage/completion_tokens").asInt())
                    .isEqualTo(BenchModels.COMPLETION_TOKENS);
        }
    }

    @Test
    void relaysTheBackendsErrorStatus() throws Exception {
        try (BareProxy proxy = BareProxy.start("127.0.0.1", 0, backend.baseUrl() + "/no-such-route")) {
            assertThat(post(proxy, BenchModels.chatBody(BenchModels.FAST)).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void answers502WhenTheTargetIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (BareProxy proxy = BareProxy.start("127.0.0.1", 0, "http://127.0.0.1:" + closedPort + "/v1")) {
            assertThat(post(proxy, BenchModels.chatBody(BenchModels.FAST)).statusCode()).isEqualTo(502);
        }
    }

    private static HttpResponse<String> post(BareProxy proxy, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
