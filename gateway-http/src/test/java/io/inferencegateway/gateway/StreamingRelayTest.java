package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSE relay, against a backend the test steers event by event. */
class StreamingRelayTest {

    private static final String STREAM = "{\"model\":\"scripted-model\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static ScriptedBackend backend;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = new ScriptedBackend();
        gateway = GatewayFixture.start(Map.of("SCRIPTED_BACKEND_URL", backend.baseUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @BeforeEach
    void reset() {
        backend.nextEvent.drainPermits();
        backend.mode = ScriptedBackend.Mode.LOCKSTEP;
    }

    @Test
    void eventsReachTheClientOneByOneAsTheBackendSendsThem() throws Exception {
        // The backend sends event k+1 only once the client holds event k: a gateway that buffered would hang here.
        try (SseClient client = new SseClient(gateway.uri("/v1/chat/completions"), GatewayFixture.DEV_KEY, STREAM)) {
            assertThat(client.response.statusCode()).isEqualTo(200);
            assertThat(client.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            List<String> received = new ArrayList<>();
            for (int i = 0; i < ScriptedBackend.EVENTS; i++) {
                String data = client.nextData();
                received.add(Json.read(data).at("/choices/0/delta/content").asText());
                backend.nextEvent.release();
            }
            assertThat(received).containsExactly("t0", "t1", "t2", "t3", "t4");
            // The client did not ask for usage: the usage chunk the gateway requested is not passed on.
            assertThat(client.remaining()).containsExactly("[DONE]");
        }
        assertThat(Json.read(backend.lastBody.get()).at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void usageChunkReachesClientsThatAskedForIt() throws Exception {
        String body = STREAM.replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        backend.nextEvent.release(ScriptedBackend.EVENTS);
        try (SseClient client = new SseClient(gateway.uri("/resource_server/scripted/vllm/v1/chat/completions"),
                GatewayFixture.DEV_KEY, body)) {
            List<String> events = client.remaining();
            assertThat(events).last().isEqualTo("[DONE]");
            JsonNode usage = Json.read(events.get(events.size() - 2)).path("usage");
            assertThat(usage.path("total_tokens").asInt()).isEqualTo(8);
        }
    }

    @Test
    void backendFailureMidStreamBecomesAnInBandErrorThenDone() throws Exception {
        backend.mode = ScriptedBackend.Mode.FAIL_AFTER_FIRST_EVENT;
        try (SseClient client = new SseClient(gateway.uri("/v1/chat/completions"), GatewayFixture.DEV_KEY, STREAM)) {
            assertThat(client.response.statusCode()).isEqualTo(200);
            List<String> events = client.remaining();
            assertThat(events).hasSize(3);
            assertThat(Json.read(events.get(0)).at("/choices/0/delta/content").asText()).isEqualTo("t0");
            JsonNode error = Json.read(events.get(1)).path("error");
            assertThat(error.path("code").asText()).isEqualTo("upstream_error");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(events.get(2)).isEqualTo("[DONE]");
        }
    }

    @Test
    void clientDisconnectCancelsTheUpstreamCall() throws Exception {
        backend.mode = ScriptedBackend.Mode.HOLD_AFTER_FIRST_EVENT;
        SseClient client = new SseClient(gateway.uri("/v1/chat/completions"), GatewayFixture.DEV_KEY, STREAM);
        assertThat(client.nextData()).contains("t0");
        client.close();
        // The backend is silent; the gateway's heartbeat finds the client gone and hangs up on the backend.
        assertThat(backend.hungUp.await(10, TimeUnit.SECONDS)).as("upstream cancelled").isTrue();
    }

    @Test
    void slowModelStreamsAtItsOwnPace() throws Exception {
        // model-slow: 50 ms to the first token, then 10 tokens per second, 8 tokens: the last is due 750 ms in.
        Duration lastDue = Duration.ofMillis(50 + 7 * 100);
        streamSlowModel(); // the path's first use loads classes: a few hundred milliseconds that are not the relay's
        List<Duration> arrivals = streamSlowModel();
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(8);
        // The model's pace holds: nothing arrives sooner than the model produced it.
        assertThat(arrivals.getLast()).isGreaterThanOrEqualTo(lastDue);
        // The first event reached the client before the model had produced the last one; a relay that collected the
        // stream would have sent nothing before then. (Not the spread between events: a machine that stalls the
        // first event lets the model run ahead, and the tokens it made meanwhile then arrive together.)
        assertThat(arrivals.getFirst()).isLessThan(lastDue);
        System.out.printf("model-slow: first event after %d ms, last after %d ms%n",
                arrivals.getFirst().toMillis(), arrivals.getLast().toMillis());
    }

    /** When each event of one model-slow stream arrived, from the moment the request was sent. */
    private static List<Duration> streamSlowModel() throws Exception {
        List<Duration> arrivals = new ArrayList<>();
        long start = System.nanoTime();
        try (SseClient client = new SseClient(gateway.uri("/v1/chat/completions"), GatewayFixture.DEV_KEY,
                "{\"model\":\"model-slow\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            for (String data = client.nextData(); data != null && !data.equals("[DONE]"); data = client.nextData()) {
                arrivals.add(Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return arrivals;
    }
}
