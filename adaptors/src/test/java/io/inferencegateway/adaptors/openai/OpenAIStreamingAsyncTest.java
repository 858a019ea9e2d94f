package io.inferencegateway.adaptors.openai;

import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.config;
import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.endpoint;
import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.adaptors.http.FakeUpstream;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streaming call in asynchronous form: the stage completes when the backend's headers arrive, before any event,
 * and a refusal or failure before the stream comes out as the blocking form answers it.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenAIStreamingAsyncTest {

    private static final String REQUEST = "{\"model\":\"test-model\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String CHUNK = "{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void theStageCompletesWhenTheHeadersArriveBeforeAnyEvent() throws Exception {
        CountDownLatch streamStarted = new CountDownLatch(1);
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            exchange.startChunked(200, "text/event-stream");
            // The first event exists only once the stage has completed: an adaptor that waits for it never does.
            if (!streamStarted.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                exchange.drop();
                return;
            }
            exchange.chunk("data: " + CHUNK + "\n\ndata: [DONE]\n\n");
            exchange.endChunked();
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitStreamingTaskResponse response = endpoint.submitStreamingTaskAsync(task("chat/completions",
                    REQUEST), "log-1").toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            streamStarted.countDown();

            assertThat(response.isError()).as(response.errorMessage()).isFalse();
            try (EventStream stream = response.response()) {
                assertThat(stream.next()).isEqualTo(SseEvent.data(CHUNK));
                assertThat(stream.next().isDone()).isTrue();
                assertThat(stream.next()).isNull();
            }
        }
    }

    @Test
    void anErrorStatusIsAnsweredWithThatStatusAndTheStartOfItsBody() throws Exception {
        String body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}";
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(429, "application/json", body));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitStreamingTaskResponse response = endpoint.submitStreamingTaskAsync(task("chat/completions",
                    REQUEST), "log-2").toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(response).isEqualTo(SubmitStreamingTaskResponse.error(429,
                    "Upstream endpoint returned 429: " + body));
        }
    }

    @Test
    void aJsonAnswerToAStreamingRequestIs502() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", "{\"id\":\"not-streamed\"}"));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitStreamingTaskResponse response = endpoint.submitStreamingTaskAsync(task("chat/completions",
                    REQUEST), "log-3").toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(response.errorCode()).isEqualTo(502);
            assertThat(response.errorMessage()).contains("instead of an event stream").contains("not-streamed");
        }
    }

    @Test
    void noAnswerBeforeTheStreamIs504AndARefusedPortIs503() throws Exception {
        try (FakeUpstream silent = new FakeUpstream((request, exchange) -> exchange.awaitClientClose());
             OpenAICompatibleEndpoint slow = endpoint(config(silent.baseUrl() + "/v1")
                     .put("api_request_timeout", 0.3), Map.of());
             OpenAICompatibleEndpoint refused = endpoint(config("http://127.0.0.1:"
                     + FakeUpstream.closedPort() + "/v1"), Map.of())) {

            SubmitStreamingTaskResponse timedOut = slow.submitStreamingTaskAsync(task("chat/completions", REQUEST),
                    "l").toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            SubmitStreamingTaskResponse unreachable = refused.submitStreamingTaskAsync(task("chat/completions",
                    REQUEST), "l").toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(timedOut).isEqualTo(SubmitStreamingTaskResponse.error(504,
                    "Upstream endpoint did not answer within 0.3 s"));
            assertThat(unreachable).isEqualTo(SubmitStreamingTaskResponse.error(503,
                    "Upstream endpoint metis-api-test-model is unreachable: connection refused"));
        }
    }

    @Test
    void cancellingTheStageBeforeTheHeadersAbortsTheUpstreamRequest() throws Exception {
        AtomicBoolean upstreamSawClose = new AtomicBoolean();
        CountDownLatch requestArrived = new CountDownLatch(1);
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            requestArrived.countDown();
            exchange.awaitClientClose();
            upstreamSawClose.set(true);
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            CompletableFuture<SubmitStreamingTaskResponse> answer = endpoint.submitStreamingTaskAsync(
                    task("chat/completions", REQUEST), "log-4").toCompletableFuture();
            assertThat(requestArrived.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

            answer.cancel(true);

            await().atMost(DEADLINE).untilTrue(upstreamSawClose);
        }
    }
}
