package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatedEndpointTest {

    private static SimulatedEndpoint endpoint(String config) {
        return new SimulatedEndpoint(new EndpointDefinition(7, "sim-vllm-m", "sim", "vllm", "m",
                SimulatedEndpoint.class.getName(), List.of(), List.of(), 0, 0, (ObjectNode) Json.read(config)));
    }

    private static TaskRequest chat(boolean stream) {
        return new TaskRequest("chat/completions", (ObjectNode) SimulatedChatTest.chat(", \"stream\": " + stream));
    }

    @Test
    void readsItsSettingsFromConfig() {
        assertThat(endpoint("{\"completion_tokens\": 3, \"latency_ms\": 1}").settings())
                .isEqualTo(new SimulatedSettings(1, 0, 0, 3, 0, 500, 16));
    }

    @Test
    void submitTaskReturnsTheGeneratedJson() {
        SubmitTaskResponse response = endpoint("{\"completion_tokens\": 3}").submitTask(chat(false));

        assertThat(response.isError()).isFalse();
        JsonNode body = Json.read(response.result());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void submitStreamingTaskReturnsChunksEndingInDone() throws IOException {
        SubmitStreamingTaskResponse response = endpoint("{\"completion_tokens\": 2}").submitStreamingTask(chat(true), "r1");

        assertThat(response.isError()).isFalse();
        try (EventStream events = response.response()) {
            int count = 0;
            SseEvent last = null;
            for (SseEvent event = events.next(); event != null; event = events.next()) {
                last = event;
                count++;
            }
            assertThat(count).isEqualTo(5);
            assertThat(last.isDone()).isTrue();
        }
    }

    @Test
    void failuresBecomeErrorResponsesWithTheConfiguredStatus() {
        SimulatedEndpoint failing = endpoint("{\"error_rate\": 1, \"error_status\": 429}");

        SubmitTaskResponse task = failing.submitTask(chat(false));
        SubmitStreamingTaskResponse stream = failing.submitStreamingTask(chat(true), "r2");

        assertThat(task.errorCode()).isEqualTo(429);
        assertThat(task.errorMessage()).contains("Simulated failure");
        assertThat(stream.errorCode()).isEqualTo(429);
        assertThat(stream.response()).isNull();
    }

    @Test
    void aFullModelRefusesWithTheConfiguredStatusAtOnce() throws IOException {
        SimulatedEndpoint busy = endpoint("""
                {"slots": 1, "max_waiting": 0, "tokens_per_second": 0.001, "completion_tokens": 4}""");

        SubmitStreamingTaskResponse held = busy.submitStreamingTask(chat(true), "r3");
        assertThat(busy.capacity().running()).isEqualTo(1);
        SubmitTaskResponse refused = busy.submitTask(chat(false));

        assertThat(refused.errorCode()).isEqualTo(429);
        assertThat(refused.errorMessage()).contains("busy");
        held.response().close();
        assertThat(busy.capacity().running()).isZero();
        assertThat(busy.submitTask(chat(false)).isError()).isFalse();
    }

    @Test
    void invalidRequestsBecome400s() {
        SubmitTaskResponse response = endpoint("{}").submitTask(
                new TaskRequest("chat/completions", (ObjectNode) Json.read("{\"model\": \"m\"}")));

        assertThat(response.errorCode()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("messages");
    }

    @Test
    void invalidConfigFailsConstructionNamingTheField() {
        assertThatThrownBy(() -> endpoint("{\"error_rate\": 2}"))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("config.error_rate"));
    }
}
