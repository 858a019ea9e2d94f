package io.inferencegateway.gateway.batches;

import static io.inferencegateway.gateway.batches.BatchRequestErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FIRST's batch routes with a temporary directory as the only batch root, through a real gateway. */
class FirstBatchesTest {

    private static final String SUBMIT = "/resource_server/open/vllm/v1/batches";

    @TempDir
    static Path temp;
    private static Path root;
    private static Path outside;
    private static GatewayFixture gateway;
    private static DataSource dataSource;
    private static BatchRepository batches;

    @BeforeAll
    static void start() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.jsonl"), TestFiles.chatLines("model-a", 1));
        Files.createDirectories(root.resolve("in"));
        Files.createDirectories(root.resolve("out"));
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.writeString(root.resolve("in/not-a-folder"), "");
        gateway = GatewayFixture.start(Map.of("GATEWAY_BATCH_ROOTS", root.toString(),
                "GATEWAY_BATCH_MAX_ACTIVE", "2"));
        dataSource = gateway.app.database().dataSource();
        batches = new BatchRepository(dataSource);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String newKey() {
        return newKey("user-" + UUID.randomUUID());
    }

    private static String newKey(String userId) {
        return "Bearer " + gateway.keyFor(userId, List.of(), "example.org");
    }

    /** A new input file under the root. */
    private static String input() throws IOException {
        Path file = root.resolve("in/" + UUID.randomUUID() + ".jsonl");
        Files.writeString(file, TestFiles.chatLines("model-a", 2));
        return file.toString();
    }

    private static String submitBody(String inputFile) {
        return "{\"input_file\":\"" + inputFile + "\",\"model\":\"model-a\"}";
    }

