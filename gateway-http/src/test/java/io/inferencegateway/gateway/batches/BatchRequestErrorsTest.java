package io.inferencegateway.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed batch request gets its own precise 4xx in OpenAI's error shape, never a 500. */
class BatchRequestErrorsTest {

    private static GatewayFixture gateway;
    private static DataSource dataSource;
    private static String key;
    private static String fileId;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(Map.of());
        dataSource = gateway.app.database().dataSource();
        String userId = "user-" + UUID.randomUUID();
        key = gateway.keyFor(userId, List.of(), "example.org");
        fileId = TestFiles.store(dataSource, userId, "batch", TestFiles.chatLines("model-a", 2));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String body(String inputFileId, String extra) {
        return "{\"input_file_id\":\"" + inputFileId + "\",\"endpoint\":\"/v1/chat/completions\","
                + "\"completion_window\":\"24h\"" + extra + "}";
    }

    static Stream<Arguments> malformedBodies() {
        String pairs17 = IntStream.range(0, 17).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("", 400, "invalid_json", null),
                Arguments.of("{\"input_file_id\":", 400, "invalid_json", null),
                Arguments.of("[]", 400, "invalid_json", null),
                Arguments.of("{\"input_file_id\":\"a\",\"input_file_id\":\"b\"}", 400, "invalid_json", null),
                Arguments.of("{\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}", 400,
                        "missing_required_parameter", "input_file_id"),
                Arguments.of("{\"input_file_id\":5,\"endpoint\":\"/v1/chat/completions\","
                        + "\"completion_window\":\"24h\"}", 400, "invalid_type", "input_file_id"),
                Arguments.of("{\"input_file_id\":\"\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":"
                        + "\"24h\"}", 400, "invalid_value", "input_file_id"),
                Arguments.of("{\"input_file_id\":\"file-x\",\"completion_window\":\"24h\"}", 400,
                        "missing_required_parameter", "endpoint"),
                Arguments.of("{\"input_file_id\":\"file-x\",\"endpoint\":\"/v1/responses\",\"completion_window\":"
                        + "\"24h\"}", 400, "invalid_value", "endpoint"),
                Arguments.of("{\"input_file_id\":\"file-x\",\"endpoint\":\"/v1/chat/completions/\","
                        + "\"completion_window\":\"24h\"}", 400, "invalid_value", "endpoint"),
                Arguments.of("{\"input_file_id\":\"file-x\",\"endpoint\":\"/v1/chat/completions\"}", 400,
                        "missing_required_parameter", "completion_window"),
                window("\"24\"", "invalid_value"),
                window("\"0h\"", "invalid_value"),
                window("\"8d\"", "invalid_value"),
                window("\"169h\"", "invalid_value"),
                window("\"1.5h\"", "invalid_value"),
                window("\"abc\"", "invalid_value"),
                window("\"\"", "invalid_value"),
                window("24", "invalid_type"),
                Arguments.of(body("file-x", ",\"metadata\":[]"), 400, "invalid_type", "metadata"),
                Arguments.of(body("file-x", ",\"metadata\":{" + pairs17 + "}"), 400, "invalid_value", "metadata"),
                Arguments.of(body("file-x", ",\"metadata\":{\"" + "k".repeat(65) + "\":\"v\"}"), 400, "invalid_value",
                        "metadata"),
                Arguments.of(body("file-x", ",\"metadata\":{\"k\":\"" + "v".repeat(513) + "\"}"), 400,
                        "invalid_value", "metadata.k"),
                Arguments.of(body("file-x", ",\"metadata\":{\"k\":1}"), 400, "invalid_type", "metadata.k"),
                Arguments.of(body("file-x", ",\"model\":\"model-a\""), 400, "unknown_parameter", "model"),
                Arguments.of(body("file-x", ",\"output_expires_after\":{\"anchor\":\"created_at\",\"seconds\":3600}"),
                        400, "unsupported_parameter", "output_expires_after"),
                Arguments.of(body("file-doesnotexist", ""), 404, "file_not_found", "input_file_id"));
    }

    /** A body whose {@code completion_window} is {@code json}, and the 400 it must get. */
    private static Arguments window(String json, String code) {
        return Arguments.of("{\"input_file_id\":\"file-x\",\"endpoint\":\"/v1/chat/completions\","
                + "\"completion_window\":" + json + "}", 400, code, "completion_window");
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedCreateRequests(String body, int status, String code, String param) throws Exception {
        assertError(gateway.post("/v1/batches", "Bearer " + key, body), status, code, param);
    }

    /** Each accepted batch belongs to a new user: the default quota is 2 active batches per user. */
    @Test
    void limitsAtTheBoundsAreAccepted() throws Exception {
        String pairs16 = IntStream.range(0, 16).mapToObj(i -> "\"k" + i + "\":\"" + "v".repeat(512) + "\"")
                .collect(Collectors.joining(","));
        String longKey = "\"" + "k".repeat(64) + "\":\"v\"";

        for (String metadata : List.of("{" + pairs16 + "}", "{" + longKey + "}", "null", "{}")) {
            String userId = "user-" + UUID.randomUUID();
            String callerKey = gateway.keyFor(userId, List.of(), "example.org");
            String id = TestFiles.store(dataSource, userId, "batch", TestFiles.chatLines("model-a", 1));
            assertThat(gateway.post("/v1/batches", "Bearer " + callerKey, body(id, ",\"metadata\":" + metadata))
                    .statusCode()).as(metadata).isEqualTo(200);
        }
    }

    static Stream<Arguments> unusableInputFiles() {
        return Stream.of(
                Arguments.of("fine-tune", TestFiles.chatLines("model-a", 1), "invalid_file_purpose", "purpose 'batch'"),
                Arguments.of("batch", "", "invalid_input_file", "empty"),
                Arguments.of("batch", "\n{}\n", "invalid_input_file", "empty"),
                Arguments.of("batch", "not json\n", "invalid_input_file", "Line 1"),
                Arguments.of("batch", "{\"custom_id\":\"a\",\"body\":{}}\n", "invalid_input_file", "body.model"),
                Arguments.of("batch", "{\"custom_id\":\"a\",\"body\":{\"model\":7}}\n", "invalid_input_file",
                        "body.model"),
                Arguments.of("batch", TestFiles.chatLines("no-such-model", 1), "model_not_found", "'no-such-model'"));
    }

    /** Issue 18: a model the caller may not use is refused as on the interactive routes, with the reason. */
    @Test
    void aBatchForAModelTheCallerMayNotUseIsRefusedAsInteractiveRequestsAre() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        String callerKey = gateway.keyFor(userId, List.of(), "example.org");
        // Restricted to the 'premium' group, which this caller is not in.
        String id = TestFiles.store(dataSource, userId, "batch", TestFiles.chatLines("model-premium", 1));

        HttpResponse<String> response = gateway.post("/v1/batches", "Bearer " + callerKey, body(id, ""));

        assertError(response, 403, "permission_denied", null);
        assertThat(Json.read(response.body()).path("error").path("message").asText()).contains("Group");
    }

    @ParameterizedTest
    @MethodSource("unusableInputFiles")
    void unusableInputFilesAreRefusedNamingTheProblem(String purpose, String content, String code, String detail)
            throws Exception {
        String userId = "user-" + UUID.randomUUID();
        String callerKey = gateway.keyFor(userId, List.of(), "example.org");
        String id = TestFiles.store(dataSource, userId, purpose, content);

        HttpResponse<String> response = gateway.post("/v1/batches", "Bearer " + callerKey, body(id, ""));

        assertError(response, 400, code, "input_file_id");
        assertThat(Json.read(response.body()).path("error").path("message").asText()).contains(detail);
    }

    @Test
    void aModelNotServedOnTheBatchEndpointIsRefused() throws Exception {
        // model-lab lives on a cluster that serves chat only.
        String userId = "user-" + UUID.randomUUID();
        String labKey = gateway.keyFor(userId, List.of(), "lab.example.org");
        String id = TestFiles.store(dataSource, userId, "batch", TestFiles.chatLines("model-lab", 1));
        String embeddings = "{\"input_file_id\":\"" + id + "\",\"endpoint\":\"/v1/embeddings\","
                + "\"completion_window\":\"24h\"}";

        assertError(gateway.post("/v1/batches", "Bearer " + labKey, embeddings), 400, "model_not_found",
                "input_file_id");
        assertThat(gateway.post("/v1/batches", "Bearer " + labKey, body(id, "")).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownIdsAreNotFoundAndParametersAreChecked() throws Exception {
        String bearer = "Bearer " + key;
        String unknown = "batch_" + "A".repeat(24);

        // Issue 18: an id that is not ours is unknown, as OpenAI and FIRST answer it, not a malformed request.
        assertError(gateway.get("/v1/batches/not-a-batch", bearer), 404, "batch_not_found", null);
        assertError(gateway.get("/v1/batches/6f1c1f5e-8f7b-4a53-9d0e-3b2a1c0d9e8f", bearer), 404,
                "batch_not_found", null);
        assertError(gateway.get("/v1/batches/" + unknown, bearer), 404, "batch_not_found", null);
        assertError(gateway.post("/v1/batches/not-a-batch/cancel", bearer, ""), 404, "batch_not_found", null);
        assertError(gateway.post("/v1/batches/" + unknown + "/cancel", bearer, ""), 404, "batch_not_found", null);
        for (String limit : List.of("0", "101", "-1", "ten", "1.5")) {
            assertError(gateway.get("/v1/batches?limit=" + limit, bearer), 400, "invalid_value", "limit");
        }
        assertError(gateway.get("/v1/batches?after=file-abc", bearer), 400, "invalid_value", "after");
        assertThat(gateway.get("/v1/batches?limit=100&after=" + unknown, bearer).statusCode()).isEqualTo(200);
    }

    @Test
    void callersMustAuthenticateAndSendJson() throws Exception {
        assertError(gateway.post("/v1/batches", null, body(fileId, "")), 401, "unauthorized", null);
        assertError(gateway.get("/v1/batches", "Bearer igw-not-a-key"), 401, "unauthorized", null);
        HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/v1/batches"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body(fileId, ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(form, 415, "unsupported_media_type", null);
        HttpResponse<String> delete = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/v1/batches"))
                .header("Authorization", "Bearer " + key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    /** Without GATEWAY_BATCH_ROOTS, batches on server paths are off, and FIRST's route says so. */
    @Test
    void firstStyleSubmissionNeedsConfiguredRoots() throws Exception {
        HttpResponse<String> response = gateway.post("/resource_server/open/vllm/v1/batches", "Bearer " + key,
                "{\"input_file\":\"/etc/passwd\",\"model\":\"model-a\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.read(response.body()).path("error").path("code").asText()).isEqualTo("batch_unavailable");
    }

    static void assertError(HttpResponse<String> response, int status, String code, String param) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = Json.read(response.body()).path("error");
        assertThat(error.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        if (param != null) {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
    }
}
