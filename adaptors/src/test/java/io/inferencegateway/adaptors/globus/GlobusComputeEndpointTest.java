package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.testsupport.globus.FakeGlobusCompute;
import io.inferencegateway.testsupport.globus.FakeTask;
import io.inferencegateway.testsupport.globus.Reply;
import io.inferencegateway.testsupport.globus.Results;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.spi.TaskRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Interactive calls against the fake Globus Auth and Globus Compute, with the requests' shapes asserted. */
class GlobusComputeEndpointTest {

    static final String PROMPT = "Grüße 😀 日本";
    static final String CHAT = "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"choices\": [{\"index\": 0, "
            + "\"message\": {\"role\": \"assistant\", \"content\": \"Gr\\u00fc\\u00dfe \\ud83d\\ude00\"}, "
            + "\"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 2, "
            + "\"total_tokens\": 5}}";

    /**
     * {@code pickle.dumps(CHAT, protocol=4)} from Python 3, base64 as the SDK writes it (76-character lines): what
     * an endpoint older than 3.6 answers, since it ignores {@code result_serializers}.
     */
    static final String CHAT_AS_DILL = "00\ngASVAAEAAAAAAACM/HsiaWQiOiAiY2hhdGNtcGwtMSIsICJvYmplY3QiOiAiY2hhdC5jb21wbGV0\n"
            + "aW9uIiwgImNob2ljZXMiOiBbeyJpbmRleCI6IDAsICJtZXNzYWdlIjogeyJyb2xlIjogImFzc2lz\n"
            + "dGFudCIsICJjb250ZW50IjogIkdyXHUwMGZjXHUwMGRmZSBcdWQ4M2RcdWRlMDAifSwgImZpbmlz\n"
            + "aF9yZWFzb24iOiAic3RvcCJ9XSwgInVzYWdlIjogeyJwcm9tcHRfdG9rZW5zIjogMywgImNvbXBs\n"
            + "ZXRpb25fdG9rZW5zIjogMiwgInRvdGFsX3Rva2VucyI6IDV9fZQu\n";

    /** The tag of the tests about Globus Compute's call limit: they run with the real one, the others faster. */
    static final String REAL_RATE_LIMIT = "real-rate-limit";

    private final Harness harness;
    private final FakeGlobusCompute fake;

    GlobusComputeEndpointTest(TestInfo test) {
        harness = test.getTags().contains(REAL_RATE_LIMIT) ? Harness.withRealLimit() : new Harness();
        fake = harness.fake;
    }

    @AfterEach
    void close() {
        harness.close();
    }

    static Credentials client() {
        return new Credentials(Harness.CLIENT_ID, Harness.CLIENT_SECRET);
    }

    static TaskRequest chat(String content) {
        return new TaskRequest("chat/completions", (ObjectNode) Json.read("{\"model\": \"meta-llama/Llama-3.1-8B-Instruct\","
                + " \"messages\": [{\"role\": \"user\", \"content\": " + Json.write(content) + "}]}"));
    }

