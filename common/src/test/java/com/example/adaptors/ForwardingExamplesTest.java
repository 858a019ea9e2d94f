package com.example.adaptors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.http.FakeUpstream;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.EndpointDefinition;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two short examples of docs/WRITING_ADAPTORS.md, one per form, answer alike through both forms: the docs show
 * code that works.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ForwardingExamplesTest {

    private static final String COMPLETION = "{\"object\":\"chat.completion\",\"choices\":[]}";
    private static final TaskRequest CHAT = new TaskRequest("chat/completions",
            (ObjectNode) Json.read("{\"model\":\"m\",\"messages\":[]}"));

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eachExampleForwardsTheBodyAndAnswersThroughBothForms(boolean async) throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", COMPLETION));
             BaseEndpoint endpoint = example(async, upstream.baseUrl() + "/v1")) {

            SubmitTaskResponse blocking = endpoint.submitTask(CHAT);
            SubmitTaskResponse viaStage = endpoint.submitTaskAsync(CHAT).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertThat(blocking).isEqualTo(SubmitTaskResponse.ok(COMPLETION, null)).isEqualTo(viaStage);
            for (int call = 0; call < 2; call++) {
                FakeUpstream.Received request = upstream.takeRequest();
                assertThat(request.target()).isEqualTo("/v1/chat/completions");
                assertThat(new String(request.body(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"model\":\"m\",\"messages\":[]}");
            }
            assertThat(endpoint.submitTaskAsyncIsNative()).isEqualTo(async);
            assertThat(endpoint.submitStreamingTask(CHAT, "log-1").errorCode()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anUnreachableBackendIs503(boolean async) throws Exception {
        try (BaseEndpoint endpoint = example(async, "http://127.0.0.1:" + FakeUpstream.closedPort() + "/v1")) {
            assertThat(endpoint.submitTask(CHAT))
                    .isEqualTo(SubmitTaskResponse.error(503, "Upstream endpoint example-fwd-m is unreachable"));
        }
    }

    private static BaseEndpoint example(boolean async, String url) {
        Function<EndpointDefinition, BaseEndpoint> constructor = async ? AsyncForwardingEndpoint::new
                : ForwardingEndpoint::new;
        String adapter = (async ? AsyncForwardingEndpoint.class : ForwardingEndpoint.class).getName();
        return constructor.apply(new EndpointDefinition(1, "example-fwd-m", "example", "fwd", "m", adapter,
                List.of(), List.of(), 0, 0, Json.object().put("url", url)));
    }
}
