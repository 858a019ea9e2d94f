package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.inferencegateway.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch from the official OpenAI SDK's side, through the whole system: upload, create, list, retrieve, the
 * worker runs every line, and the output and error files come back with each custom id exactly once; and a
 * cancelled batch ends cancelled.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BatchEndToEndTest {

    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        client = OpenAIOkHttpClient.builder().apiKey(TestStack.KEY).maxRetries(0)
                .baseUrl(TestStack.baseUrl() + "/v1").build();
    }

    private static String input(String model, int lines) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            jsonl.append("{\"custom_id\":\"req-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"").append(model).append("\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Question number ").append(i).append("\"}]}}\n");
        }
        return jsonl.toString();
    }

    private static Batch create(String model, int lines) {
        FileObject file = client.files().create(FileCreateParams.builder()
                .file(input(model, lines).getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build());
        return client.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
    }

    @Test
    void everyLineIsAnsweredOnceInTheOutputOrTheErrorFile() throws Exception {
        Batch created = create("e2e-model", 200);
        assertThat(created.status()).isEqualTo(Batch.Status.VALIDATING);
        assertThat(client.batches().list().data()).extracting(Batch::id).contains(created.id());

        Awaitility.await("the batch to complete").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.batches().retrieve(created.id()).status().equals(Batch.Status.COMPLETED));
        Batch done = client.batches().retrieve(created.id());
        var counts = done.requestCounts().orElseThrow();
        assertThat(counts.total()).isEqualTo(200);
        assertThat(counts.completed() + counts.failed()).isEqualTo(200);
        assertThat(counts.failed()).as("the simulated model fails about one line in five").isPositive();

        Set<String> seen = new HashSet<>();
        List<JsonNode> output = lines(done.outputFileId().orElseThrow());
        for (JsonNode line : output) {
            assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(line.at("/response/body/choices/0/message/content").asText()).isNotBlank();
            assertThat(seen.add(line.path("custom_id").asText())).as("custom_id once").isTrue();
        }
        List<JsonNode> errors = lines(done.errorFileId().orElseThrow());
        for (JsonNode line : errors) {
            assertThat(line.at("/response/status_code").asInt()).isEqualTo(400);
            assertThat(seen.add(line.path("custom_id").asText())).as("custom_id once").isTrue();
        }
        assertThat(output).hasSize((int) counts.completed());
        assertThat(errors).hasSize((int) counts.failed());
        assertThat(seen).hasSize(200);
    }

    @Test
    void aCancelledBatchEndsCancelledWithWhatItFinished() {
        Batch created = create("e2e-slow-model", 400);
        Batch cancelling = client.batches().cancel(created.id());
        assertThat(cancelling.status()).isIn(Batch.Status.CANCELLING, Batch.Status.CANCELLED);
        Awaitility.await("the batch to be cancelled").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.batches().retrieve(created.id()).status().equals(Batch.Status.CANCELLED));
        Batch cancelled = client.batches().retrieve(created.id());
        assertThat(cancelled.cancelledAt()).isPresent();
        var counts = cancelled.requestCounts().orElseThrow();
        assertThat(counts.completed()).isLessThan(400);
    }

    private static List<JsonNode> lines(String fileId) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (HttpResponse response = client.files().content(fileId);
             BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(Json.read(line));
                }
            }
        }
        return lines;
    }
}
