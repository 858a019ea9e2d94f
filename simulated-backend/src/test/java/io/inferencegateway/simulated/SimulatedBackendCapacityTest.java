package io.inferencegateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.simulated.CapacitySettings;
import io.inferencegateway.adaptors.simulated.SimulatedSettings;
import io.inferencegateway.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standalone server under load: slots, the waiting queue, refusals, vLLM's metrics and clients that leave. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SimulatedBackendCapacityTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String CHAT = """
            {"model": "simulated", "messages": [{"role": "user", "content": "Hold on"}]}""";
    private static final String CHAT_STREAM = """
            {"model": "simulated", "messages": [{"role": "user", "content": "Hold on"}], "stream": true}""";

    /** Streams that last about an hour but write every 50 ms, so a client that leaves is noticed at once. */
    private static SimulatedSettings holding(CapacitySettings capacity) {
        return new SimulatedSettings(0, 0, 20, 72_000, 0, 500, 16, capacity);
    }

    @Test
    void beyondSlotsAndQueueARequestIsRefusedAtOnceAndTheMetricsShowTheLoad() throws Exception {
        try (SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0,
                holding(new CapacitySettings(2, 2, 429, 1)))) {
            Http http = new Http(server);
            List<InputStream> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<InputStream> stream = http.postForStream("/v1/chat/completions", CHAT_STREAM);
                // Queued streams get their headers at once, as from vLLM.
                assertThat(stream.statusCode()).isEqualTo(200);
                held.add(stream.body());
            }
            await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_running") == 2
                    && gauge(http, "vllm:num_requests_waiting") == 2);
            assertThat(gauge(http, "vllm:kv_cache_usage_perc")).isEqualTo(1.0);
            assertThat(gauge(http, "vllm:gpu_cache_usage_perc")).isEqualTo(1.0);

            long start = System.nanoTime();
            HttpResponse<String> refused = http.post("/v1/chat/completions", CHAT);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonNode error = Json.read(refused.body()).path("error");
            assertThat(error.path("message").asText()).contains("busy");
            assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
            assertThat(error.has("param")).isTrue();
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            // Refused, not queued: far sooner than any held stream ends.
            assertThat(millis).isLessThan(5_000);
            assertThat(http.post("/v1/chat/completions", CHAT_STREAM.replace("true", "true, \"n\": 1")).statusCode())
                    .isEqualTo(429);

            for (InputStream stream : held) {
                stream.close();
            }
            await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_running") == 0
                    && gauge(http, "vllm:num_requests_waiting") == 0);
        }
    }

    @Test
    void aQueuedStreamsTimeToFirstTokenIncludesItsWait() throws Exception {
        SimulatedSettings settings = new SimulatedSettings(0, 0, 10, 10, 0, 500, 16, new CapacitySettings(1, 4, 429, 1));
        try (SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0, settings)) {
            Http http = new Http(server);
            HttpResponse<InputStream> first = http.postForStream("/v1/chat/completions", CHAT_STREAM);
            await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_running") == 1);

            long start = System.nanoTime();
            try (Http.Events queued = new Http.Events(http.postForStream("/v1/chat/completions", CHAT_STREAM).body())) {
                assertThat(queued.next()).contains("assistant");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // The first stream's 10 tokens at 10 per second take 900 ms after its first; this one waited for most.
                assertThat(millis).isGreaterThanOrEqualTo(500);
            }
            first.body().close();
            await().atMost(DEADLINE).until(() -> metrics(http).contains(
                    "vllm:time_to_first_token_seconds_count{model_name=\"simulated\"} 2"));
            // The first stream ran to its end; the second was abandoned after its first token.
            await().atMost(DEADLINE).until(() -> metrics(http).contains(
                    "vllm:request_success_total{finished_reason=\"stop\",model_name=\"simulated\"} 1"));
        }
    }

    @Test
    void aStreamingClientThatDisconnectsFreesItsSlot() throws Exception {
        try (SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0,
                holding(new CapacitySettings(1, 0, 429, 1)))) {
            Http http = new Http(server);
            try (RawStream leaving = new RawStream(server)) {
                assertThat(leaving.nextLineStartingWith("data:")).contains("assistant");
                assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(429);
            }

            await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_running") == 0);
            assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aStreamingClientThatDisconnectsWhileQueuedFreesItsPlace() throws Exception {
        try (SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0,
                holding(new CapacitySettings(1, 1, 429, 1)))) {
            Http http = new Http(server);
            try (InputStream running = http.postForStream("/v1/chat/completions", CHAT_STREAM).body()) {
                try (RawStream leaving = new RawStream(server)) {
                    assertThat(leaving.nextLineStartingWith(": queued")).isNotNull();
                    assertThat(gauge(http, "vllm:num_requests_waiting")).isEqualTo(1);
                    assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(429);
                }

                await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_waiting") == 0);
                try (RawStream next = new RawStream(server)) {
                    assertThat(next.statusLine()).contains(" 200");
                    await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_waiting") == 1);
                }
            }
        }
    }

    @Test
    void aClientThatLeavesBeforeItsAnswerFreesItsSlotAsVllmDoes() throws Exception {
        // Answers take an hour: only a client that leaves can free the one slot.
        SimulatedSettings hourLong = new SimulatedSettings(3_600_000, 0, 0, 16, 0, 500, 16,
                new CapacitySettings(1, 1, 429, 1));
        try (SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0, hourLong)) {
            Http http = new Http(server);
            try (RawStream leaving = new RawStream(server, CHAT)) {
                await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_running") == 1);
                try (RawStream queued = new RawStream(server, CHAT)) {
                    await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_waiting") == 1);
                }
                await("the queued client left: its place is free").atMost(DEADLINE)
                        .until(() -> gauge(http, "vllm:num_requests_waiting") == 0);
                assertThat(gauge(http, "vllm:num_requests_running")).isEqualTo(1);
            }

            await("the running client left: its slot is free").atMost(DEADLINE)
                    .until(() -> gauge(http, "vllm:num_requests_running") == 0);
            try (RawStream next = new RawStream(server, CHAT)) {
                await().atMost(DEADLINE).until(() -> gauge(http, "vllm:num_requests_running") == 1);
                assertThat(gauge(http, "vllm:num_requests_waiting")).isZero();
            }
        }
    }

    @Test
    void unlimitedByDefaultWithTheMetricsAtZero() throws Exception {
        try (SimulatedBackendServer server = SimulatedBackendServer.start("127.0.0.1", 0, SimulatedSettings.DEFAULTS,
                List.of("llama", "llama-alias"))) {
            Http http = new Http(server);
            for (int i = 0; i < 3; i++) {
                assertThat(http.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            }

            HttpResponse<String> metrics = http.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body()).contains(
                    "vllm:num_requests_running{model_name=\"llama\"} 0",
                    "vllm:num_requests_waiting{model_name=\"llama\"} 0",
                    "vllm:kv_cache_usage_perc{model_name=\"llama\"} 0",
                    "vllm:request_success_total{finished_reason=\"stop\",model_name=\"llama\"} 3",
                    "vllm:e2e_request_latency_seconds_count{model_name=\"llama\"} 3");
        }
    }

    private static String metrics(Http http) throws IOException, InterruptedException {
        return http.get("/metrics").body();
    }

    private static double gauge(Http http, String name) throws IOException, InterruptedException {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name + "{model_name=\"simulated\"}") + " (\\S+)$")
                .matcher(metrics(http));
        return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }

    /** A request (streaming unless told) on a socket of its own, so the test can drop it as a client would. */
    private static final class RawStream implements AutoCloseable {

        private final Socket socket;
        private final BufferedReader reader;

        RawStream(SimulatedBackendServer server) throws IOException {
            this(server, CHAT_STREAM);
        }

        RawStream(SimulatedBackendServer server, String request) throws IOException {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout((int) DEADLINE.toMillis());
            byte[] body = request.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: test\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        String statusLine() throws IOException {
            return reader.readLine();
        }

        String nextLineStartingWith(String prefix) throws IOException {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
