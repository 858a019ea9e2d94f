package io.inferencegateway.worker.lines;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.worker.config.Backoff;
import io.inferencegateway.worker.kafka.DeadLetters;
import io.inferencegateway.worker.kafka.Decoded;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One lines lane, as a worker builds it, around test doubles: Kafka's share consumer and producer mocks
 * ({@link StrictShareConsumer}, {@link MockProducer}), rows in memory, one endpoint ({@code c}/{@code f}/{@code m})
 * the test answers, and the real executor, gate, result writer and dead letters. The lane runs on its own platform
 * thread, as under the supervisor, and measures its waits on a time the test moves ({@link TestTime}).
 */
final class TestLane implements AutoCloseable {

    static final Topics TOPICS = Topics.defaults();
    static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20));
    static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final int PARTITIONS = 3;

    final StrictShareConsumer<String, Decoded<LineTask>> consumer;
    final InMemoryLaneRows rows = new InMemoryLaneRows();
    final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    final HeldEndpoint endpoint;
    final Endpoints endpoints;
    final LineConsumer lane;
    /** The lane's time: it stands still unless the test moves it. */
    final TestTime time = new TestTime();
    private final ExecutorService lineThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private long offset;

    /**
     * @param concurrency       the endpoint's slots in this worker
     * @param acquisitionLockMs the broker's acquisition lock as the consumer reports it, or null: the lane then
     *                          renews every 10 s, as in a worker that has not heard it yet
     */
    TestLane(HeldEndpoint endpoint, int concurrency, Integer acquisitionLockMs) {
        this.endpoint = endpoint;
        this.consumer = new StrictShareConsumer<>(acquisitionLockMs);
        WorkerMetrics metrics = new WorkerMetrics();
        RecordSender sender = new RecordSender(producer);
        this.endpoints = new Endpoints((cluster, framework, model) -> "c".equals(cluster) && "f".equals(framework)
                && "m".equals(model) ? Optional.of(endpoint) : Optional.empty(), concurrency, FAST);
        this.lane = new LineConsumer(consumer, TOPICS.lines(), rows, endpoints, new LineExecutor(2, FAST, metrics),
                new LineResultWriter(rows, sender, TOPICS, "worker-1", metrics, FAST),
                new DeadLetters(sender, TOPICS.lineDeadLetters(), metrics, "worker-1"), lineThreads, metrics, time);
        this.thread = Thread.ofPlatform().name("test-lines-lane").start(lane);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.subscription().contains(TOPICS.lines()));
    }

    /** A pending line (of an in_progress batch unless the test set its batch's status), published to the lane. */
    ConsumerRecord<String, Decoded<LineTask>> line(String batchId, String customId) {
        return offer(lineRecord(batchId, customId, "m")).getFirst();
    }

    /** A pending line's record, not yet published. */
    ConsumerRecord<String, Decoded<LineTask>> lineRecord(String batchId, String customId, String model) {
        rows.pending(batchId, customId);
        LineTask task = new LineTask(batchId, customId, (int) offset + 1, "c", "f", model, "/v1/chat/completions",
                (ObjectNode) Json.read(BODY));
        return record(task.key(), Json.writeBytes(task));
    }

    /** A record of the lines topic holding {@code value} as it is, read as a lane reads it; not yet published. */
    ConsumerRecord<String, Decoded<LineTask>> record(String key, byte[] value) {
        long at = offset++;
        return new ConsumerRecord<>(TOPICS.lines(), (int) (at % PARTITIONS), at, key,
                LineConsumer.values().deserialize(TOPICS.lines(), value));
    }

    /** Publishes records at once: the lane's next poll delivers them all. */
    @SafeVarargs
    final List<ConsumerRecord<String, Decoded<LineTask>>> offer(ConsumerRecord<String, Decoded<LineTask>>... records) {
        consumer.addRecords(List.of(records));
        return List.of(records);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The endpoint's gate in this worker, shared with any other lane of it. */
    EndpointGate gate() {
        return endpoints.find("c", "f", "m").orElseThrow().gate();
    }

    /** The records of the results topic, in the order they were sent. */
    List<RecordedLines> published() {
        JsonSerde<RecordedLines> serde = new JsonSerde<>(RecordedLines.class);
        return sentTo(TOPICS.results()).stream()
                .map(r -> serde.deserializer().deserialize(r.topic(), r.value())).toList();
    }

    /** Lines counted on the results topic, per batch. */
    Map<String, Integer> publishedLines() {
        Map<String, Integer> lines = new TreeMap<>();
        published().forEach(r -> lines.merge(r.batchId(), r.lines(), Integer::sum));
        return lines;
    }

    List<ProducerRecord<String, byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Asks the lane to stop and waits for it, as the supervisor does. */
    void stop() {
        lane.close();
    }

    boolean stopped() {
        return !thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        lane.stop();
        thread.join(TimeUnit.SECONDS.toMillis(40));
        lineThreads.shutdownNow();
    }
}
