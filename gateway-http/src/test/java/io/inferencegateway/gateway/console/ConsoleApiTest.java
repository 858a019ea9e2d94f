package io.inferencegateway.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.capacity.WorkerReport;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.testing.TestServers;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's server side over real HTTP, PostgreSQL and Kafka, without a browser: pages and their headers, who
 * may see what (a user's stream carries only their batches; operator routes are 403 to others), keys, bad input.
 */
class ConsoleApiTest {

    private static GatewayFixture gateway;
    private static String operator;
    private static String alice;
    private static String bob;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        operator = "Bearer " + gateway.keyFor("console-op", List.of(ConsoleSettings.DEFAULT_ADMIN_GROUP), "example.org");
        alice = "Bearer " + gateway.keyFor("console-alice", List.of(), "example.org");
        bob = "Bearer " + gateway.keyFor("console-bob", List.of(), "example.org");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
        await().atMost(Duration.ofSeconds(30)).until(() -> body(gateway.get("/resource_server/ready", null))
                .path("console_feed").asText().equals("ok"));
    }

    @AfterAll
    static void stop() {
        producer.close();
        gateway.close();
    }

    @Test
    void pagesAndAssetsAreServedUnder200KbWithAStrictPolicy() throws Exception {
        long total = 0;
        for (String path : List.of("/console", "/console/ops")) {
            HttpResponse<String> page = gateway.get(path, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                    assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'"));
            assertThat(page.body()).contains("<html lang=\"en\">", "<label for=\"key\">");
            total += page.body().length();
        }
        for (String asset : List.of("console.css", "console.js", "user.js", "ops.js", "uPlot.min.css",
                "uPlot.iife.min.js")) {
            HttpResponse<String> served = gateway.get("/console/assets/" + asset, null);
            assertThat(served.statusCode()).as(asset).isEqualTo(200);
            total += served.body().getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(total).as("both pages and every asset").isLessThan(200 * 1024);
        assertThat(gateway.get("/console/assets/../../etc/passwd", null).statusCode()).isEqualTo(404);
        assertThat(gateway.get("/console/assets/nothing.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theJsonRoutesNeedAKeyAndTheOperatorsRoutesTheAdminGroup() throws Exception {
        assertThat(gateway.get("/console/api/me", null).statusCode()).isEqualTo(401);
        assertThat(body(gateway.get("/console/api/me", alice)).path("operator").asBoolean()).isFalse();
        assertThat(body(gateway.get("/console/api/me", operator)).path("operator").asBoolean()).isTrue();
        for (String path : List.of("/console/api/ops/overview", "/console/api/ops/backlog", "/console/api/ops/routes",
                "/console/api/ops/keys")) {
            assertThat(gateway.get(path, null).statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> refused = gateway.get(path, alice);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).contains(ConsoleSettings.DEFAULT_ADMIN_GROUP);
            assertThat(gateway.get(path, operator).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(gateway.post("/console/api/ops/keys", alice, "{\"user_id\":\"mallory\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void anOperatorCreatesListsAndRevokesKeys() throws Exception {
        HttpResponse<String> created = gateway.post("/console/api/ops/keys", operator,
                "{\"user_id\":\"console-carol\",\"key_name\":\"laptop\",\"groups\":[\"g1\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode issued = body(created);
        String carol = "Bearer " + issued.path("key").asText();
        assertThat(body(gateway.get("/console/api/me", carol)).path("id").asText()).isEqualTo("console-carol");
        JsonNode listed = body(gateway.get("/console/api/ops/keys?user_id=console-carol", operator));
        assertThat(listed.path("data")).hasSize(1);
        assertThat(listed.toString()).doesNotContain(issued.path("key").asText());
        String revoke = "/console/api/ops/keys/" + issued.path("id").asText() + "/revoke";
        assertThat(gateway.post(revoke, operator, "").statusCode()).isEqualTo(200);
        assertThat(gateway.post(revoke, operator, "").statusCode()).isEqualTo(404);
        assertThat(gateway.get("/console/api/me", carol).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsA4xxNeverA500() throws Exception {
        for (String body : List.of("", "not json", "[]", "{}", "{\"user_id\":\"\"}", "{\"user_id\":7}",
                "{\"user_id\":\"" + "x".repeat(101) + "\"}", "{\"user_id\":\"u\",\"groups\":\"g\"}",
                "{\"user_id\":\"u\",\"groups\":[1]}", "{\"user_id\":\"u\",\"expires_in_days\":0}",
                "{\"user_id\":\"u\",\"expires_in_days\":1.5}")) {
            assertThat(gateway.post("/console/api/ops/keys", operator, body).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(gateway.post("/console/api/ops/keys/not-a-uuid/revoke", operator, "").statusCode()).isEqualTo(400);
        assertThat(gateway.post("/console/api/ops/keys/00000000-0000-0000-0000-000000000000/revoke", operator, "")
                .statusCode()).isEqualTo(404);
        for (String query : List.of("hours=0", "hours=169", "hours=x", "hours=" + "9".repeat(400))) {
            assertThat(gateway.get("/console/api/usage?" + query, alice).statusCode()).as(query).isEqualTo(400);
        }
        for (String query : List.of("minutes=4", "minutes=1441", "minutes=-1")) {
            assertThat(gateway.get("/console/api/ops/backlog?" + query, operator).statusCode()).as(query)
                    .isEqualTo(400);
        }
        assertThat(gateway.get("/console/api/ops/keys?user_id=" + "x".repeat(101), operator).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aUsersStreamCarriesTheirBatchesEventsAndNoOneElses() throws Exception {
        try (EventStream stream = new EventStream(alice)) {
            assertThat(stream.next()).isEqualTo("ready {}");
            publish(new BatchEvent("batch_of_bob", "console-bob", BatchState.IN_PROGRESS, 10, 1, 0,
                    System.currentTimeMillis()));
            publish(new BatchEvent("batch_of_alice", "console-alice", BatchState.IN_PROGRESS, 10, 4, 1,
                    System.currentTimeMillis()));
            String event = stream.next();
            assertThat(event).startsWith("batch ").contains("\"batch_of_alice\"", "\"completed\":4");
            publish(new BatchEvent("batch_of_alice", "console-alice", BatchState.COMPLETED, 10, 9, 1,
                    System.currentTimeMillis()));
            assertThat(stream.next()).contains("\"status\":\"completed\"").doesNotContain("batch_of_bob");
        }
    }

    @Test
    void modelsListOnlyWhatTheCallerMayUseWithTheirState() throws Exception {
        JsonNode models = body(gateway.get("/console/api/models", alice));
        List<String> names = models.findValuesAsText("model");
        assertThat(names).contains("model-a").doesNotContain("model-premium");
        assertThat(models.findValuesAsText("state")).isNotEmpty()
                .allSatisfy(state -> assertThat(state).isIn("running", "queued", "down", "unknown", "maintenance"));
    }

    @Test
    void aWorkerAppearsOnTheOverviewWhileItReportsAndFallsSilentAfter() throws Exception {
        String worker = "console-test-worker-" + System.nanoTime();
        WorkerReport report = new WorkerReport(worker, System.currentTimeMillis(), List.of(
                new WorkerReport.EndpointLoad("open/vllm/model-a", 3, 3, 0, 0, 0, 0, 30, 12, 2, false)));
        producer.send(new ProducerRecord<>(Topics.defaults().capacity(), worker, Json.writeBytes(report))).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> workerState(worker).equals("alive"));
        JsonNode shown = workerNode(worker);
        assertThat(shown.path("in_flight").asInt()).isEqualTo(2);
        assertThat(shown.path("lanes").path("open/vllm/model-a").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> workerState(worker).equals("silent"));
    }

    @Test
    void usageAndBacklogAreReadFromPostgres() throws Exception {
        try (Connection connection = gateway.app().database().dataSource().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO request_logs (id, access_log_id, user_id, cluster, framework, model, openai_endpoint,
                        timestamp_compute_request, prompt_tokens, completion_tokens, total_tokens)
                    VALUES (gen_random_uuid(), gen_random_uuid(), 'console-alice', 'open', 'vllm', 'model-a',
                        'chat/completions', now() - interval '10 minutes', 30, 12, 42)""");
            sql.execute("""
                    INSERT INTO batches (id, api_style, user_id, cluster, framework, model, status, request_total,
                        request_completed, in_progress_at, completed_at)
                    VALUES ('batch_console_backlog', 'openai', 'console-bob', 'open', 'vllm', 'model-a', 'completed',
                        5, 5, now() - interval '3 minutes', now() - interval '2 minutes')""");
            sql.execute("""
                    INSERT INTO batch_lines (batch_id, custom_id, line_number, status, finished_at, prompt_tokens,
                        completion_tokens)
                    SELECT 'batch_console_backlog', 'line-' || n, n, 'completed',
                        now() - interval '150 seconds', 10, 5 FROM generate_series(1, 5) n""");
        }
        assertThat(tokens(alice, "model-a")).isEqualTo(42);
        assertThat(tokens(bob, "model-a")).as("bob's batch lines are his: 5 lines of 15 tokens").isEqualTo(75);
        JsonNode backlog = body(gateway.get("/console/api/ops/backlog?minutes=10", operator));
        List<Long> lines = new java.util.ArrayList<>();
        backlog.path("lines").forEach(value -> lines.add(value.asLong()));
        assertThat(lines).hasSize(backlog.path("times").size()).contains(5L);
        assertThat(lines.getLast()).as("nothing waits now").isZero();
    }

    @Test
    void routeStatsCarryPercentiles() throws Exception {
        gateway.get("/console/api/me", alice);
        JsonNode routes = body(gateway.get("/console/api/ops/routes", operator)).path("routes");
        assertThat(routes.findValuesAsText("route")).contains("/console/api/me");
        assertThat(routes.get(0).has("p99_millis")).isTrue();
    }

    private static long tokens(String authorization, String model) throws Exception {
        long tokens = 0;
        for (JsonNode value : body(gateway.get("/console/api/usage?hours=1", authorization)).path("models")
                .path(model)) {
            tokens += value.asLong();
        }
        return tokens;
    }

    private static String workerState(String worker) throws Exception {
        JsonNode node = workerNode(worker);
        return node == null ? "absent" : node.path("alive").asBoolean() ? "alive" : "silent";
    }

    private static JsonNode workerNode(String worker) throws Exception {
        for (JsonNode node : body(gateway.get("/console/api/ops/overview", operator)).path("workers")) {
            if (node.path("id").asText().equals(worker)) {
                return node;
            }
        }
        return null;
    }

    private static void publish(BatchEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.defaults().events(), event.batchId(), Json.writeBytes(event)))
                .get();
    }

    private static JsonNode body(HttpResponse<String> response) {
        return Json.read(response.body());
    }

    /** {@code GET /console/api/events} read on a thread of its own: each event as "name data". */
    private static final class EventStream implements AutoCloseable {

        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final InputStream body;
        private final Thread reader;

        EventStream(String authorization) throws Exception {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                    gateway.uri("/console/api/events")).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            body = response.body();
            reader = Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(name + " " + line.substring(6));
                    }
                }
            } catch (java.io.IOException e) {
                // Closed by the test.
            }
        }

        String next() throws InterruptedException {
            String event = events.poll(20, TimeUnit.SECONDS);
            assertThat(event).as("an event within 20 s").isNotNull();
            return event;
        }

        @Override
        public void close() throws Exception {
            body.close();
            reader.join(Duration.ofSeconds(5));
        }
    }
}
