package io.inferencegateway.worker;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.ApiStyle;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.BatchSubmission;
import io.inferencegateway.batch.NewBatch;
import io.inferencegateway.config.Environment;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.FileStore;
import io.inferencegateway.files.PostgresFileStore;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.paths.UserDirectory;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.registry.DefinitionSync;
import io.inferencegateway.worker.config.SchedulingSettings;
import io.inferencegateway.worker.config.WorkerSettings;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * What a worker test needs: a fresh database with the test fixtures, topics and groups of its own on the shared test
 * Kafka, workers, and the gateway's side of a batch done by hand (the input file, the batch row, the submission).
 */
final class WorkerStack implements AutoCloseable {

    static final String USER = "user-1";
    static final int PARTITIONS = 4;

    final DatabaseSettings databaseSettings;
    final KafkaSettings kafka;
    final Topics topics;
    final String groupPrefix;
    final Database database;
    final BatchRepository batches;
    final FileStore files;
    /** Holds a directory per user, each user's only batch root (GATEWAY_BATCH_ROOTS); removed on close. */
    private final Path batchRoot;
    private final KafkaProducer<String, byte[]> producer;
    private final List<BatchWorker> workers = new ArrayList<>();
    /** Variables the workers see instead of the process's. */
    private final Map<String, String> environment;

