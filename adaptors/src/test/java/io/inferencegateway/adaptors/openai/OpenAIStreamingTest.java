package io.inferencegateway.adaptors.openai;

import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.config;
import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.endpoint;
import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.adaptors.http.FakeUpstream;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import io.inferencegateway.spi.SubmitStreamingTaskResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenAIStreamingTest {

    private static final String REQUEST = "{\"model\":\"test-model\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String CHUNK_1 = "{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}";
    private static final String CHUNK_2 = "{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void relaysEachEventAsSoonAsItArrives() throws Exception {
        CountDownLatch firstEventRelayed = new CountDownLatch(1);
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            exchange.startChunked(200, "text/event-stream; charset=utf-8");
            exchange.chunk("data: " + CHUNK_1 + "\n\n");
            // The second event exists only once the first has come out of next(): a buffering adaptor never
            // gets it, and the stream breaks when this wait gives up.
            if (!firstEventRelayed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                exchange.drop();
                return;
            }
            exchange.chunk("data: " + CHUNK_2 + "\r\n\r\n: keep-alive\n\ndata: [DONE]\n\n");
            exchange.endChunked();
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitStreamingTaskResponse response = endpoint.submitStreamingTask(task("chat/completions", REQUEST),
                    "log-1");
            assertThat(response.isError()).as(response.errorMessage()).isFalse();
            try (EventStream stream = response.response()) {
                assertThat(stream.next()).isEqualTo(SseEvent.data(CHUNK_1));
                firstEventRelayed.countDown();
                assertThat(stream.next()).isEqualTo(SseEvent.data(CHUNK_2));
                assertThat(stream.next().isDone()).isTrue();
                assertThat(stream.next()).isNull();
            }
            assertThat(upstream.takeRequest().body()).isEqualTo(REQUEST.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void closeFromAnotherThreadAbortsTheUpstreamRequest() throws Exception {
        AtomicBoolean upstreamSawClose = new AtomicBoolean();
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            exchange.startChunked(200, "text/event-stream");
            exchange.chunk("data: " + CHUNK_1 + "\n\n");
            exchange.awaitClientClose();
            upstreamSawClose.set(true);
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            EventStream stream = endpoint.submitStreamingTask(task("chat/completions", REQUEST), "log-2").response();
            assertThat(stream.next()).isEqualTo(SseEvent.data(CHUNK_1));
            CompletableFuture<SseEvent> blockedRead = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    blockedRead.complete(stream.next());
                } catch (IOException | RuntimeException e) {
                    blockedRead.completeExceptionally(e);
                }
            });
            await().atMost(DEADLINE).until(() -> reader.getState() == Thread.State.WAITING);

            stream.close();
            stream.close();

            await().atMost(DEADLINE).untilTrue(upstreamSawClose);
            assertThatThrownBy(() -> blockedRead.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IOException.class);
            assertThatThrownBy(stream::next).isInstanceOf(IOException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void anUpstreamThatBreaksMidStreamMakesNextThrow() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            exchange.startChunked(200, "text/event-stream");
            exchange.chunk("data: " + CHUNK_1 + "\n\n");
            exchange.chunk("data: {\"id\":\"c1\",\"cho");
            exchange.drop();
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            EventStream stream = endpoint.submitStreamingTask(task("chat/completions", REQUEST), "log-3").response();

            assertThat(stream.next()).isEqualTo(SseEvent.data(CHUNK_1));
            assertThatThrownBy(stream::next).isInstanceOf(IOException.class)
                    .hasMessage("Upstream endpoint metis-api-test-model failed mid-stream: "
                            + "connection closed before the response was complete");
            stream.close();
        }
    }

    @Test
    void anUpstreamSilentMidStreamTimesOutAndIsDisconnected() throws Exception {
        AtomicBoolean upstreamSawClose = new AtomicBoolean();
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            exchange.startChunked(200, "text/event-stream");
            exchange.chunk("data: " + CHUNK_1 + "\n\n");
            exchange.awaitClientClose();
            upstreamSawClose.set(true);
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1")
                     .put("api_request_timeout", "0.3"), Map.of())) {

            EventStream stream = endpoint.submitStreamingTask(task("chat/completions", REQUEST), "log-4").response();

            assertThat(stream.next()).isEqualTo(SseEvent.data(CHUNK_1));
            assertThatThrownBy(stream::next).isInstanceOf(IOException.class)
                    .hasMessage("Upstream endpoint metis-api-test-model sent nothing for 0.3 s");
            await().atMost(DEADLINE).untilTrue(upstreamSawClose);
        }
    }

    @Test
    void anErrorStatusBeforeTheStreamIsAnsweredWithThatStatus() throws Exception {
        String body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}";
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(429, "application/json", body));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitStreamingTaskResponse response = endpoint.submitStreamingTask(task("chat/completions", REQUEST),
                    "log-5");

            assertThat(response.response()).isNull();
            assertThat(response.errorCode()).isEqualTo(429);
            assertThat(response.errorMessage()).isEqualTo("Upstream endpoint returned 429: " + body);
        }
    }

    @Test
    void aJsonAnswerToAStreamingRequestIs502() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(200, "application/json", "{\"id\":\"not-streamed\"}"));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitStreamingTaskResponse response = endpoint.submitStreamingTask(task("chat/completions", REQUEST),
                    "log-6");

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

            SubmitStreamingTaskResponse timedOut = slow.submitStreamingTask(task("chat/completions", REQUEST), "l");
            SubmitStreamingTaskResponse unreachable = refused.submitStreamingTask(task("chat/completions", REQUEST),
                    "l");

            assertThat(timedOut.errorCode()).isEqualTo(504);
            assertThat(timedOut.errorMessage()).isEqualTo("Upstream endpoint did not answer within 0.3 s");
            assertThat(unreachable.errorCode()).isEqualTo(503);
            assertThat(unreachable.errorMessage())
                    .isEqualTo("Upstream endpoint metis-api-test-model is unreachable: connection refused");
        }
    }
}
