package io.inferencegateway.adaptors.openai;

import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.config;
import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.endpoint;
import static io.inferencegateway.adaptors.openai.OpenAICompatibleEndpointTest.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.adaptors.http.FakeUpstream;
import io.inferencegateway.spi.SubmitTaskResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The non-streaming call in asynchronous form: it completes on the HTTP client's own thread, with the same answers
 * and the same error mapping as the blocking form, and cancelling it stops the backend's work.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenAIAsyncTest {

    private static final String REQUEST =
            "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void theAnswerCompletesOnTheClientsThreadWithNoThreadWaiting() throws Exception {
        CountDownLatch dependentRegistered = new CountDownLatch(1);
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            // Answer only once the test has attached its dependent, so it runs where the stage completes.
            if (dependentRegistered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                exchange.respond(200, "application/json", COMPLETION);
            }
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            CompletableFuture<Thread> completedOn = new CompletableFuture<>();
            CompletableFuture<SubmitTaskResponse> answer = endpoint.submitTaskAsync(task("chat/completions", REQUEST))
                    .whenComplete((response, failure) -> completedOn.complete(Thread.currentThread()))
                    .toCompletableFuture();
            dependentRegistered.countDown();

            assertThat(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(SubmitTaskResponse.ok(COMPLETION,
                    null));
            Thread thread = completedOn.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(thread.getName()).startsWith("openai-metis-api-test-model");
            assertThat(thread.isVirtual()).as("no virtual thread was started to wait for the backend").isFalse();
            assertThat(endpoint.submitTaskAsyncIsNative()).isTrue();
            assertThat(endpoint.submitStreamingTaskAsyncIsNative()).isTrue();
        }
    }

    @Test
    void anUpstreamErrorStatusIsMappedAsInTheBlockingForm() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) ->
                exchange.respond(503, "text/plain", "model is loading"));
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTaskAsync(task("chat/completions", REQUEST))
                    .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(response).isEqualTo(SubmitTaskResponse.error(503,
                    "Upstream endpoint returned 503: model is loading"));
        }
    }

    @Test
    void aRefusedConnectionIs503AndASilentUpstream504() throws Exception {
        try (FakeUpstream silent = new FakeUpstream((request, exchange) -> exchange.awaitClientClose());
             OpenAICompatibleEndpoint slow = endpoint(config(silent.baseUrl() + "/v1")
                     .put("api_request_timeout", 0.3), Map.of());
             OpenAICompatibleEndpoint refused = endpoint(config("http://127.0.0.1:" + FakeUpstream.closedPort()
                     + "/v1"), Map.of())) {

            SubmitTaskResponse timedOut = slow.submitTaskAsync(task("chat/completions", REQUEST))
                    .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            SubmitTaskResponse unreachable = refused.submitTaskAsync(task("chat/completions", REQUEST))
                    .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(timedOut).isEqualTo(SubmitTaskResponse.error(504,
                    "Upstream endpoint did not answer within 0.3 s"));
            assertThat(unreachable).isEqualTo(SubmitTaskResponse.error(503,
                    "Upstream endpoint metis-api-test-model is unreachable: connection refused"));
        }
    }

    @Test
    void aBodyCutShortIs502() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            exchange.startChunked(200, "application/json");
            exchange.chunk("{\"id\":\"chatcmpl-1\",");
            exchange.drop();
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            SubmitTaskResponse response = endpoint.submitTaskAsync(task("chat/completions", REQUEST))
                    .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(response).isEqualTo(SubmitTaskResponse.error(502, "Upstream endpoint metis-api-test-model "
                    + "failed: connection closed before the response was complete"));
        }
    }

    @Test
    void cancellingTheStageAbortsTheUpstreamRequest() throws Exception {
        AtomicBoolean upstreamSawClose = new AtomicBoolean();
        CountDownLatch requestArrived = new CountDownLatch(1);
        try (FakeUpstream upstream = new FakeUpstream((request, exchange) -> {
            requestArrived.countDown();
            exchange.awaitClientClose();
            upstreamSawClose.set(true);
        });
             OpenAICompatibleEndpoint endpoint = endpoint(config(upstream.baseUrl() + "/v1"), Map.of())) {

            CompletableFuture<SubmitTaskResponse> answer = endpoint.submitTaskAsync(task("chat/completions",
                    REQUEST)).toCompletableFuture();
            assertThat(requestArrived.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

            answer.cancel(true);

            await().atMost(DEADLINE).untilTrue(upstreamSawClose);
        }
    }
}
