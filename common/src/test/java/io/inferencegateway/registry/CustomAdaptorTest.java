package io.inferencegateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.GetJobsResponse;
import io.inferencegateway.spi.SseEvent;
import io.inferencegateway.spi.TaskRequest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of docs/WRITING_ADAPTORS.md, loaded from a fixture as an operator would load it. */
class CustomAdaptorTest {

    private static Path fixtures() throws URISyntaxException {
        return Path.of(CustomAdaptorTest.class.getResource("/fixtures/custom").toURI());
    }

    private static AdaptorRegistry registry(Map<String, String> environment) throws URISyntaxException {
        Definitions definitions = new FixtureLoader(AdaptorClasses.ofContext()).load(fixtures());
        return AdaptorRegistry.build(definitions, AdaptorClasses.ofContext(), new ConfigInterpolator(environment::get));
    }

    @Test
    void customEndpointFromFixtureAnswersThroughTheContract() throws Exception {
        try (AdaptorRegistry registry = registry(Map.of())) {
            BaseEndpoint endpoint = registry.endpoint("example", "echo", "ECHO-1").orElseThrow();
            assertThat(endpoint.getClass().getName()).isEqualTo("com.example.adaptors.EchoEndpoint");
            assertThat(endpoint.endpointSlug()).isEqualTo("example_echo_echo-1");

            var request = new TaskRequest("chat/completions", (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.read("{\"model\":\"echo-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}"));
            var answer = endpoint.submitTask(request);
            assertThat(answer.isError()).isFalse();
            assertThat(Json.read(answer.result()).at("/choices/0/message/content").asText()).isEqualTo("echo: hi there");

            assertThat(endpoint.submitTask(new TaskRequest("embeddings", Json.object())).errorCode()).isEqualTo(400);
        }
    }

    @Test
    void placeholderTakesTheProcessEnvironment() throws Exception {
        try (AdaptorRegistry registry = registry(Map.of("ECHO_PREFIX", "> "))) {
            var request = new TaskRequest("chat/completions", (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.read("{\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}"));
            var stream = registry.endpoint("example", "echo", "echo-1").orElseThrow()
                    .submitStreamingTask(request, "log-1");
            List<SseEvent> events = collect(stream.response());
            assertThat(events).hasSize(4).last().extracting(SseEvent::isDone).isEqualTo(true);
            assertThat(events.get(0).data()).contains("\"content\":\"> \"");
        }
    }

    @Test
    void customClusterReportsJobs() throws Exception {
        try (AdaptorRegistry registry = registry(Map.of())) {
            GetJobsResponse jobs = registry.cluster("example").orElseThrow().getJobs();
            assertThat(Json.write(jobs.jobs().running()))
                    .isEqualTo("[{\"Models\":\"echo-1\",\"Framework\":\"echo\",\"Cluster\":\"example\","
                            + "\"Model Status\":\"running\"}]");
        }
    }

    private static List<SseEvent> collect(EventStream stream) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event = stream.next(); event != null; event = stream.next()) {
            events.add(event);
        }
        return events;
    }
}
