package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A 1,000-line batch on a model that fails 5% of requests with a 400: every line lands in exactly one file once. */
@Timeout(180)
class HappyPathTest {

    static WorkerStack stack;
    static BatchWorker worker;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        worker = stack.startWorker(stack.settings("happy").withMetricsPort(-1));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyLineIsAnsweredOnceInTheOutputOrTheErrorFile() throws Exception {
        String id = stack.createBatch("sim-mixed", WorkerStack.chatLines("sim-mixed", 1_000));
        long started = System.nanoTime();
        stack.submit(id);

        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("FIGURE happy path: 1000 lines in %.2f s (%.0f lines/s, one worker, 2 ms latency)%n",
                seconds, 1000 / seconds);

        List<JsonNode> output = stack.fileLines(batch.outputFileId());
        List<JsonNode> errors = stack.fileLines(batch.errorFileId());
        Set<String> seen = new HashSet<>();
        long tokens = 0;
        for (JsonNode line : output) {
            assertThat(seen.add(line.path("custom_id").asText())).as("duplicate %s", line).isTrue();
            assertThat(line.path("id").asText()).startsWith("batch_req_");
            assertThat(line.path("error").isNull()).isTrue();
            JsonNode response = line.path("response");
            assertThat(response.path("status_code").asInt()).isEqualTo(200);
            assertThat(response.path("request_id").asText()).isNotBlank();
            assertThat(response.path("body").path("object").asText()).isEqualTo("chat.completion");
            tokens += response.path("body").path("usage").path("total_tokens").asLong();
        }
        for (JsonNode line : errors) {
            assertThat(seen.add(line.path("custom_id").asText())).as("duplicate %s", line).isTrue();
            assertThat(line.path("response").path("status_code").asInt()).isEqualTo(400);
            assertThat(line.path("error").path("code").asText()).isEqualTo("invalid_request");
            assertThat(line.path("error").path("message").asText()).isNotBlank();
        }
        assertThat(seen).hasSize(1_000);
        assertThat(errors).as("about 5% of the lines fail").hasSizeBetween(10, 120);
        assertThat(batch.requestCounts()).isEqualTo(new Batch.RequestCounts(1_000, output.size(), errors.size()));
        assertThat(batch.usage().totalTokens()).isEqualTo(tokens).isPositive();
        assertThat(batch.times().finalizingAt()).isNotNull();
        assertThat(batch.times().completedAt()).isNotNull();

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("batch_worker_lines_total", "batch_worker_batches_finalized_total",
                "batch_worker_lines_in_flight", "batch_worker_lanes_alive{kind=\"lines\"}");
        // Group-wide backlogs fall to zero once the work is done, instead of keeping the last figure seen.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/metrics").body())
                .containsPattern("batch_worker_lines_backlog\\{[^}]*} 0\\.0")
                .containsPattern("batch_worker_submissions_backlog\\{[^}]*} 0\\.0")
                .containsPattern("batch_worker_results_backlog\\{[^}]*} 0\\.0"));
    }

    @Test
    void theWorkerAnswersHealthAndReadinessProbesOnItsOperatorPort() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"ready\"");
        });
        assertThat(get("/metrics").body()).contains("batch_worker_lanes_configured{kind=\"lines\"} 4.0",
                "batch_worker_lanes_alive{kind=\"submissions\"} 1.0",
                "batch_worker_lanes_alive{kind=\"housekeeping\"} 1.0");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.metricsPort() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aFirstStyleBatchReadsItsInputFromDiskAndWritesItsOutputToItsFolder() throws Exception {
        Path folder = stack.userDirectory(WorkerStack.USER).resolve("results");
        String id = stack.createFirstBatch("sim-zero", WorkerStack.chatLines("sim-zero", 20), folder.toString());
        stack.submit(id);

        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(60));

        assertThat(batch.requestCounts()).isEqualTo(new Batch.RequestCounts(20, 20, 0));
        assertThat(batch.errorFileId()).isNull();
        List<String> written = Files.readAllLines(folder.resolve(id + "_output.jsonl"));
        assertThat(written).hasSize(20);
        assertThat(stack.fileLines(batch.outputFileId())).hasSize(20);
        assertThat(written.get(0)).contains("\"custom_id\":\"req-1\"");
    }

    /** Issue 18: the lines of FIRST's user guide, bare request bodies without custom ids, run as they are. */
    @Test
    void aFirstStyleBatchRunsTheLinesOfFirstsUserGuide() throws Exception {
        Path folder = stack.userDirectory(WorkerStack.USER).resolve("guide-results");
        List<String> lines = List.of(
                "{\"messages\": [{\"role\": \"user\", \"content\": \"What is AI?\"}], \"max_tokens\": 100}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Explain ML\"}], \"max_tokens\": 100}");
        String id = stack.createFirstBatch("sim-zero", lines, folder.toString());
        stack.submit(id);

        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(60));

        assertThat(batch.requestCounts()).isEqualTo(new Batch.RequestCounts(2, 2, 0));
        List<String> written = Files.readAllLines(folder.resolve(id + "_output.jsonl"));
        assertThat(written).hasSize(2);
        assertThat(String.join("\n", written)).contains("\"custom_id\":\"line-1\"", "\"custom_id\":\"line-2\"");
    }
}