    @Test
    void submitsAndReadsABatchInFirstsShapes() throws Exception {
        String key = newKey();
        String input = input();
        String output = root.resolve("out/results").toString();

        HttpResponse<String> submitted = gateway.post(SUBMIT, key,
                "{\"input_file\":\"" + input + "\",\"model\":\"model-a\",\"output_folder_path\":\"" + output + "\"}");

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        JsonNode result = Json.read(submitted.body());
        String id = result.path("batch_id").asText();
        assertThat(id).matches("batch_[0-9A-Za-z]{24}");
        assertThat(result.path("input_file").asText()).isEqualTo(input);
        assertThat(result.path("output_folder_path").asText()).isEqualTo(output);
        assertThat(result.path("task_ids").isNull()).isTrue(); // lines run by workers: no backend task ids
        assertThat(result.path("status").asText()).isEqualTo("pending");

        Batch row = batches.find(id).orElseThrow();
        assertThat(row.apiStyle()).isEqualTo(ApiStyle.FIRST);
        assertThat(row.endpoint()).isEqualTo("/v1/chat/completions");
        assertThat(row.cluster()).isEqualTo("open");
        assertThat(row.model()).isEqualTo("model-a");
        assertThat(row.times().expiresAt()).isNotNull();
        assertThat(SubmissionLog.count(List.of(id))).isEqualTo(Map.of(id, 1));

        assertThat(gateway.get("/resource_server/v1/batches/" + id, key).body()).isEqualTo("\"pending\"");
        JsonNode listed = Json.read(gateway.get("/resource_server/v1/batches", key).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("batch_id").asText()).isEqualTo(id);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).path("cluster").asText()).isEqualTo("open");
        assertThat(listed.get(0).path("framework").asText()).isEqualTo("vllm");
        assertThat(listed.get(0).path("input_file").asText()).isEqualTo(input);
        assertThat(listed.get(0).path("status").asText()).isEqualTo("pending");
        assertThat(Instant.parse(listed.get(0).path("created_at").asText())).isEqualTo(row.times().createdAt());
        assertThat(Json.read(gateway.get("/resource_server/v1/batches?status=pending", key).body())).hasSize(1);
        assertThat(Json.read(gateway.get("/resource_server/v1/batches?status=running", key).body())).isEmpty();
        assertError(gateway.get("/resource_server/v1/batches?status=done", key), 400, "invalid_value", null);
        assertError(gateway.get("/resource_server/v1/batches/" + id + "/result", key), 400, "batch_ongoing", null);
    }

    static Stream<Arguments> pathsOutsideTheRoot() {
        return Stream.of(
                Arguments.of("input_file", "in/a.jsonl"),
                Arguments.of("input_file", "ROOT/../outside/secret.jsonl"),
                Arguments.of("input_file", "ROOT/in/../../outside/secret.jsonl"),
                Arguments.of("input_file", "OUTSIDE/secret.jsonl"),
                Arguments.of("input_file", "ROOT/link-out/secret.jsonl"),
                Arguments.of("input_file", "ROOT/in/missing.jsonl"),
                Arguments.of("input_file", "ROOT/in"),
                Arguments.of("input_file", "ROOT/in/a\\u0000.jsonl"),
                Arguments.of("input_file", "/etc/passwd"),
                Arguments.of("output_folder_path", "out"),
                Arguments.of("output_folder_path", "ROOT/out/../../outside"),
                Arguments.of("output_folder_path", "OUTSIDE"),
                Arguments.of("output_folder_path", "ROOT/link-out/results"),
                Arguments.of("output_folder_path", "ROOT/in/not-a-folder/results"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("pathsOutsideTheRoot")
    void pathsOutsideTheRootAreRefused(String field, String template) throws Exception {
        String path = template.replace("ROOT", root.toString()).replace("OUTSIDE", outside.toString());
        String body = field.equals("input_file")
                ? "{\"input_file\":\"" + path + "\",\"model\":\"model-a\"}"
                : "{\"input_file\":\"" + input() + "\",\"model\":\"model-a\",\"output_folder_path\":\"" + path + "\"}";

        HttpResponse<String> response = gateway.post(SUBMIT, newKey(), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Json.read(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_path");
        assertThat(error.path("info").path("param").asText()).isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"24\"", "\"0h\"", "\"8d\"", "\"1.5h\"", "\"abc\"", "24"})
    void aMalformedCompletionWindowIsRefusedInFirstsShape(String window) throws Exception {
        HttpResponse<String> response = gateway.post(SUBMIT, newKey(), "{\"input_file\":\"" + input()
                + "\",\"model\":\"model-a\",\"completion_window\":" + window + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Json.read(response.body()).path("error");
        assertThat(error.path("code").asText()).isIn("invalid_value", "invalid_type");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("info").path("param").asText()).isEqualTo("completion_window");
    }

    @Test
    void aBatchMayNameItsCompletionWindowAndExpiresAfterIt() throws Exception {
        String shortWindow = Json.read(gateway.post(SUBMIT, newKey(), "{\"input_file\":\"" + input()
                + "\",\"model\":\"model-a\",\"completion_window\":\"30m\"}").body()).path("batch_id").asText();
        String plain = Json.read(gateway.post(SUBMIT, newKey(), submitBody(input())).body()).path("batch_id").asText();

        Batch custom = batches.find(shortWindow).orElseThrow();
        assertThat(custom.completionWindow()).isEqualTo("30m");
        assertThat(Duration.between(custom.times().createdAt(), custom.times().expiresAt()))
                .isEqualTo(Duration.ofMinutes(30));
        Batch byDefault = batches.find(plain).orElseThrow();
        assertThat(byDefault.completionWindow()).isEqualTo("24h");
        assertThat(Duration.between(byDefault.times().createdAt(), byDefault.times().expiresAt()))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aUserMayHaveTwoActiveBatchesAcrossBothApis() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        String key = newKey(userId);
        String first = Json.read(gateway.post(SUBMIT, key, submitBody(input())).body()).path("batch_id").asText();
        assertThat(gateway.post(SUBMIT, key, submitBody(input())).statusCode()).isEqualTo(200);

        // FIRST's answer to a user over quota, a 400 no client retries; not the 429 the SDKs retry for minutes.
        HttpResponse<String> third = gateway.post(SUBMIT, key, submitBody(input()));
        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(third.headers().firstValue("Retry-After")).isEmpty();
        JsonNode refusal = Json.read(third.body()).path("error");
        assertThat(refusal.path("code").asText()).isEqualTo("quota_exceeded");
        assertThat(refusal.path("message").asText()).contains("2 active batch");
        // OpenAI's answer to a batch over a limit: the batch is created, failed at once, the reason in its errors.
        String fileId = TestFiles.store(dataSource, userId, "batch", TestFiles.chatLines("model-a", 1));
        HttpResponse<String> openAi = gateway.post("/v1/batches", key, "{\"input_file_id\":\"" + fileId
                + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}");
        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
        assertThat(openAi.headers().firstValue("Retry-After")).isEmpty();
        JsonNode failed = Json.read(openAi.body());
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("failed_at").isNumber()).isTrue();
        JsonNode reason = failed.path("errors").path("data").get(0);
        assertThat(reason.path("code").asText()).isEqualTo("quota_exceeded");
        assertThat(reason.path("message").asText()).contains("2 active batch");
        assertThat(SubmissionLog.count(List.of(failed.path("id").asText()))).isEmpty();

        batches.markFailed(first, Set.of(BatchState.VALIDATING), List.of(BatchError.of("empty_file", "Empty.")));
        assertThat(gateway.post(SUBMIT, key, submitBody(input())).statusCode()).isEqualTo(200);
    }

    @Test
    void anInputFileInUseCannotBeSubmittedAgainUntilItsBatchEnds() throws Exception {
        String key = newKey();
        String input = input();
        String first = Json.read(gateway.post(SUBMIT, key, submitBody(input)).body()).path("batch_id").asText();

        HttpResponse<String> again = gateway.post(SUBMIT, key, submitBody(input));

        assertThat(again.statusCode()).isEqualTo(400);
        JsonNode error = Json.read(again.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("batch_ongoing");
        assertThat(error.path("message").asText()).contains(input).contains(first);
        assertThat(gateway.post(SUBMIT, newKey(), submitBody(input)).statusCode()).isEqualTo(200);
        batches.markFailed(first, Set.of(BatchState.VALIDATING), List.of(BatchError.of("empty_file", "Empty.")));
        assertThat(gateway.post(SUBMIT, key, submitBody(input)).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherUsersBatchIsNotFoundAndBadIdsAreRefused() throws Exception {
        String owner = newKey();
        String other = newKey();
        String id = Json.read(gateway.post(SUBMIT, owner, submitBody(input())).body()).path("batch_id").asText();

        assertError(gateway.get("/resource_server/v1/batches/" + id, other), 404, "batch_not_found", null);
        assertError(gateway.get("/resource_server/v1/batches/" + id + "/result", other), 404, "batch_not_found",
                null);
        assertThat(Json.read(gateway.get("/resource_server/v1/batches", other).body())).isEmpty();
        assertError(gateway.get("/v1/batches/" + id, owner), 404, "batch_not_found", null);
        // FIRST's ids are UUIDs: one is unknown here, as FIRST answers an unknown id (issue 18).
        assertError(gateway.get("/resource_server/v1/batches/6f1c1f5e-8f7b-4a53-9d0e-3b2a1c0d9e8f", owner), 404,
                "batch_not_found", null);
        assertError(gateway.get("/resource_server/v1/batches/x'%20OR%201=1/result", owner), 404, "batch_not_found",
                null);
    }

    @Test
    void resultsFollowTheBatchToItsEnd() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        String key = newKey(userId);
        String done = Json.read(gateway.post(SUBMIT, key, submitBody(input())).body()).path("batch_id").asText();
        String failed = Json.read(gateway.post(SUBMIT, key, submitBody(input())).body()).path("batch_id").asText();
        String output = "{\"id\":\"batch_req_1\",\"custom_id\":\"request-1\",\"response\":{\"status_code\":200}}\n";
        batches.transition(done, Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS);
        batches.transition(done, Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING);
        batches.setFiles(done, TestFiles.store(dataSource, userId, "batch_output", output), null);
        batches.setCounts(done, new Batch.RequestCounts(1, 1, 0), new Batch.TokenUsage(10, 20));
        batches.transition(done, Set.of(BatchState.FINALIZING), BatchState.COMPLETED);
        batches.markFailed(failed, Set.of(BatchState.VALIDATING), List.of(new BatchError("invalid_json_line",
                "This line is not parseable as valid JSON.", null, 1)));

        // Issue 18: ALCF documents a JSON result (ALCF's client calls response.json()); the lines stay available.
        HttpResponse<String> result = gateway.get("/resource_server/v1/batches/" + done + "/result", key);
        assertThat(result.statusCode()).isEqualTo(200);
        JsonNode documented = Json.read(result.body());
        assertThat(documented.has("results_file")).isTrue();
        assertThat(documented.has("progress_file")).isTrue();
        assertThat(documented.at("/metrics/num_responses").asInt()).isEqualTo(1);
        assertThat(documented.at("/metrics/lines_processed").asInt()).isEqualTo(1);
        assertThat(documented.at("/metrics/total_tokens").asLong()).isEqualTo(30);
        assertThat(documented.at("/metrics/response_time").isNumber()).isTrue();
        assertThat(documented.at("/metrics/throughput_tokens_per_second").isNumber()).isTrue();
        String linesUrl = "/resource_server/v1/batches/" + done + "/result/output";
        assertThat(documented.path("results_url").asText()).isEqualTo(linesUrl);
        assertThat(gateway.get(linesUrl, key).body()).isEqualTo(output);
        assertThat(gateway.get("/resource_server/v1/batches/" + done + "/result", key, "application/jsonl").body())
                .isEqualTo(output);
        assertError(gateway.get("/resource_server/v1/batches/" + done + "/result/errors", key), 404,
                "file_not_found", null);
        assertThat(gateway.get("/resource_server/v1/batches/" + done, key).body()).isEqualTo("\"completed\"");
        HttpResponse<String> failure = gateway.get("/resource_server/v1/batches/" + failed + "/result", key);
        assertError(failure, 400, "batch_failed", null);
        assertThat(Json.read(failure.body()).path("error").path("message").asText())
                .contains("line 1: This line is not parseable");
        JsonNode summaries = Json.read(gateway.get("/resource_server/v1/batches?status=failed", key).body());
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).path("failed_at").asText()).isNotEmpty();
    }

    /** Issue 18: the quota's refusal says "or cancel one", and a FIRST-style batch can be. */
    @Test
    void aFirstBatchCanBeCancelledOnItsOwnRoute() throws Exception {
        String key = newKey();
        String other = newKey();
        String output = root.resolve("out/cancelled").toString();
        String id = Json.read(gateway.post(SUBMIT, key, "{\"input_file\":\"" + input()
                + "\",\"model\":\"model-a\",\"output_folder_path\":\"" + output + "\"}").body())
                .path("batch_id").asText();

        assertError(gateway.post("/resource_server/v1/batches/" + id + "/cancel", other, ""), 404, "batch_not_found",
                null);
        HttpResponse<String> cancelled = gateway.post("/resource_server/v1/batches/" + id + "/cancel", key, "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(Json.read(cancelled.body()).path("batch_id").asText()).isEqualTo(id);
        assertThat(Json.read(cancelled.body()).path("status").asText()).isEqualTo("running");
        assertThat(batches.find(id).orElseThrow().state()).isIn(BatchState.CANCELLING, BatchState.CANCELLED);
        assertThat(gateway.post("/resource_server/v1/batches/" + id + "/cancel", key, "").statusCode())
                .as("cancel is idempotent").isEqualTo(200);
    }

    @Test
    void theDocumentedResultNamesTheFilesWrittenToTheOutputFolder() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        String key = newKey(userId);
        String output = root.resolve("out/" + UUID.randomUUID()).toString();
        String id = Json.read(gateway.post(SUBMIT, key, "{\"input_file\":\"" + input()
                + "\",\"model\":\"model-a\",\"output_folder_path\":\"" + output + "\"}").body())
                .path("batch_id").asText();
        batches.transition(id, Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS);
        batches.transition(id, Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING);
        batches.setFiles(id, TestFiles.store(dataSource, userId, "batch_output", "{}\n"),
                TestFiles.store(dataSource, userId, "batch_output", "{}\n"));
        batches.setCounts(id, new Batch.RequestCounts(2, 1, 1), Batch.TokenUsage.NONE);
        batches.transition(id, Set.of(BatchState.FINALIZING), BatchState.COMPLETED);

        JsonNode result = Json.read(gateway.get("/resource_server/v1/batches/" + id + "/result", key).body());

        assertThat(result.path("results_file").asText()).isEqualTo(output + "/" + id + "_output.jsonl");
        assertThat(result.path("error_file").asText()).isEqualTo(output + "/" + id + "_error.jsonl");
        assertThat(result.at("/metrics/lines_processed").asInt()).isEqualTo(2);
        assertThat(gateway.get("/resource_server/v1/batches/" + id + "/result/errors", key).body()).isEqualTo("{}\n");
    }

    static Stream<Arguments> firstsInvalidBodies() {
        return Stream.of(
                Arguments.of("{\"input_file\":\"/x\"}", "missing_required_parameter"),
                Arguments.of("{\"model\":\"model-a\"}", "missing_required_parameter"),
                Arguments.of("{\"input_file\":\"/x\",\"model\":\"model-a\",\"extra\":1}", "unknown_parameter"),
                Arguments.of("{\"input_file\":[\"/x\"],\"model\":\"model-a\"}", "invalid_type"),
                Arguments.of("{\"input_file\":\"/x\",\"model\":[\"model-a\"]}", "invalid_type"),
                Arguments.of("{\"input_file\":\"/x\",\"model\":\"model-a\",\"output_folder_path\":[]}", "invalid_type"),
                Arguments.of("{\"input_file\":\"\",\"model\":\"model-a\"}", "invalid_value"),
                Arguments.of("{\"input_file\":\"/x\",\"model\":\"\"}", "invalid_value"));
    }

    /** FIRST's eight invalid bodies (tests/json/invalid_batch.json); FIRST answered 422, this gateway 400. */
    @ParameterizedTest
    @MethodSource("firstsInvalidBodies")
    void firstsInvalidBodiesAreRefused(String body, String code) throws Exception {
        assertError(gateway.post(SUBMIT, newKey(), body), 400, code, null);
    }

    @Test
    void theTargetIsResolvedInFirstsOrderWithPermissions() throws Exception {
        String key = newKey();
        String body = submitBody(input());

        assertError(gateway.post("/resource_server/nowhere/vllm/v1/batches", key, body), 404, "cluster_not_found",
                null);
        assertError(gateway.post("/resource_server/open/tgi/v1/batches", key, body), 400, "unsupported_framework",
                null);
        assertError(gateway.post(SUBMIT, key, body.replace("model-a", "model-zzz")), 404, "endpoint_not_found", null);
        assertError(gateway.post("/resource_server/open/api/v1/batches", key, body.replace("model-a", "model-premium")),
                403, "permission_denied", null);
        assertError(gateway.post("/resource_server/lab-only/vllm/v1/batches", key,
                body.replace("model-a", "model-lab")), 403, "permission_denied", null);
        assertThat(gateway.get(SUBMIT, key).statusCode()).isEqualTo(405);
    }
}
