package io.inferencegateway.gateway.globus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.testsupport.globus.FakeGlobusCompute;
import io.inferencegateway.testsupport.globus.FakeTask;
import io.inferencegateway.testsupport.globus.Reply;
import io.inferencegateway.testsupport.globus.Results;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BatchRequest;
import io.inferencegateway.spi.BatchStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway loading FIRST-style Globus Compute fixtures (FIRST's field names; only the adaptor class names are
 * Java's) against the fake Globus services: chat, streaming chat through the callback routes, jobs and a batch.
 * The fake plays the remote function: for a streaming task it posts chunks to the callback address the task
 * names, as FIRST's {@code vllm_inference_function} does.
 */
class GlobusComputeGatewayTest {

    static final String CLIENT_ID = "11111111-aaaa-bbbb-cccc-000000000001";
    static final String SECRET = "streaming-secret";
    static final String ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String FUNCTION = "ffffffff-0000-0000-0000-000000000001";
    static final String BATCH_ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000002";
    static final String BATCH_FUNCTION = "ffffffff-0000-0000-0000-000000000002";
    static final String QSTAT_ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000003";
    static final String QSTAT_FUNCTION = "ffffffff-0000-0000-0000-000000000003";
    static final String OFFLINE_ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000004";
    static final String SLOW_ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000005";
    static final String SLOW_FUNCTION = "ffffffff-0000-0000-0000-000000000005";
    static final String COLD_ENDPOINT = "aaaaaaaa-0000-0000-0000-000000000006";
    static final String MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    static final String CHAT_ROUTE = "/resource_server/sophia/vllm/v1/chat/completions";
    static final String CHAT = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"" + MODEL + "\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7},"
            + "\"response_time\":0.4,\"throughput_tokens_per_second\":5.0}";

    static FakeGlobusCompute fake;
    static java.nio.file.Path batchRoot;
    static GatewayFixture gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        fake = FakeGlobusCompute.start();
        fake.addClient(CLIENT_ID, "client-secret");
        fake.endpoint(ENDPOINT, "online", 1);
        fake.endpoint(BATCH_ENDPOINT, "online", 0);
        fake.endpoint(QSTAT_ENDPOINT, "online", 1);
        fake.endpoint(OFFLINE_ENDPOINT, "offline", null);
        fake.endpoint(SLOW_ENDPOINT, "online", 1);
        fake.endpoint(COLD_ENDPOINT, "online", 0);
        fake.onSubmit(SLOW_FUNCTION, task -> Reply.pending());
        fake.onSubmit(FUNCTION, GlobusComputeGatewayTest::inferenceFunction);
        fake.onSubmit(QSTAT_FUNCTION, task -> Reply.result(Results.jsonText("{\"running\": [{\"Models\": \"" + MODEL
                + "\", \"Framework\": \"vllm\", \"Cluster\": \"sophia\", \"Model Status\": \"running\", "
                + "\"Job ID\": \"42\"}], \"queued\": [], \"others\": [], \"private-batch-running\": [], "
                + "\"private-batch-queued\": [], \"cluster_status\": {\"free_nodes\": 3}}")));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // the callback address must be known before the gateway starts
        }
        Map<String, String> env = new HashMap<>();
        env.put("GATEWAY_GLOBUS_COMPUTE_API_URL", fake.url());
        env.put("GATEWAY_GLOBUS_COMPUTE_AUTH_URL", fake.url());
        env.put("GATEWAY_GLOBUS_COMPUTE_CLIENT_ID", CLIENT_ID);
        env.put("GATEWAY_GLOBUS_COMPUTE_CLIENT_SECRET", "client-secret");
        env.put("GATEWAY_GLOBUS_COMPUTE_CALLBACK_URL", "http://127.0.0.1:" + port);
        env.put("GATEWAY_GLOBUS_COMPUTE_STREAMING_SECRET", SECRET);
        // Not a test of the call limit (GlobusComputeSharedBudgetTest is): results polled every 20 ms, calls up to
        // 100 a second instead of Globus Compute's 20 per 10 s and its one poll a second, the fake holding the
        // gateway to that limit.
        env.put("GATEWAY_GLOBUS_COMPUTE_POLL_INTERVAL_MS", "20");
        env.put("GATEWAY_GLOBUS_COMPUTE_RATE_LIMIT", "100/1");
        fake.enforceRateLimit(100, java.time.Duration.ofSeconds(1));
        batchRoot = java.nio.file.Files.createTempDirectory("globus-batches");
        env.put("GATEWAY_BATCH_ROOTS", batchRoot.toString());
        gateway = GatewayFixture.start(env, "/fixtures-globus", port);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        fake.close();
    }

    /** FIRST's inference function: a JSON body for a plain call; chunks posted back to the gateway for a stream. */
    static Reply inferenceFunction(FakeTask task) {
        JsonNode params = task.modelParams();
        if (!params.path("stream").asBoolean(false)) {
            return Reply.result(Results.jsonText(CHAT)).afterPolls(1);
        }
        Thread.ofVirtual().start(() -> {
            String base = params.get("streaming_server_protocol").asText() + "://"
                    + params.get("streaming_server_host").asText() + ":" + params.get("streaming_server_port").asInt()
                    + "/resource_server/api/streaming/";
            String id = params.get("stream_task_id").asText();
            String token = params.get("stream_task_token").asText();
            String chunk = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}";
            post(base + "data/", token, Map.of("task_id", id, "type", "data",
                    "data", String.format(chunk, "Hel") + "\n" + String.format(chunk, "lo")));
            post(base + "data/", token, Map.of("task_id", id, "type", "data", "data",
                    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                            + "{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\ndata: [DONE]"));
            post(base + "done/", token, Map.of("task_id", id, "type", "done"));
            fake.complete(task.id(), Results.jsonText("{\"streaming\": true, \"status\": \"completed\"}"));
        });
        return Reply.pending();
    }

    private static void post(String url, String token, Map<String, String> body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("X-Internal-Secret", SECRET).header("X-Stream-Task-Token", token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FakeTask lastTaskOf(String function) {
        List<FakeTask> tasks = new ArrayList<>(fake.submitted());
        tasks.removeIf(task -> !task.functionId().equals(function));
        return tasks.get(tasks.size() - 1);
    }

    /** The adaptor's background failures are on the gateway's own /metrics, beside everything else. */
    @Test
    void theAdaptorsCountsAreOnTheGatewaysMetrics() throws Exception {
        chat(MODEL);

        String scrape = gateway.get("/metrics", null).body();

        assertThat(scrape).containsPattern("(?m)^globus_compute_submit_failures_total [0-9.]+$");
    }

    @Test
    void chatIsServedThroughTheRegisteredFunction() throws Exception {
        HttpResponse<String> response = gateway.post(CHAT_ROUTE, "{\"model\": \"" + MODEL
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Say hello\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.read(response.body())).isEqualTo(Json.read(CHAT));
        JsonNode params = lastTaskOf(FUNCTION).modelParams();
        assertThat(params.get("model").asText()).isEqualTo(MODEL);
        assertThat(params.get("openai_endpoint").asText()).isEqualTo("chat/completions");
        assertThat(params.get("api_port").asInt()).isEqualTo(8000);
        assertThat(fake.protocolErrors()).isEmpty();
    }

    @Test
    void streamingChatArrivesThroughThisReplicasCallbackRoutes() throws Exception {
        HttpResponse<String> response = gateway.post(CHAT_ROUTE, "{\"model\": \"" + MODEL
                + "\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Say hello\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> data = response.body().lines().filter(line -> line.startsWith("data: "))
                .map(line -> line.substring(6)).toList();
        assertThat(data).hasSize(3);
        assertThat(Json.read(data.get(0)).at("/choices/0/delta/content").asText()).isEqualTo("Hel");
        assertThat(Json.read(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("lo");
        assertThat(data.get(2)).isEqualTo("[DONE]"); // the usage chunk the gateway asked for is not shown

        JsonNode params = lastTaskOf(FUNCTION).modelParams();
        assertThat(params.get("streaming_server_host").asText()).isEqualTo("127.0.0.1");
        assertThat(params.get("streaming_server_port").asInt()).isEqualTo(gateway.app().port());
        assertThat(params.get("streaming_server_protocol").asText()).isEqualTo("http");
        assertThat(params.get("stream_task_token").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(params.get("api_port").asInt()).isEqualTo(8000);
    }

    private static HttpResponse<String> chat(String model) throws Exception {
        return gateway.post(CHAT_ROUTE, "{\"model\": \"" + model
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Say hello\"}]}");
    }

    @Test
    void anOfflineEndpointIsFirstsInternalEndpointError() throws Exception {
        HttpResponse<String> response = chat("offline/Model");
        assertThat(response.statusCode()).isEqualTo(503);
        // FIRST: EndpointError(f"Endpoint {slug!r} is offline.", status_code=503), rendered {"error": {code, message, info}}
        assertThat(Json.read(response.body())).isEqualTo(Json.read("{\"error\": {\"code\": \"internal_endpoint_error\", "
                + "\"message\": \"Endpoint 'sophia-vllm-offline' is offline.\", \"info\": {}}}"));
    }

    @Test
    void anEndpointNotReadyYetIsFirstsInternalEndpointErrorWithFirstsWords() throws Exception {
        chat("cold/Model"); // the first task starts the endpoint's workers
        HttpResponse<String> response = chat("cold/Model");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Json.read(response.body())).isEqualTo(Json.read("{\"error\": {\"code\": \"internal_endpoint_error\", "
                + "\"message\": \"Error: Endpoint sophia-vllm-cold online but not ready to receive tasks. Please try "
                + "again later.\", \"info\": {}}}"));
    }

    @Test
    void aTimeoutIsFirstsRequestTimeoutWithTheTaskIdInInfo() throws Exception {
        HttpResponse<String> response = chat("slow/Model");
        assertThat(response.statusCode()).isEqualTo(408);
        // FIRST: RequestTimeout("TimeoutError while ...", info={"task_id": task_id})
        assertThat(Json.read(response.body())).isEqualTo(Json.read("{\"error\": {\"code\": \"request_timeout\", "
                + "\"message\": \"TimeoutError while attempting to access compute resources. Please try again later.\", "
                + "\"info\": {\"task_id\": \"" + lastTaskOf(SLOW_FUNCTION).id() + "\"}}}"));
    }

    @Test
    void aVllmRefusalIsTheClientsError() throws Exception {
        fake.onSubmit(SLOW_FUNCTION, task -> Reply.failure("Traceback (most recent call last):\n  File \"f.py\", line 1\n"
                + "Exception: Unexpected error of type Exception: API request failed with status code: 400\n"
                + "Response text: {\"object\":\"error\",\"message\":\"too long\",\"code\":400}\nResponse time: 0.1\n"));
        try {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", "{\"model\": \"slow/Model\", "
                    + "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Json.read(response.body()).at("/error/message").asText()).isEqualTo("too long");
            assertThat(Json.read(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        } finally {
            fake.onSubmit(SLOW_FUNCTION, task -> Reply.pending());
        }
    }

    @Test
    void jobsComeFromTheQstatFunction() throws Exception {
        HttpResponse<String> response = gateway.get("/resource_server/sophia/jobs", "Bearer " + GatewayFixture.DEV_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode jobs = Json.read(response.body());
        assertThat(jobs.at("/running/0/Models").asText()).isEqualTo(MODEL);
        assertThat(jobs.at("/running/0/Job ID").asText()).isEqualTo("42");
        assertThat(jobs.at("/cluster_status/free_nodes").asInt()).isEqualTo(3);
    }

    @Test
    void firstsBatchSubmitIsAnsweredWithTheNativeBatchsTaskIds() throws Exception {
        // FIRST's SubmitBatchResult: task_ids is the comma-separated Globus task ids (endpoints/globus_compute.py).
        java.nio.file.Path input = java.nio.file.Files.writeString(batchRoot.resolve("in.jsonl"), "{}\n");
        var batches = new io.inferencegateway.batch.BatchRepository(gateway.app().database().dataSource());
        Thread worker = Thread.ofVirtual().start(() -> {
            // What a batch worker does once it has run submitBatch: record the backend's ids on the row.
            var submitted = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                    () -> batches.listForUserByState(io.inferencegateway.gateway.StartupOptions.DEV_USER_ID,
                            io.inferencegateway.batch.ApiStyle.FIRST,
                            java.util.EnumSet.allOf(io.inferencegateway.batch.BatchState.class), 10),
                    list -> !list.isEmpty());
            batches.setNative(submitted.get(0).id(), new io.inferencegateway.batch.Batch.NativeBatch("group-1",
                    List.of("task-1", "task-2"), "pending", ""));
        });
        HttpResponse<String> response = gateway.post("/resource_server/sophia/vllm/v1/batches", "{\"input_file\": \""
                + input + "\", \"model\": \"" + MODEL + "\"}");
        worker.join();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.read(response.body()).path("task_ids").asText()).isEqualTo("task-1,task-2");
        assertThat(Json.read(response.body()).path("status").asText()).isEqualTo("pending");
    }

    @Test
    void theFixturesEndpointRunsABatchNatively() {
        var endpoint = gateway.app().registry().endpoint("sophia", "vllm", MODEL).orElseThrow();
        assertThat(endpoint.hasBatchEnabled()).isTrue();
        var submitted = endpoint.submitBatch(new BatchRequest("0b7e2d0c-5f0e-4f5a-9a8e-3c2f1d4b6a70", MODEL,
                "/lus/eagle/in.jsonl", ""), "dev@localhost");
        assertThat(submitted.errorMessage()).isNull();
        assertThat(submitted.status()).isEqualTo(BatchStatus.PENDING);
        FakeTask task = lastTaskOf(BATCH_FUNCTION);
        assertThat(task.endpointId()).isEqualTo(BATCH_ENDPOINT);
        assertThat(task.data().get("batch_id").asText()).isEqualTo("0b7e2d0c-5f0e-4f5a-9a8e-3c2f1d4b6a70");
        assertThat(task.modelParams().get("input_file").asText()).isEqualTo("/lus/eagle/in.jsonl");
        assertThat(submitted.taskIds()).containsExactly(task.id());
    }
}
