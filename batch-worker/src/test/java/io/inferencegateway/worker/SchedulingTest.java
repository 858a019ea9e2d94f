package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.capacity.InteractiveReport;
import io.inferencegateway.json.Json;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.worker.config.SchedulingSettings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's promises, against real PostgreSQL and Kafka: another user's small batch is not stuck behind a big
 * one, an earlier deadline goes first, a model that is not running costs no attempts and its batch says why it
 * waits, and interactive load takes the budget from batches and gives it back.
 */
class SchedulingTest {

    /** 20 ms a line, four at a time: a 2,000-line batch takes ten seconds alone. */
    static final String SHARED = "sim-fair";
    static WorkerStack stack;
    static BatchWorker worker;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        worker = stack.startWorker("scheduling");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anotherUsersSmallBatchRunsBesideABigOneInsteadOfAfterIt() {
        String big = stack.createBatch(BatchIds.newId(), "user-big", SHARED, WorkerStack.chatLines(SHARED, 2_000),
                Duration.ofHours(24));
        stack.submit(big);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.finished(big) >= 50);

        String small = stack.createBatch(BatchIds.newId(), "user-small", SHARED, WorkerStack.chatLines(SHARED, 40),
                Duration.ofHours(24));
        stack.submit(small);
        stack.awaitState(small, BatchState.COMPLETED, Duration.ofSeconds(60));

        // In submission order the small batch would wait for all 2,000 lines: here it shares the endpoint.
        assertThat(stack.batches.find(big).orElseThrow().state()).isEqualTo(BatchState.IN_PROGRESS);
        assertThat(2_000 - stack.finished(big)).as("lines of the big batch still pending").isGreaterThan(500);
        stack.awaitState(big, BatchState.COMPLETED, Duration.ofSeconds(120));
    }

    @Test
    void aBatchWithAnEarlierDeadlineGoesFirst() {
        String relaxed = stack.createBatch(SHARED, WorkerStack.chatLines(SHARED, 600), Duration.ofHours(24));
        stack.submit(relaxed);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.finished(relaxed) >= 20);
        String urgent = stack.createBatch(SHARED, WorkerStack.chatLines(SHARED, 300), Duration.ofMinutes(20));
        stack.submit(urgent);

        stack.awaitState(urgent, BatchState.COMPLETED, Duration.ofSeconds(60));
        assertThat(600 - stack.finished(relaxed)).as("lines of the relaxed batch still pending").isGreaterThan(150);
        stack.awaitState(relaxed, BatchState.COMPLETED, Duration.ofSeconds(120));
    }

    @Test
    void linesOfAModelThatIsNotRunningWaitWithoutSpendingAttemptsAndRunOnceItRuns() {
        ToggledCluster.set("sim-toggled", "queued");
        String id = stack.createBatchOn("toggled", BatchIds.newId(), WorkerStack.USER, "sim-toggled",
                WorkerStack.chatLines("sim-toggled", 30), Duration.ofHours(24));
        stack.submit(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> "model_not_running: queued on toggled".equals(
                waitingReason(id)));
        assertThat(stack.finished(id)).isZero();
        assertThat(attempts(id)).as("calls made while the model was queued").isZero();

        ToggledCluster.set("sim-toggled", "running");
        Batch done = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(60));
        assertThat(done.requestCounts().completed()).isEqualTo(30);
        assertThat(waitingReason(id)).isNull();
        assertThat(notes(id)).containsSubsequence("waiting: model_not_running: queued on toggled", "resumed");
    }

    @Test
    void aBatchThatCannotMeetItsDeadlineAtItsPaceSaysSo() {
        // Three seconds a line, two at a time: 20 lines need 30 s, and the window is 12 s.
        String id = stack.createBatch("sim-slow", WorkerStack.chatLines("sim-slow", 20), Duration.ofSeconds(12));
        stack.submit(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> notes(id).stream()
                .anyMatch(note -> note.startsWith("deadline_at_risk: ")));
        stack.awaitTerminal(id, Duration.ofSeconds(60));
    }

    /** The notes the scheduler published about a batch, in order. */
    private static List<String> notes(String batchId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> notes = new ArrayList<>();
        try (KafkaConsumer<String, BatchEvent> events = new KafkaConsumer<>(config, new StringDeserializer(),
                new JsonSerde<>(BatchEvent.class).deserializer())) {
            List<TopicPartition> partitions = events.partitionsFor(stack.topics.events()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            events.assign(partitions);
            Map<TopicPartition, Long> ends = events.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> events.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, BatchEvent> record : events.poll(Duration.ofMillis(200))) {
                    if (record.value().batchId().equals(batchId) && record.value().note() != null) {
                        notes.add(record.value().note());
                    }
                }
            }
        }
        return notes;
    }

    @Test
    void interactiveLoadTakesTheBudgetFromBatchesAndGivesItBack() {
        String slug = worker.registry().endpoint("sim", "api", SHARED).orElseThrow().endpointSlug();
        String id = stack.createBatch(SHARED, WorkerStack.chatLines(SHARED, 1_500), Duration.ofHours(24));
        stack.submit(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.finished(id) >= 20);

        // A gateway replica reports the endpoint full of interactive requests, as it does every 200 ms.
        ScheduledExecutorService gateway = Executors.newSingleThreadScheduledExecutor();
        gateway.scheduleAtFixedRate(() -> stack.publishRaw(stack.topics.capacity(), "gateway-test",
                Json.writeBytes(new InteractiveReport("gateway-test", System.currentTimeMillis(),
                        List.of(new InteractiveReport.EndpointLoad(slug, 50, 50, 10)))), Map.of()),
                0, 200, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> "interactive_load".equals(waitingReason(id)));
            assertThat(budget(slug)).as("batch lines the endpoint may run").isZero();
            int finished = stack.finished(id);
            assertThat(finished).as("the batch did not run to its end before the interactive load").isLessThan(1_500);
        } finally {
            gateway.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingReason(id) == null);
        assertThat(budget(slug)).isPositive();
        stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(120));
    }

    @Test
    void aBatchPutInProgressIsDispatchedAtOnceNotWhenTheLeaderNextReadsTheBatches() {
        // A leader that reads the batches in progress once an hour: only being told of a new one starts it.
        SchedulingSettings defaults = SchedulingSettings.fromEnvironment(Map.<String, String>of()::get);
        SchedulingSettings hourly = new SchedulingSettings(defaults.fair(), defaults.reserve(), defaults.inflation(),
                defaults.tick(), defaults.lease(), defaults.prefetch(), Duration.ofHours(1));
        try (WorkerStack own = WorkerStack.create()) {
            BatchWorker leader = own.startWorker(own.settings("hourly"), hourly);
            await().atMost(Duration.ofSeconds(30)).until(() -> leader.metrics().registry()
                    .find("batch_scheduler_leading").gauge().value() == 1);

            String id = own.createBatch(SHARED, WorkerStack.chatLines(SHARED, 20));
            own.submit(id);

            Batch done = own.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(30));
            assertThat(done.requestCounts().completed()).isEqualTo(20);
        }
    }

    private static double budget(String slug) {
        return worker.metrics().registry().find("batch_scheduler_budget").tag("endpoint", slug).gauge().value();
    }

    private static String waitingReason(String batchId) {
        return Sql.withConnection(stack.database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT waiting_reason FROM batches WHERE id = ?")) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static int attempts(String batchId) {
        return Sql.withConnection(stack.database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT coalesce(sum(attempts), 0) FROM batch_lines WHERE batch_id = ?")) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
