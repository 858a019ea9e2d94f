package io.inferencegateway.worker.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.BatchEvent;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.kafka.JsonSerde;
import io.inferencegateway.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The progress topology in Kafka's {@link TopologyTestDriver}: results in, wall-clock time moved by the test, and
 * what reaches PostgreSQL ({@link ProgressSink}, here in memory), the events topic and the finalizer.
 */
@Timeout(60)
class ProgressTopologyTest {

    static final Topics TOPICS = Topics.defaults();
    static final Duration INTERVAL = Duration.ofSeconds(1);

    final Sink sink = new Sink();
    final List<String> finalized = new CopyOnWriteArrayList<>();
    TopologyTestDriver driver;
    TestInputTopic<String, RecordedLines> results;
    TestOutputTopic<String, BatchEvent> events;

    @BeforeEach
    void drive() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(ProgressTopology.build(TOPICS, sink, finalized::add, INTERVAL), config);
        results = driver.createInputTopic(TOPICS.results(), new StringSerializer(),
                new JsonSerde<>(RecordedLines.class).serializer());
        events = driver.createOutputTopic(TOPICS.events(), new StringDeserializer(),
                new JsonSerde<>(BatchEvent.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    void result(String batchId, boolean succeeded) {
        results.pipeInput(batchId, RecordedLines.none(batchId).plusLine(succeeded, 3, succeeded ? 4 : 0));
    }

    KeyValueStore<String, Progress> counts() {
        return driver.getKeyValueStore(ProgressTopology.STORE);
    }

    @Test
    void resultsAreCountedPerBatchAndStoredWithTheirTokens() {
        sink.running("batch_1", 10);
        sink.running("batch_2", 10);
        result("batch_1", true);
        result("batch_1", true);
        result("batch_1", false);
        result("batch_2", true);

        driver.advanceWallClockTime(INTERVAL);

        assertThat(sink.updates).singleElement().isEqualTo(Map.of(
                "batch_1", new Progress(2, 1, 9, 8),
                "batch_2", new Progress(1, 0, 3, 4)));
        Map<String, BatchEvent> byBatch = new HashMap<>();
        events.readValuesToList().forEach(event -> byBatch.put(event.batchId(), event));
        assertThat(byBatch).hasSize(2);
        assertThat(byBatch.get("batch_1")).satisfies(event -> {
            assertThat(event.completed()).isEqualTo(2);
            assertThat(event.failed()).isEqualTo(1);
            assertThat(event.total()).isEqualTo(10);
            assertThat(event.userId()).isEqualTo("user-batch_1");
            assertThat(event.status()).isEqualTo(BatchState.IN_PROGRESS);
        });
        assertThat(finalized).isEmpty();
    }

    @Test
    void progressIsDebouncedToOneUpdateAndOneEventPerChangedBatchAndInterval() {
        sink.running("batch_1", 1_000);
        for (int i = 0; i < 50; i++) {
            result("batch_1", true);
        }
        driver.advanceWallClockTime(INTERVAL.dividedBy(2));
        assertThat(sink.updates).as("before the interval").isEmpty();
        assertThat(events.isEmpty()).isTrue();

        driver.advanceWallClockTime(INTERVAL.dividedBy(2));

        assertThat(sink.updates).singleElement().isEqualTo(Map.of("batch_1", new Progress(50, 0, 150, 200)));
        assertThat(events.readValuesToList()).singleElement()
                .satisfies(event -> assertThat(event.completed()).isEqualTo(50));

        driver.advanceWallClockTime(INTERVAL.multipliedBy(3));
        assertThat(sink.updates).as("nothing changed: nothing written").hasSize(1);
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void theFinalizeTriggerFiresOnceEveryLineIsAccountedForAndTheBatchIsForgotten() {
        sink.running("batch_1", 3);
        result("batch_1", true);
        result("batch_1", false);
        driver.advanceWallClockTime(INTERVAL);
        assertThat(finalized).isEmpty();
        assertThat(counts().get("batch_1")).as("still counting").isEqualTo(new Progress(1, 1, 6, 4));

        result("batch_1", true);
        driver.advanceWallClockTime(INTERVAL);

        assertThat(sink.updates.getLast()).as("totals, not the interval's results")
                .isEqualTo(Map.of("batch_1", new Progress(2, 1, 9, 8)));
        assertThat(finalized).containsExactly("batch_1");
        assertThat(counts().get("batch_1")).isNull();
    }

    @Test
    void aBatchWhoseLastLinesAreCountedIsStoredAndFinalizedAtOnceNotAtTheNextInterval() {
        sink.running("batch_1", 3);
        result("batch_1", true);
        driver.advanceWallClockTime(INTERVAL);
        result("batch_1", true);
        assertThat(sink.updates).as("a line short of done: counted at the interval").hasSize(1);

        result("batch_1", false);

        assertThat(sink.updates.getLast()).isEqualTo(Map.of("batch_1", new Progress(2, 1, 9, 8)));
        assertThat(finalized).containsExactly("batch_1");
        assertThat(counts().get("batch_1")).isNull();
        driver.advanceWallClockTime(INTERVAL);
        assertThat(finalized).as("once").containsExactly("batch_1");
    }

    @Test
    void aBatchThatIsNoLongerRunningIsNeitherAnnouncedNorFinalizedAndIsForgotten() {
        // Finalized (or removed) meanwhile: PostgreSQL keeps the finalizer's exact counts and updates nothing.
        result("batch_1", true);

        driver.advanceWallClockTime(INTERVAL);

        assertThat(sink.updates).hasSize(1);
        assertThat(events.isEmpty()).isTrue();
        assertThat(finalized).isEmpty();
        assertThat(counts().get("batch_1")).isNull();
    }

    @Test
    void countsThePostgresUpdateFailedForAreStoredAtTheNextInterval() {
        sink.running("batch_1", 2);
        sink.failures = 1;
        result("batch_1", true);
        result("batch_1", true);

        driver.advanceWallClockTime(INTERVAL);
        assertThat(events.isEmpty()).isTrue();
        assertThat(finalized).isEmpty();

        driver.advanceWallClockTime(INTERVAL);

        assertThat(sink.updates).singleElement().isEqualTo(Map.of("batch_1", new Progress(2, 0, 6, 8)));
        assertThat(events.readValuesToList()).hasSize(1);
        assertThat(finalized).containsExactly("batch_1");
    }

    @Test
    void aRecordOfSeveralLinesCountsEveryOne() {
        sink.running("batch_1", 4);
        results.pipeInput("batch_1", new RecordedLines("batch_1", 3, 1, 12, 12));

        driver.advanceWallClockTime(INTERVAL);

        assertThat(sink.updates).singleElement().isEqualTo(Map.of("batch_1", new Progress(3, 1, 12, 12)));
        assertThat(finalized).containsExactly("batch_1");
    }

    @Test
    void aResultWithoutABatchIdIsIgnored() {
        sink.running("batch_1", 5);
        results.pipeInput("batch_1", new RecordedLines(null, 1, 0, 1, 1));

        driver.advanceWallClockTime(INTERVAL);

        assertThat(sink.updates).isEmpty();
        assertThat(events.isEmpty()).isTrue();
    }

    /** Batches in PostgreSQL as the progress update sees them: the running ones, with their totals. */
    static final class Sink implements ProgressSink {
        final List<Map<String, Progress>> updates = new ArrayList<>();
        final Map<String, Integer> running = new HashMap<>();
        int failures;

        void running(String batchId, int total) {
            running.put(batchId, total);
        }

        @Override
        public List<Running> update(Map<String, Progress> progress) {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("PostgreSQL is away");
            }
            updates.add(Map.copyOf(progress));
            return progress.keySet().stream().filter(running::containsKey)
                    .map(id -> new Running(id, "user-" + id, BatchState.IN_PROGRESS, running.get(id))).toList();
        }
    }
}
