package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.embedded.RunDirectory;
import io.inferencegateway.embedded.PostgresLogin;
import io.inferencegateway.testsupport.SharedServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production shape without Docker: gateway-http, batch workers and the simulated backend as separate processes,
 * started with the image's command line on the image's classpath, against the test PostgreSQL and Kafka. A worker
 * killed with SIGKILL mid-batch and a new one started: every line's answer is in the output exactly once. The
 * processes' logs stay under {@code target/production-shape}.
 */
@Timeout(300)
class ProductionShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
    private static final int LINES = 3_000;
    private static final String KEY = "igw-" + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");

    private static final int BACKEND_PORT = freePort();

    private static Path lib;
    private static Path logs;
    private static PostgresLogin database;
    private static String kafka;

    @BeforeAll
    static void layOut() {
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        lib = ImageLayout.assemble(target.resolve("app"));
        logs = target.resolve("production-shape");
        database = SharedServers.freshDatabase();
        kafka = SharedServers.kafkaBootstrapServers();
    }

    @Test
    void aWorkerKilledMidBatchIsReplacedAndEveryLineIsAnsweredOnce() throws Exception {
        int gatewayPort = freePort();
        noticeAKilledWorkerSooner();
        // The backend and gateway-http need nothing of each other to start: side by side. The workers read the
        // endpoints the gateway loads, so they start once it is ready, doomed first: it leads dispatch when killed.
        try (AppProcess backend = AppProcess.start("simulated-backend", lib, logs, Map.of(),
                     "io.inferencegateway.simulated.SimulatedBackendServer", "--port",
                     Integer.toString(BACKEND_PORT), "--latency-ms", "100", "--model", MODEL);
             AppProcess gateway = AppProcess.start("gateway-http", lib, logs, gatewayEnvironment(gatewayPort),
                     "io.inferencegateway.gateway.GatewayMain")) {
            backend.awaitOk("http://127.0.0.1:" + BACKEND_PORT + "/health", Duration.ofSeconds(60));
            gateway.awaitOk(gatewayUrl(gatewayPort, "/resource_server/ready"), Duration.ofSeconds(90));
            killAWorkerMidBatch(gatewayPort, backend, gateway);
        }
    }

    private static void killAWorkerMidBatch(int gatewayPort, AppProcess backend, AppProcess gateway)
            throws Exception {
        try (Worker doomed = Worker.start("doomed");
             Worker steady = Worker.start("steady")) {
            String batchId = createBatch(gatewayPort);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> batch(gatewayPort, batchId).at("/request_counts/completed").asInt() >= 300);
            doomed.process.kill();
            int atKill = batch(gatewayPort, batchId).at("/request_counts/completed").asInt();
            assertThat(atKill).as("killed mid-batch").isLessThan(LINES);

            try (Worker successor = Worker.start("successor")) {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> batch(gatewayPort, batchId).path("status").asText().equals("completed"));
                JsonNode batch = batch(gatewayPort, batchId);
                assertThat(batch.at("/request_counts/completed").asInt()).isEqualTo(LINES);
                assertThat(batch.at("/request_counts/failed").asInt()).isZero();

                List<String> output = get(gatewayPort, "/v1/files/" + batch.path("output_file_id").asText()
                        + "/content").body().lines().toList();
                Set<String> seen = new HashSet<>();
                for (String line : output) {
                    JsonNode answer = JSON.readTree(line);
                    assertThat(seen.add(answer.path("custom_id").asText())).as("twice: %s", line).isTrue();
                    assertThat(answer.at("/response/status_code").asInt()).isEqualTo(200);
                }
                assertThat(seen).hasSize(LINES);

                // Each process logs as configured for production: nothing at DEBUG (a process without its logging
                // configuration logs every request of its servers at DEBUG, and runs many times slower).
                for (AppProcess process : List.of(backend, gateway, steady.process, successor.process)) {
                    assertThat(process.output()).as(process.toString()).doesNotContain(" DEBUG ");
                }

                // The survivors are ready, and the backlog they report is gone.
                for (Worker worker : List.of(steady, successor)) {
                    assertThat(AppProcess.status(worker.url("/ready"))).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(30)).until(() -> get(worker.url("/metrics")).body()
                            .matches("(?s).*batch_worker_lines_backlog\\{[^}]*} 0\\.0.*"));
                }
            }
        }
    }

    /**
     * The workers' share group of lines notices a killed member after 10 s instead of the broker's default 45 s, and
     * the lines that member had taken come back after the shortest lock the broker allows, 15 s instead of 30:
     * until then the others cannot take them, and the batch cannot end. The same wait, shorter; set before any
     * worker joins, as an operator would. A broker of the environment's that allows no shorter session (the
     * embedded one and the Docker one do) leaves Kafka's 45 s, and this test waits them out.
     */
    private static void noticeAKilledWorkerSooner() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            // The workers' group of lines (WorkerSettings.LINES_GROUP, without a prefix in production).
            ConfigResource lines = new ConfigResource(ConfigResource.Type.GROUP, "batch-workers-lines");
            admin.incrementalAlterConfigs(Map.of(lines, List.of(
                    new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", "15000"),
                            AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            try {
                admin.incrementalAlterConfigs(Map.of(lines, List.of(
                        new AlterConfigOp(new ConfigEntry("share.session.timeout.ms", "10000"),
                                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof InvalidConfigurationException)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aWorkerStartedBeforeItsServersWaitsForThemAndThenSaysWhyItGaveUp() throws Exception {
        int nowhere = freePort();
        Map<String, String> environment = new HashMap<>(workerEnvironment("early", 0));
        environment.put("GATEWAY_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + nowhere);
        environment.put("GATEWAY_STARTUP_TIMEOUT_SECONDS", "3");
        try (AppProcess worker = AppProcess.start("worker-early", lib, logs, environment,
                "io.inferencegateway.worker.BatchWorkerMain")) {
            assertThat(worker.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(worker.output()).contains("Waiting for Kafka at 127.0.0.1:" + nowhere)
                    .contains("batch-worker cannot start: Kafka at 127.0.0.1:" + nowhere + " did not answer within 3 s");
        }
    }

    @Test
    void aWorkerRefusesABrokerWithoutShareGroupsInOneLine() throws Exception {
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        try (RunDirectory run = RunDirectory.create(target, "kafka-without-share-groups");
             EmbeddedKafka old = EmbeddedKafka.start(run, Map.of("share.version", (short) 0))) {
            Map<String, String> environment = new HashMap<>(workerEnvironment("refused", 0));
            environment.put("GATEWAY_KAFKA_BOOTSTRAP_SERVERS", old.bootstrapServers());
            try (AppProcess worker = AppProcess.start("worker-refused", lib, logs, environment,
                    "io.inferencegateway.worker.BatchWorkerMain")) {
                assertThat(worker.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
                assertThat(worker.output()).containsPattern("ERROR .*batch-worker cannot start: batch-worker needs "
                        + "Kafka 4.2 or newer with share groups on .*share.version 0");
            }
        }
    }

    /** A batch worker process with its operator port. */
    private record Worker(AppProcess process, int port) implements AutoCloseable {

        static Worker start(String id) {
            int port = freePort();
            AppProcess process = AppProcess.start("worker-" + id, lib, logs, workerEnvironment(id, port),
                    "io.inferencegateway.worker.BatchWorkerMain");
            process.awaitOk("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(120));
            return new Worker(process, port);
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    /**
     * What gateway-http and the workers share, as compose's {@code x-gateway-env}: each process resolves the
     * fixtures' {@code ${SIMULATED_BACKEND_URL}} from its own environment, so the workers need it too.
     */
    private static Map<String, String> serverEnvironment() {
        return Map.of("GATEWAY_DB_URL", database.jdbcUrl(), "GATEWAY_DB_USER", database.username(),
                "GATEWAY_DB_PASSWORD", database.password(), "GATEWAY_KAFKA_BOOTSTRAP_SERVERS",
                kafka, "SIMULATED_BACKEND_URL", "http://127.0.0.1:" + BACKEND_PORT);
    }

    private static Map<String, String> gatewayEnvironment(int port) {
        Map<String, String> environment = new HashMap<>(serverEnvironment());
        environment.put("GATEWAY_PORT", Integer.toString(port));
        environment.put("GATEWAY_FIXTURES", Repository.path("fixtures").toString());
        environment.put("GATEWAY_DEV_API_KEY", KEY);
        // As compose gives it: a secret file named by a _FILE variable.
        environment.put("GATEWAY_KEY_HASH_SECRET_FILE", secretFile("key_hash_secret",
                UUID.randomUUID() + "-" + UUID.randomUUID()).toString());
        return environment;
    }

    private static Map<String, String> workerEnvironment(String id, int metricsPort) {
        Map<String, String> environment = new HashMap<>(serverEnvironment());
        environment.put("GATEWAY_WORKER_ID", id);
        environment.put("GATEWAY_WORKER_METRICS_PORT", Integer.toString(metricsPort));
        environment.put("GATEWAY_WORKER_CONCURRENCY", "16");
        environment.put("GATEWAY_WORKER_STATE_DIR", logs.resolve("state-" + id).toString());
        return environment;
    }

    private static String createBatch(int gatewayPort) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            lines.append("{\"custom_id\":\"line-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/")
                    .append("completions\",\"body\":{\"model\":\"").append(MODEL).append("\",\"max_tokens\":4,")
                    .append("\"messages\":[{\"role\":\"user\",\"content\":\"Hello ").append(i).append("\"}]}}\n");
        }
        String boundary = "production-shape-" + UUID.randomUUID();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lines.jsonl\"\r\n\r\n"
                + lines + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl(gatewayPort, "/v1/files")))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        String fileId = JSON.readTree(file.body()).path("id").asText();
        HttpResponse<String> batch = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl(gatewayPort,
                        "/v1/batches"))).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input_file_id\":\"" + fileId + "\",\"endpoint\":"
                        + "\"/v1/chat/completions\",\"completion_window\":\"24h\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        return JSON.readTree(batch.body()).path("id").asText();
    }

    private static JsonNode batch(int gatewayPort, String id) throws Exception {
        return JSON.readTree(get(gatewayPort, "/v1/batches/" + id).body());
    }

    private static HttpResponse<String> get(int gatewayPort, String path) throws Exception {
        return get(gatewayUrl(gatewayPort, path));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String gatewayUrl(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Path secretFile(String name, String value) {
        try {
            java.nio.file.Files.createDirectories(logs);
            return java.nio.file.Files.writeString(logs.resolve(name), value + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