    private WorkerStack(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        String run = UUID.randomUUID().toString().substring(0, 8);
        this.databaseSettings = TestServers.freshDatabase(8);
        this.kafka = TestServers.kafka();
        this.topics = new Topics("t" + run + ".", PARTITIONS);
        this.groupPrefix = "t" + run + ".";
        this.database = Database.open(databaseSettings, "test-" + run);
        new DefinitionSync(database.dataSource(), System::getenv).loadFixtures(fixtures());
        this.batches = new BatchRepository(database.dataSource());
        this.files = new PostgresFileStore(database.dataSource());
        try {
            this.batchRoot = Files.createTempDirectory("worker-batches-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    static WorkerStack create() {
        return new WorkerStack(Map.of());
    }

    /** A stack whose workers see {@code environment} over the process's variables. */
    static WorkerStack create(Map<String, String> environment) {
        return new WorkerStack(environment);
    }

    static Path fixtures() {
        try {
            return Path.of(WorkerStack.class.getResource("/fixtures/worker/endpoints.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings for a test worker: short intervals, no metrics port, this stack's groups. */
    WorkerSettings settings(String workerId) {
        return settings(workerId, groupPrefix);
    }

    static WorkerSettings settings(String workerId, String groupPrefix) {
        return new WorkerSettings(workerId, 16, 5, "127.0.0.1", 0, groupPrefix,
                Path.of(System.getProperty("basedir", "."), "target", "worker-state"),
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(300),
                Duration.ofSeconds(3), Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofSeconds(30),
                Duration.ofSeconds(20));
    }

    BatchWorker startWorker(String workerId) {
        return startWorker(settings(workerId));
    }

    BatchWorker startWorker(WorkerSettings settings) {
        return startWorker(settings, SchedulingSettings.fromEnvironment(this::environment));
    }

    BatchWorker startWorker(WorkerSettings settings, SchedulingSettings scheduling) {
        BatchWorker worker = BatchWorker.start(databaseSettings, kafka, topics, this::environment, settings,
                scheduling);
        workers.add(worker);
        return worker;
    }

    /** An OpenAI-style batch of {@code lines} (JSONL lines) for {@code model}, in validating, not yet submitted. */
    String createBatch(String model, List<String> lines) {
        return createBatch(model, lines, Duration.ofHours(24));
    }

    String createBatch(String model, List<String> lines, Duration expiresAfter) {
        return createBatch(BatchIds.newId(), USER, model, lines, expiresAfter);
    }

    /** An OpenAI-style batch with the given id, of {@code userId}. */
    String createBatch(String id, String userId, String model, List<String> lines, Duration expiresAfter) {
        return createBatchOn("sim", id, userId, model, lines, expiresAfter);
    }

    /** An OpenAI-style batch for a model of {@code cluster}. */
    String createBatchOn(String cluster, String id, String userId, String model, List<String> lines,
                         Duration expiresAfter) {
        String fileId = storeInput(userId, lines);
        batches.create(new NewBatch(id, ApiStyle.OPENAI, userId, cluster, "api", model, "/v1/chat/completions", "24h",
                expiresAfter, null, null, fileId, null));
        return id;
    }

    /** The workers' environment: the process's and this stack's, with each user's batch root under this stack's. */
    String environment(String name) {
        return name.equals(Environment.BATCH_ROOTS) ? batchRoot + "/" + UserDirectory.PLACEHOLDER
                : environment.getOrDefault(name, System.getenv(name));
    }

    /** The root of {@code userId}'s FIRST-style batches, created if need be. */
    Path userDirectory(String userId) {
        try {
            return Files.createDirectories(batchRoot.resolve(UserDirectory.name(userId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A FIRST-style batch of {@link #USER}: its input is a file in their directory the workers read, its results also
     * go to {@code outputFolder}.
     */
    String createFirstBatch(String model, List<String> lines, String outputFolder) {
        Path input = userDirectory(USER).resolve("input-" + UUID.randomUUID() + ".jsonl");
        try {
            Files.write(input, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return createFirstBatch(BatchIds.newId(), USER, model, input, outputFolder);
    }

    /** A FIRST-style batch of {@code userId} reading {@code input} as it is. */
    String createFirstBatch(String id, String userId, String model, Path input, String outputFolder) {
        batches.create(new NewBatch(id, ApiStyle.FIRST, userId, "sim", "api", model, "/v1/chat/completions", "24h",
                Duration.ofHours(24), input.toString(), outputFolder, null, null));
        return id;
    }

    /**
     * A new batch id whose submission lands on the same partition as {@code batchId}'s, so that it queues behind
     * it in the one consumer that owns that partition.
     */
    String idOnSamePartitionAs(String batchId) {
        int partitions = producer.partitionsFor(topics.submissions()).size();
        int target = partitionOf(batchId, partitions);
        while (true) {
            String id = BatchIds.newId();
            if (partitionOf(id, partitions) == target) {
                return id;
            }
        }
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    String storeInput(List<String> lines) {
        return storeInput(USER, lines);
    }

    String storeInput(String userId, List<String> lines) {
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            return files.store(userId, "batch", "input.jsonl", new ByteArrayInputStream(content),
                    FileLimits.BATCH_INPUT).id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the gateway publishes after storing the batch row. */
    void submit(String batchId) {
        try {
            producer.send(new ProducerRecord<>(topics.submissions(), batchId,
                    Json.writeBytes(new BatchSubmission(batchId)))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the submission of " + batchId, e);
        }
    }

    /** The batch once it has reached a terminal status, whichever. */
    Batch awaitTerminal(String batchId, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> batches.find(batchId).orElseThrow().state().isTerminal());
        return batches.find(batchId).orElseThrow();
    }

    /** Publishes a record as it is, such as one no worker can read. */
    void publishRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    Batch awaitState(String batchId, BatchState state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> batches.find(batchId).orElseThrow().state() == state);
        return batches.find(batchId).orElseThrow();
    }

    /** Chat lines {@code custom_id} req-1 ... req-n for {@code model}. */
    static List<String> chatLines(String model, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            lines.add(chatLine("req-" + i, model, "Question number " + i + "?"));
        }
        return lines;
    }

    static String chatLine(String customId, String model, String question) {
        var body = Json.object().put("model", model).put("max_tokens", 8);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        var line = Json.object().put("custom_id", customId).put("method", "POST").put("url", "/v1/chat/completions");
        line.set("body", body);
        return Json.write(line);
    }

    /** The lines of a stored file, parsed. */
    List<JsonNode> fileLines(String fileId) {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(files.open(fileId),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Lines of the batch with a result, per worker that recorded it. */
    Map<String, Integer> finishedByWorker(String batchId) {
        return Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT coalesce(worker_id, '-'), count(*) FROM batch_lines
                    WHERE batch_id = ? AND status <> 'pending' GROUP BY 1""")) {
                s.setString(1, batchId);
                Map<String, Integer> counts = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return counts;
            }
        });
    }

    /** Lines recorded per second between the batch's first and last recorded line (start-up excluded). */
    double linesPerSecond(String batchId) {
        return Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) / greatest(extract(epoch FROM "
                    + "max(finished_at) - min(finished_at)), 0.001) FROM batch_lines "
                    + "WHERE batch_id = ? AND finished_at IS NOT NULL")) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getDouble(1);
                }
            }
        });
    }

    /** Lines of the batch that have an answer (not an error line). */
    int answered(String batchId) {
        return Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM batch_lines WHERE batch_id = ? AND status = 'completed'")) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    int finished(String batchId) {
        return finishedByWorker(batchId).values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void close() {
        workers.forEach(BatchWorker::close);
        producer.close();
        database.close();
        deleteTree(batchRoot);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
