package io.inferencegateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API descriptions are true (issue 18): every route the server registers is described and nothing else is;
 * every example validates against its schema; and the running gateway's answers validate against the schema the
 * description gives for their route, method and status. Schemas are checked as JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1, by a validation library.
 */
class ApiDescriptionsTest {

    private static final String OPENAI = "/openapi.json";
    private static final String FIRST = "/resource_server/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    /**
     * Routes that are not part of either API: the descriptions and their pages themselves, the scrape, and the web
     * console's pages and JSON (its own, held by the console's tests).
     */
    private static final Pattern UNDESCRIBED = Pattern.compile(
            "GET (/resource_server)?(/openapi\\.json|/docs|/docs/assets/\\{\\})|GET /metrics"
                    + "|(GET|POST) /console(/.*)?");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @TempDir
    static Path roots;
    private static GatewayFixture gateway;
    private static String key;
    private static JsonNode openai;
    private static JsonNode first;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayFixture.start(Map.of("GATEWAY_BATCH_ROOTS", roots.toString()));
        key = "Bearer " + gateway.keyFor("api-docs-user", List.of(), "example.org");
        openai = Json.read(gateway.get(OPENAI, null).body());
        first = Json.read(gateway.get(FIRST, null).body());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void everyRouteIsDescribedAndEveryDescribedRouteIsServed() {
        Set<String> served = new TreeSet<>();
        for (String route : gateway.app.routes()) {
            String normalized = normalize(route);
            if (!UNDESCRIBED.matcher(normalized).matches()) {
                served.add(normalized);
            }
        }
        Set<String> described = new TreeSet<>();
        described.addAll(operations(openai));
        described.addAll(operations(first));

        assertThat(described).as("described routes").containsExactlyInAnyOrderElementsOf(served);
        assertThat(operations(openai)).allMatch(route -> route.contains(" /v1/"));
        assertThat(operations(first)).allMatch(route -> route.contains(" /resource_server/"));
    }

    @Test
    void bothAreOpenApi31WithEveryOperationNamedAndEveryReferenceResolved() {
        for (JsonNode description : List.of(openai, first)) {
            assertThat(description.path("openapi").asText()).isEqualTo("3.1.0");
            Set<String> operationIds = new HashSet<>();
            description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (METHODS.contains(op.getKey())) {
                    assertThat(op.getValue().path("summary").asText()).as(op.getKey() + " " + path.getKey())
                            .isNotBlank();
                    assertThat(operationIds.add(op.getValue().path("operationId").asText()))
                            .as("unique operationId of " + op.getKey() + " " + path.getKey()).isTrue();
                    assertThat(op.getValue().path("responses").properties()).isNotEmpty();
                }
            }));
            for (String ref : references(description, new ArrayList<>())) {
                assertThat(description.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
            }
        }
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() {
        int checked = 0;
        for (JsonNode description : List.of(openai, first)) {
            List<String[]> examples = new ArrayList<>();
            examples(description, "", examples);
            for (String[] example : examples) {
                assertValid(description, example[0], description.at(example[1]), example[1]);
                checked++;
            }
        }
        assertThat(checked).as("examples found").isGreaterThan(10);
    }

    @Test
    void theOpenAiRoutesAnswerAsDescribed() throws Exception {
        String chat = "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":4}";
        check(openai, "/v1/chat/completions", "post", post("/v1/chat/completions", chat));
        check(openai, "/v1/completions", "post", post("/v1/completions", "{\"model\":\"model-a\",\"prompt\":\"hi\"}"));
        check(openai, "/v1/embeddings", "post", post("/v1/embeddings", "{\"model\":\"model-a\",\"input\":\"hi\"}"));
        check(openai, "/v1/chat/completions", "post", post("/v1/chat/completions", "{\"model\":\"model-a\"}"));
        check(openai, "/v1/chat/completions", "post", post("/v1/chat/completions",
                "{\"model\":\"model-premium\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        check(openai, "/v1/chat/completions", "post", send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chat)).header("Content-Type", "application/json")));
        check(openai, "/v1/models", "get", get("/v1/models"));
        check(openai, "/v1/models/{model}", "get", get("/v1/models/model-a"));
        check(openai, "/v1/models/{model}", "get", get("/v1/models/no-such-model"));

        HttpResponse<String> uploaded = upload(lines(2));
        check(openai, "/v1/files", "post", uploaded);
        String fileId = Json.read(uploaded.body()).path("id").asText();
        check(openai, "/v1/files", "get", get("/v1/files"));
        check(openai, "/v1/files/{file_id}", "get", get("/v1/files/" + fileId));
        check(openai, "/v1/files", "post", upload("id,prompt\n1,hi\n"));

        HttpResponse<String> created = post("/v1/batches", "{\"input_file_id\":\"" + fileId
                + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\",\"metadata\":{\"k\":\"v\"}}");
        check(openai, "/v1/batches", "post", created);
        String batchId = Json.read(created.body()).path("id").asText();
        check(openai, "/v1/batches", "get", get("/v1/batches"));
        check(openai, "/v1/batches/{batch_id}", "get", get("/v1/batches/" + batchId));
        check(openai, "/v1/batches/{batch_id}/cancel", "post", post("/v1/batches/" + batchId + "/cancel", ""));
        check(openai, "/v1/batches/{batch_id}", "get", get("/v1/batches/batch_unknown"));

        HttpResponse<String> other = upload(lines(1));
        check(openai, "/v1/files/{file_id}", "delete", send(HttpRequest.newBuilder(
                uri("/v1/files/" + Json.read(other.body()).path("id").asText())).DELETE().header("Authorization", key)));
    }

    @Test
    void firstsRoutesAnswerAsDescribed() throws Exception {
        String chat = "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":4}";
        check(first, "/resource_server/health", "get", get("/resource_server/health"));
        check(first, "/resource_server/ready", "get", get("/resource_server/ready"));
        check(first, "/resource_server/status", "get", get("/resource_server/status"));
        check(first, "/resource_server/whoami", "get", get("/resource_server/whoami"));
        check(first, "/resource_server/whoami", "get", send(HttpRequest.newBuilder(uri("/resource_server/whoami"))));
        check(first, "/resource_server/list-endpoints", "get", get("/resource_server/list-endpoints"));
        check(first, "/resource_server/{cluster}/jobs", "get", get("/resource_server/open/jobs"));
        check(first, "/resource_server/{cluster}/jobs", "get", get("/resource_server/nowhere/jobs"));
        check(first, "/resource_server/{cluster}/{framework}/v1/models", "get",
                get("/resource_server/open/vllm/v1/models"));
        check(first, "/resource_server/{cluster}/{framework}/v1/chat/completions", "post",
                post("/resource_server/open/vllm/v1/chat/completions", chat));
        check(first, "/resource_server/v1/chat/completions", "post", post("/resource_server/v1/chat/completions", chat));

        Path input = Files.createDirectories(roots.resolve("in")).resolve("input.jsonl");
        Files.writeString(input, lines(2));
        HttpResponse<String> submitted = post("/resource_server/open/vllm/v1/batches",
                "{\"model\":\"model-a\",\"input_file\":\"" + input + "\",\"output_folder_path\":\"" + roots + "/out\"}");
        check(first, "/resource_server/{cluster}/{framework}/v1/batches", "post", submitted);
        String batchId = Json.read(submitted.body()).path("batch_id").asText();
        check(first, "/resource_server/{cluster}/{framework}/v1/batches", "post",
                post("/resource_server/open/vllm/v1/batches", "{\"model\":\"model-a\"}"));
        check(first, "/resource_server/v1/batches", "get", get("/resource_server/v1/batches"));
        check(first, "/resource_server/v1/batches/{batch_id}", "get", get("/resource_server/v1/batches/" + batchId));
        check(first, "/resource_server/v1/batches/{batch_id}/result", "get",
                get("/resource_server/v1/batches/" + batchId + "/result"));
        check(first, "/resource_server/v1/batches/{batch_id}/cancel", "post",
                post("/resource_server/v1/batches/" + batchId + "/cancel", ""));
        check(first, "/resource_server/v1/batches/{batch_id}", "get",
                get("/resource_server/v1/batches/6f1c1f5e-8f7b-4a53-9d0e-3b2a1c0d9e8f"));
        check(first, "/resource_server/api/streaming/data", "post",
                send(HttpRequest.newBuilder(uri("/resource_server/api/streaming/data"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"task_id\":\"x\"}"))));
    }

    @Test
    void thePagesLoadSwaggerUiOnTheirOwnDescription() throws Exception {
        for (String prefix : List.of("", "/resource_server")) {
            HttpResponse<String> page = get(prefix + "/docs");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("data-spec=\"openapi.json\"", "docs/assets/swagger-ui-bundle.js");
            for (String asset : List.of("swagger-ui.css", "swagger-ui-bundle.js", "init.js")) {
                HttpResponse<String> served = get(prefix + "/docs/assets/" + asset);
                assertThat(served.statusCode()).as(asset).isEqualTo(200);
                assertThat(served.body()).as(asset).isNotEmpty();
            }
            assertThat(get(prefix + "/docs/assets/../../etc/passwd").statusCode()).isEqualTo(404);
        }
    }

    /** Validates an answer against what the description says of {@code path}, {@code method} and its status. */
    private static void check(JsonNode description, String path, String method, HttpResponse<String> response) {
        String status = String.valueOf(response.statusCode());
        JsonNode operation = description.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path + " is described").isFalse();
        JsonNode answer = operation.path("responses").path(status);
        assertThat(answer.isMissingNode()).as(method + " " + path + " describes status " + status + ": "
                + response.body()).isFalse();
        String pointer = "/paths/" + escape(path) + "/" + method + "/responses/" + status;
        if (answer.has("$ref")) {
            pointer = answer.get("$ref").asText().substring(1);
            answer = description.at(pointer);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        assertThat(answer.path("content").has(contentType)).as(method + " " + path + " " + status
                + " describes " + contentType).isTrue();
        if (contentType.equals("application/json")) {
            assertValid(description, pointer + "/content/application~1json/schema", Json.read(response.body()),
                    method + " " + path + " " + status);
        }
    }

    private static void assertValid(JsonNode description, String schemaPointer, JsonNode instance, String what) {
        ObjectNode schema = description.deepCopy();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$ref", "#" + schemaPointer);
        List<Error> errors = SCHEMAS.getSchema(schema).validate(instance);
        assertThat(errors).as(what + ": " + instance).isEmpty();
    }

    /** {@code [schema pointer, example pointer]} of every example beside a schema. */
    private static void examples(JsonNode node, String pointer, List<String[]> found) {
        if (node.isObject()) {
            if (node.has("example") && node.has("schema")) {
                found.add(new String[] {pointer + "/schema", pointer + "/example"});
            } else if (node.has("example") && (node.has("type") || node.has("properties"))) {
                found.add(new String[] {pointer, pointer + "/example"});
            }
            node.properties().forEach(entry -> {
                if (!entry.getKey().equals("example")) {
                    examples(entry.getValue(), pointer + "/" + escape(entry.getKey()), found);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    private static List<String> references(JsonNode node, List<String> found) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                found.add(node.get("$ref").asText());
            }
            node.forEach(child -> references(child, found));
        } else if (node.isArray()) {
            node.forEach(child -> references(child, found));
        }
        return found;
    }

    private static Set<String> operations(JsonNode description) {
        Set<String> operations = new TreeSet<>();
        description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(normalize(op.getKey().toUpperCase() + " " + path.getKey()));
            }
        }));
        return operations;
    }

    /** Path parameters by position only: {@code {id}}, {@code {file_id}} and Javalin's {@code <model>} alike. */
    private static String normalize(String route) {
        return route.replaceAll("\\{[^}]*}", "{}").replaceAll("<[^>]*>", "{}");
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String lines(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            lines.append("{\"custom_id\":\"r-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}\n");
        }
        return lines.toString();
    }

    private HttpResponse<String> upload(String content) throws IOException, InterruptedException {
        String boundary = "api-docs-boundary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(uri("/v1/files")).header("Authorization", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", key));
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(gateway.baseUrl() + path);
    }
}
