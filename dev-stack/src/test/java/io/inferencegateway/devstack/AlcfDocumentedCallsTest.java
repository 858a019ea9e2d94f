package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.inferencegateway.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The calls ALCF's inference-endpoint guide and FIRST's user guide document, made as they are written (paths,
 * bodies, and what the client reads from the answer), against the whole system: issue 18's "ALCF's documented client
 * calls work unchanged". The cluster here is the fixtures' {@code e2e} with framework {@code api}, standing in for
 * {@code sophia}/{@code vllm}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AlcfDocumentedCallsTest {

    private static final String KEY = TestStack.KEY;
    private static final String MODEL = "e2e-slow-model";

    private static final Path EAGLE = TestStack.FIRST_ROOT;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        base = TestStack.baseUrl();
    }

    /** {@code curl -X GET ".../resource_server/list-endpoints"}. */
    @Test
    void listEndpoints() throws Exception {
        JsonNode clusters = json(get("/resource_server/list-endpoints")).path("clusters");

        assertThat(clusters.at("/e2e/frameworks/api/models").toString()).contains(MODEL);
    }

    /** {@code curl -X GET ".../resource_server/sophia/jobs"}. */
    @Test
    void jobs() throws Exception {
        JsonNode jobs = json(get("/resource_server/e2e/jobs"));

        assertThat(jobs.path("running").toString()).contains("e2e-model");
    }

    /** {@code curl -X POST ".../resource_server/sophia/vllm/v1/chat/completions" -d '{"model": ..., "messages": ...}'}. */
    @Test
    void chatOnAClusterAndFramework() throws Exception {
        JsonNode answer = json(post("/resource_server/e2e/api/v1/chat/completions", "{\"model\": \"" + MODEL
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Explain quantum computing.\"}]}"));

        assertThat(answer.at("/choices/0/message/content").asText()).isNotEmpty();
    }

    /** {@code OpenAI(api_key=token, base_url=".../resource_server/sophia/vllm/v1")}, then a chat completion. */
    @Test
    void theOpenAiSdkWithAClusterAsItsBaseUrl() {
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(KEY).maxRetries(0)
                .baseUrl(base + "/resource_server/e2e/api/v1").build();

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(MODEL).addUserMessage("What are the symptoms of diabetes?").build());

        assertThat(completion.choices().getFirst().message().content()).isPresent();
    }

    /** FIRST's user guide: {@code POST /resource_server/v1/chat/completions} naming only the model. */
    @Test
    void firstsFederatedChat() throws Exception {
        JsonNode answer = json(post("/resource_server/v1/chat/completions", "{\"model\": \"" + MODEL
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}"));

        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
    }

    /**
     * The batch section: create with {@code input_file} and {@code output_folder_path}, poll the status, read the
     * result's {@code results_file} and {@code metrics}, list with and without {@code ?status=completed}. The input
     * is written as FIRST's user guide writes it: bare request bodies.
     */
    @Test
    void aBatchFromSubmissionToItsResultsFile() throws Exception {
        Path input = Files.createDirectories(EAGLE.resolve("alcf-" + System.nanoTime())).resolve("input.jsonl");
        Files.writeString(input, """
                {"messages": [{"role": "user", "content": "What is AI?"}], "max_tokens": 100}
                {"messages": [{"role": "user", "content": "Explain ML"}], "max_tokens": 100}
                """);
        String output = input.getParent().resolve("output/").toString();

        HttpResponse<String> created = post("/resource_server/e2e/api/v1/batches", "{\"model\": \"" + MODEL
                + "\", \"input_file\": \"" + input + "\", \"output_folder_path\": \"" + output + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String batchId = json(created).path("batch_id").asText();

        Awaitility.await("the batch completes").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(get("/resource_server/v1/batches/" + batchId)).asText().equals("completed"));

        JsonNode result = json(get("/resource_server/v1/batches/" + batchId + "/result"));
        assertThat(result.path("metrics").path("num_responses").asInt()).isEqualTo(2);
        assertThat(result.path("metrics").path("lines_processed").asInt()).isEqualTo(2);
        assertThat(result.path("metrics").path("total_tokens").asLong()).isPositive();
        assertThat(result.has("progress_file")).isTrue();
        List<String> results = Files.readAllLines(Path.of(result.path("results_file").asText()));
        assertThat(results).hasSize(2).allMatch(line -> line.contains("\"status_code\":200"));

        JsonNode completed = json(get("/resource_server/v1/batches?status=completed"));
        assertThat(completed.findValuesAsText("batch_id")).contains(batchId);
        JsonNode listed = json(get("/resource_server/v1/batches"));
        JsonNode mine = null;
        for (JsonNode item : listed) {
            mine = item.path("batch_id").asText().equals(batchId) ? item : mine;
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("created_at").asText()).isNotEmpty();
        assertThat(mine.path("cluster").asText()).isEqualTo("e2e");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** As {@code response.json()} does: fails on anything that is not one JSON document. */
    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(response.body());
    }
}