    @Test
    void chatSendsFirstsDataAsPackedJsonAndReturnsTheFunctionsBody() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)).afterPolls(2));
        GlobusComputeEndpoint endpoint = harness.endpoint("");

        SubmitTaskResponse answer = endpoint.submitTask(chat(PROMPT));

        assertThat(answer.errorMessage()).isNull();
        assertThat(answer.result()).isEqualTo(CHAT);
        assertThat(fake.protocolErrors()).isEmpty();
        FakeTask task = fake.submitted().get(0);
        assertThat(answer.taskId()).isEqualTo(task.id());
        assertThat(task.endpointId()).isEqualTo(Harness.ENDPOINT);
        assertThat(task.functionId()).isEqualTo(Harness.FUNCTION);
        assertThat(task.args()).hasSize(1);
        assertThat(task.kwargs()).isEqualTo(Json.object());
        JsonNode params = task.modelParams();
        assertThat(params.path("api_port").asInt()).isEqualTo(8000);
        assertThat(params.path("openai_endpoint").asText()).isEqualTo("chat/completions");
        assertThat(params.at("/messages/0/content").asText()).isEqualTo(PROMPT);
        assertThat(fake.resultReads(task.id())).isEqualTo(1);
    }

    @Test
    void packedLengthsCountCodePointsForNonAsciiText() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        harness.endpoint("").submitTask(chat(PROMPT));

        String payload = fake.submitted().get(0).payload();
        int newline = payload.indexOf('\n');
        int declared = Integer.parseInt(payload.substring(0, newline));
        String firstBuffer = payload.substring(newline + 1, payload.offsetByCodePoints(newline + 1, declared));
        assertThat(firstBuffer).startsWith("11\n[").endsWith("]").contains(PROMPT);
        assertThat(declared).isEqualTo(firstBuffer.codePointCount(0, firstBuffer.length()))
                .isLessThan(firstBuffer.length())
                .isLessThan(firstBuffer.getBytes(StandardCharsets.UTF_8).length);
        assertThat(payload.substring(payload.offsetByCodePoints(newline + 1, declared))).isEqualTo("5\n11\n{}");
    }

    @Test
    void requestsCarryTheReferenceHeadersAndBody() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        harness.endpoint("").submitTask(chat("hi"));

        var token = fake.received("POST", "/v2/oauth2/token").get(0);
        assertThat(token.headers().get("authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (Harness.CLIENT_ID + ":" + Harness.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(token.body()).isEqualTo("grant_type=client_credentials&scope=https%3A%2F%2Fauth.globus.org%2F"
                + "scopes%2Ffacd7ccc-c5f4-42aa-916b-a0e270e2c2a9%2Fall");

        var submit = fake.received("POST", "/v3/endpoints/" + Harness.ENDPOINT + "/submit").get(0);
        assertThat(submit.headers().get("authorization")).startsWith("Bearer token-");
        assertThat(submit.headers().get("user-agent")).isEqualTo("inference-gateway-java/0.1");
        JsonNode body = Json.read(submit.body());
        assertThat(body.get("result_serializers")).isEqualTo(Json.read(
                "[\"globus_compute_sdk.serialize.JSONData\", \"globus_compute_sdk.serialize.DillDataBase64\"]"));
        assertThat(body.get("create_queue").asBoolean(true)).isFalse();
        assertThat(body.get("tasks").get(Harness.FUNCTION)).hasSize(1);
        assertThat(fake.received("GET", "/v2/endpoints/" + Harness.ENDPOINT + "/status")).hasSize(1);
    }

    @Test
    void theTokenIsReusedAndRenewedAfterItIsRefused() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        GlobusComputeEndpoint endpoint = harness.endpoint("");
        endpoint.submitTask(chat("one"));
        endpoint.submitTask(chat("two"));
        assertThat(fake.tokensIssued()).isEqualTo(1);

        fake.revokeTokens();
        assertThat(endpoint.submitTask(chat("three")).errorMessage()).isNull();
        assertThat(fake.tokensIssued()).isEqualTo(2);
    }

    @Test
    void dillResultFromAnOldEndpointIsRead() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(CHAT_AS_DILL));
        SubmitTaskResponse answer = harness.endpoint("").submitTask(chat(PROMPT));
        assertThat(answer.result()).isEqualTo(CHAT);
        assertThat(Json.read(answer.result()).at("/choices/0/message/content").asText()).isEqualTo("Grüße 😀");
    }

    @Test
    @Tag(REAL_RATE_LIMIT)
    void rateLimitAnswersAreWaitedOutAndRetried() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        fake.rateLimitNext(3, "0");
        SubmitTaskResponse answer = harness.endpoint("").submitTask(chat("hi"));
        assertThat(answer.errorMessage()).isNull();
        assertThat(fake.rateLimitedCount()).isEqualTo(3);
    }

    @Test
    @Tag(REAL_RATE_LIMIT)
    void rateLimitWithoutRetryAfterBacksOff() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        fake.rateLimitNext(1, null);
        assertThat(harness.endpoint("").submitTask(chat("hi")).errorMessage()).isNull();
        assertThat(fake.rateLimitedCount()).isEqualTo(1);
    }

    @Test
    void offlineEndpointIsRefusedWithoutSubmitting() {
        fake.endpoint(Harness.ENDPOINT, "offline", null);
        SubmitTaskResponse answer = harness.endpoint("").submitTask(chat("hi"));
        assertThat(answer.errorCode()).isEqualTo(503);
        assertThat(answer.errorMessage()).isEqualTo("Endpoint 'sophia-vllm-llama' is offline.");
        assertThat(fake.submitted()).isEmpty();
    }

    @Test
    void endpointWithoutManagersTakesOneTaskThenAsksToWait() {
        fake.endpoint(Harness.ENDPOINT, "online", 0);
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        GlobusComputeEndpoint endpoint = harness.endpoint("");
        assertThat(endpoint.submitTask(chat("first")).isError()).isFalse();

        SubmitTaskResponse second = endpoint.submitTask(chat("second"));
        assertThat(second.errorCode()).isEqualTo(503);
        assertThat(second.errorMessage()).isEqualTo(
                "Error: Endpoint sophia-vllm-llama online but not ready to receive tasks. Please try again later.");
        assertThat(fake.submitted()).hasSize(1);
    }

    @Test
    void anEndpointTheServiceDoesNotKnowIsAServerError() {
        fake.removeEndpoint(Harness.ENDPOINT);
        SubmitTaskResponse answer = harness.endpoint("").submitTask(chat("hi"));
        assertThat(answer.errorCode()).isEqualTo(500);
        assertThat(answer.errorMessage()).startsWith("Cannot get the status of endpoint 'sophia-vllm-llama'")
                .contains("404");
        assertThat(fake.submitted()).isEmpty();
    }

    @Test
    void taskStillRunningAtTheTimeoutGives408WithTheTaskId() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.pending());
        SubmitTaskResponse answer = harness.endpoint(", \"task_timeout_seconds\": 0.2").submitTask(chat("hi"));
        assertThat(answer.errorCode()).isEqualTo(408);
        assertThat(answer.taskId()).isEqualTo(fake.submitted().get(0).id());
        assertThat(answer.errorMessage()).startsWith("TimeoutError while attempting to access compute resources.");
    }

    @Test
    void aVllmRefusalInsideFirstsTracebackReachesTheClientAsVllmsStatusAndMessage() {
        // Regression (issue 17): only the last line was kept, which with FIRST's function is "Response time: ...".
        fake.onSubmit(Harness.FUNCTION, task -> Reply.failure(RemoteFailureTest.CONTEXT_LENGTH_TRACEBACK));
        SubmitTaskResponse answer = harness.endpoint("").submitTask(chat("hi"));
        assertThat(answer.errorCode()).isEqualTo(400);
        assertThat(answer.errorMessage()).isEqualTo(RemoteFailureTest.CONTEXT_LENGTH_MESSAGE);
        assertThat(answer.taskId()).isEqualTo(fake.submitted().get(0).id());
    }

    @Test
    void anyOtherRemoteFailureGives500WithTheWholeExceptionText() {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.failure(RemoteFailureTest.KEY_ERROR_TRACEBACK));
        SubmitTaskResponse answer = harness.endpoint("").submitTask(chat("hi"));
        assertThat(answer.errorCode()).isEqualTo(500);
        assertThat(answer.errorMessage()).isEqualTo("Error from the remote function on endpoint "
                + "'sophia-vllm-llama': Exception: Unexpected error of type KeyError: 'choices'\n"
                + "Response time: 0.4312");
    }

    @Test
    void streamingIsRefusedWhenThisProcessHasNoCallbackRoutes() {
        var answer = harness.endpoint("").submitStreamingTask(chat("hi"), "log-1");
        assertThat(answer.errorCode()).isEqualTo(501);
        assertThat(fake.submitted()).isEmpty();
    }

    @Test
    @Tag(REAL_RATE_LIMIT)
    void manyConcurrentCallsShareOnePollerWithinTheRateLimit() throws Exception {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)).afterPolls(3));
        GlobusComputeEndpoint endpoint = harness.endpoint("");
        List<Thread> threads = new java.util.ArrayList<>();
        List<SubmitTaskResponse> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> answers.add(endpoint.submitTask(chat("hi")))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(answers).hasSize(8).allSatisfy(answer -> assertThat(answer.result()).isEqualTo(CHAT));
        int statusCalls = fake.received("POST", "/v2/batch_status").size() + fake.received("GET", "/v2/tasks/").size();
        // Eight tasks, each pending for three answers: one task at a time would take at least 32 calls.
        assertThat(statusCalls).isLessThan(32);
        fake.submitted().forEach(task -> assertThat(fake.resultReads(task.id())).isEqualTo(1));
    }

    private int submits() {
        return fake.received("POST", "/v3/endpoints/" + Harness.ENDPOINT + "/submit").size();
    }

    private List<Thread> calls(GlobusComputeEndpoint endpoint, List<String> prompts, List<SubmitTaskResponse> answers) {
        return prompts.stream().map(prompt -> Thread.ofVirtual().start(() -> answers.add(endpoint.submitTask(chat(prompt)))))
                .toList();
    }

    @Test
    void tasksArrivingWhileASubmitIsInFlightGoOutTogetherInTheNextRequest() throws Exception {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        GlobusComputeEndpoint endpoint = harness.endpoint("");
        endpoint.submitTask(chat("warm up")); // the token and the endpoint's status are fetched
        SubmitQueue queue = GlobusComputeRuntime.of(harness.context()).submitQueue();
        fake.holdSubmits();
        List<SubmitTaskResponse> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> first = calls(endpoint, List.of("first"), answers);
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.submitsHeld() == 1);
        List<Thread> rest = calls(endpoint, List.of("2", "3", "4", "5", "6", "7", "8"), answers);
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.queued() == 7);
        fake.releaseSubmits();
        for (Thread thread : concat(first, rest)) {
            thread.join();
        }

        assertThat(answers).hasSize(8).allSatisfy(answer -> assertThat(answer.result()).isEqualTo(CHAT));
        var submits = fake.received("POST", "/v3/endpoints/" + Harness.ENDPOINT + "/submit");
        assertThat(submits).hasSize(3); // the warm-up, the first, then the seven together
        assertThat(Json.read(submits.get(2).body()).at("/tasks/" + Harness.FUNCTION)).hasSize(7);
        assertThat(fake.protocolErrors()).isEmpty();
        assertThat(queue.failures()).isZero();
    }

    @Test
    void aPackedSubmitStaysWithinTheServicesTenMegabytes() throws Exception {
        fake.onSubmit(Harness.FUNCTION, task -> Reply.result(Results.jsonText(CHAT)));
        GlobusComputeEndpoint endpoint = harness.endpoint(", \"task_timeout_seconds\": 120");
        endpoint.submitTask(chat("warm up"));
        SubmitQueue queue = GlobusComputeRuntime.of(harness.context()).submitQueue();
        fake.holdSubmits();
        List<SubmitTaskResponse> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> first = calls(endpoint, List.of("first"), answers);
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.submitsHeld() == 1);
        String large = "x".repeat(3_500_000);
        List<Thread> rest = calls(endpoint, List.of(large, large, large), answers);
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.queued() == 3);
        fake.releaseSubmits();
        for (Thread thread : concat(first, rest)) {
            thread.join();
        }

        assertThat(answers).hasSize(4).allSatisfy(answer -> assertThat(answer.errorMessage()).isNull());
        var submits = fake.received("POST", "/v3/endpoints/" + Harness.ENDPOINT + "/submit");
        assertThat(submits).hasSize(4); // the warm-up, the first, two large ones, the third alone
        assertThat(Json.read(submits.get(2).body()).at("/tasks/" + Harness.FUNCTION)).hasSize(2);
        assertThat(Json.read(submits.get(3).body()).at("/tasks/" + Harness.FUNCTION)).hasSize(1);
        assertThat(fake.protocolErrors()).isEmpty();
    }

    private static List<Thread> concat(List<Thread> a, List<Thread> b) {
        List<Thread> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
