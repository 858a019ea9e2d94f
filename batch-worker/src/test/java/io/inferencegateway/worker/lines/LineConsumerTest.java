package io.inferencegateway.worker.lines;

import static org.apache.kafka.clients.consumer.AcknowledgeType.ACCEPT;
import static org.apache.kafka.clients.consumer.AcknowledgeType.REJECT;
import static org.apache.kafka.clients.consumer.AcknowledgeType.RELEASE;
import static org.apache.kafka.clients.consumer.AcknowledgeType.RENEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.batch.RecordedLines;
import io.inferencegateway.worker.kafka.DeadLetters;
import io.inferencegateway.worker.kafka.Decoded;
import io.inferencegateway.worker.store.LineRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One lines lane against Kafka's share consumer mock made strict ({@link StrictShareConsumer}), rows in memory and an
 * endpoint the test answers ({@link TestLane}). After every test the lane has stopped, acknowledged every record of
 * every poll exactly once, never polled with a record of the last poll unacknowledged, accepted no line before its
 * result was stored, and closed its consumer. The lane's waits (lock renewals, the re-check of waiting lines, the
 * grace of a stopping lane) are measured on a time the test moves ({@link TestTime}). The same lanes against a real
 * broker and PostgreSQL: the WorkerStack tests ({@code CancelAndExpiryTest}, {@code LaneSupervisionTest}, ...).
 */
@Timeout(60)
class LineConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    /** How far the lane's time moves at each look at a condition that needs time to pass. */
    static final Duration STEP = Duration.ofMillis(250);

    private TestLane lane;
    /** Lines the lane accepted while their result was not stored. */
    private final List<String> acceptedUnwritten = new CopyOnWriteArrayList<>();

    private TestLane lane(HeldEndpoint endpoint, int concurrency, Integer acquisitionLockMs) {
        TestLane built = new TestLane(endpoint, concurrency, acquisitionLockMs);
        built.consumer.onAcknowledge((record, type) -> {
            if (type == ACCEPT && record.value().readable()) {
                LineTask task = record.value().value();
                if (built.rows.result(task.batchId(), task.customId()) == null) {
                    acceptedUnwritten.add(task.customId());
                }
            }
        });
        lane = built;
        return built;
    }

    @AfterEach
    void theLaneKeptTheRulesOfExplicitAcknowledgement() throws InterruptedException {
        if (lane == null) {
            return;
        }
        lane.close();
        assertThat(lane.stopped()).as("the lane's thread ended").isTrue();
        assertThat(lane.consumer.violations()).isEmpty();
        assertThat(lane.consumer.unacknowledged()).as("records of the last poll left unacknowledged").isEmpty();
        assertThat(acceptedUnwritten).as("lines accepted before their result was stored").isEmpty();
        assertThat(lane.consumer.closed()).isTrue();
    }

    private List<AcknowledgeType> acks(ConsumerRecord<String, Decoded<LineTask>> record) {
        return lane.consumer.acksOf(record);
    }

    private void awaitAcks(ConsumerRecord<String, Decoded<LineTask>> record, AcknowledgeType... types) {
        await().atMost(WAIT).until(() -> acks(record), List.of(types)::equals);
    }

    /**
     * Waits for {@code condition} while the lane's time passes, {@link #STEP} at each look (ten times faster than
     * real time): for what the lane does only after a while, such as renewing locks or reading a batch again.
     */
    private void awaitAsTimePasses(Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(25)).until(() -> {
            lane.time.advance(STEP);
            return condition.call();
        });
    }

    @Test
    void everyLineIsAcceptedOnceItsResultIsStoredAndItsResultPublished() {
        TestLane lane = lane(HeldEndpoint.answering(), 4, null);

        List<ConsumerRecord<String, Decoded<LineTask>>> records = lane.offer(
                lane.lineRecord("batch_1", "a", "m"), lane.lineRecord("batch_1", "b", "m"),
                lane.lineRecord("batch_2", "c", "m"));

        records.forEach(record -> awaitAcks(record, ACCEPT));
        assertThat(lane.endpoint.calls).hasValue(3);
        LineRecord stored = lane.rows.result("batch_1", "a");
        assertThat(stored.status()).isEqualTo("completed");
        assertThat(stored.promptTokens()).isEqualTo(3);
        assertThat(lane.publishedLines()).isEqualTo(Map.of("batch_1", 2, "batch_2", 1));
        assertThat(lane.sentTo(TestLane.TOPICS.results())).extracting(ProducerRecord::key)
                .containsExactlyElementsOf(lane.published().stream().map(RecordedLines::batchId).toList());
    }

    @Test
    void linesOfALaneThatFinishTogetherAreRecordedWithOneWrite() {
        TestLane lane = lane(HeldEndpoint.held(), 4, null);
        List<ConsumerRecord<String, Decoded<LineTask>>> records = lane.offer(
                lane.lineRecord("batch_1", "a", "m"), lane.lineRecord("batch_1", "b", "m"),
                lane.lineRecord("batch_1", "c", "m"), lane.lineRecord("batch_1", "d", "m"));
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 4);

        lane.endpoint.answer(3);
        await().atMost(WAIT).until(() -> lane.endpoint.answered.get() == 3);
        await("answered results wait for the line still running").during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(3)).until(() -> lane.rows.writes() == 0);
        lane.endpoint.answer(1);

        records.forEach(record -> awaitAcks(record, ACCEPT));
        assertThat(lane.rows.writes()).as("one statement for the four results").isEqualTo(1);
        assertThat(lane.published()).as("one count for the four lines")
                .containsExactly(new RecordedLines("batch_1", 4, 0, 12, 16));
    }

    @Test
    void aResultAlsoWaitsForTheLinesOfItsLaneThatWaitForASlot() {
        TestLane lane = lane(HeldEndpoint.held(), 1, null);
        var first = lane.lineRecord("batch_1", "a", "m");
        var second = lane.lineRecord("batch_1", "b", "m");
        lane.offer(first, second);
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 1);

        lane.endpoint.answer(1);
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 2);
        lane.endpoint.answer(1);

        awaitAcks(first, ACCEPT);
        awaitAcks(second, ACCEPT);
        assertThat(lane.rows.writes()).as("one statement for both results").isEqualTo(1);
    }

    @Test
    void aResultWaitsForTheLanesOtherRunningLinesNoLongerThanAMoment() {
        TestLane lane = lane(HeldEndpoint.held(), 2, null);
        var first = lane.lineRecord("batch_1", "a", "m");
        var second = lane.lineRecord("batch_1", "b", "m");
        lane.offer(first, second);
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 2);
        lane.endpoint.answer(1);
        await().atMost(WAIT).until(() -> lane.endpoint.answered.get() == 1);
        long answeredAt = lane.time.nanoTime();

        awaitAsTimePasses(() -> lane.rows.writes() == 1);
        assertThat(lane.time.since(answeredAt)).isLessThanOrEqualTo(
                Duration.ofNanos(LineConsumer.WRITE_GATHER_NANOS).plus(STEP.multipliedBy(2)));
        assertThat(lane.endpoint.answered).as("written while the other line still runs").hasValue(1);
        lane.endpoint.answer(1);
        awaitAcks(first, ACCEPT);
        awaitAcks(second, ACCEPT);
    }

    @Test
    void aLineWhoseEndpointHasNoFreeSlotWaitsAndStartsWhenTheLineBeforeItFreesTheSlot() {
        TestLane lane = lane(HeldEndpoint.held(), 1, null);
        var first = lane.lineRecord("batch_1", "a", "m");
        var second = lane.lineRecord("batch_1", "b", "m");
        lane.offer(first, second);

        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> lane.endpoint.calls.get() == 1);
        lane.endpoint.answer(1);
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 2);
        lane.endpoint.answer(1);

        awaitAcks(first, ACCEPT);
        awaitAcks(second, ACCEPT);
        assertThat(lane.consumer.pollsOf(second)).as("both came with one poll")
                .isEqualTo(lane.consumer.pollsOf(first));
    }

    @Test
    void aLineCutShortForInteractiveRequestsWaitsForASlotAgainAndRunsOnceItHasOne() {
        TestLane lane = lane(HeldEndpoint.heldAsync(), 2, null);
        var first = lane.lineRecord("batch_1", "a", "m");
        var second = lane.lineRecord("batch_1", "b", "m");
        lane.offer(first, second);
        await().atMost(WAIT).until(() -> lane.gate().callsUnderWay() == 2);

        // The scheduler leaves this worker one call of the endpoint, to make room for interactive requests.
        assertThat(lane.endpoints.follow(Map.of("c-f-m", 1), Map.of("c-f-m", 1))).isEqualTo(1);

        await().atMost(WAIT).until(() -> lane.endpoint.aborted.get() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> lane.endpoint.calls.get() == 2);
        assertThat(acks(first)).as("neither released").doesNotContain(RELEASE);
        assertThat(acks(second)).as("held: the line cut short has no result yet").doesNotContain(RELEASE);
        lane.endpoint.answer(1);
        await("the slot freed by the line that ran on goes to the one cut short").atMost(WAIT)
                .until(() -> lane.endpoint.calls.get() == 3);
        lane.endpoint.answer(1);

        awaitAcks(first, ACCEPT);
        awaitAcks(second, ACCEPT);
        assertThat(List.of(lane.rows.result("batch_1", "a").status(), lane.rows.result("batch_1", "b").status()))
                .containsOnly("completed");
        assertThat(lane.publishedLines()).isEqualTo(Map.of("batch_1", 2));
    }

    @Test
    void aLineWaitingForASlotTakenByAnotherLaneStartsWhenThatLaneFreesIt() {
        TestLane lane = lane(HeldEndpoint.answering(), 1, null);
        EndpointGate gate = lane.gate();
        assertThat(gate.tryStart()).as("another lane's line takes the only slot").isTrue();

        var record = lane.line("batch_1", "a");
        await().atMost(WAIT).until(() -> lane.rows.checks() >= 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> lane.endpoint.calls.get() == 0);
        gate.release();

        awaitAcks(record, ACCEPT);
        assertThat(lane.endpoint.calls).hasValue(1);
    }

    @Test
    void aLineOfACancelledBatchIsNotRunAndIsWrittenAsBatchCancelled() {
        TestLane lane = lane(HeldEndpoint.answering(), 4, null);
        lane.rows.batch("batch_1", BatchState.CANCELLING);

        var record = lane.line("batch_1", "a");

        awaitAcks(record, ACCEPT);
        assertThat(lane.endpoint.calls).hasValue(0);
        assertThat(lane.rows.result("batch_1", "a").errorCode()).isEqualTo("batch_cancelled");
        assertThat(lane.published()).containsExactly(new RecordedLines("batch_1", 0, 1, 0, 0));
    }

    @Test
    void aLineWaitingForASlotIsNotStartedOnceItsBatchIsCancelled() {
        TestLane lane = lane(HeldEndpoint.answering(), 1, null);
        EndpointGate gate = lane.gate();
        assertThat(gate.tryStart()).isTrue();
        var record = lane.line("batch_1", "a");
        await().atMost(WAIT).until(() -> lane.rows.checks() >= 1);

        lane.rows.batch("batch_1", BatchState.CANCELLING);

        // A waiting line's batch is read again after a second of the lane's time.
        awaitAsTimePasses(() -> acks(record).equals(List.of(ACCEPT)));
        assertThat(lane.rows.result("batch_1", "a").errorCode()).isEqualTo("batch_cancelled");
        gate.release();
        assertThat(lane.endpoint.calls).hasValue(0);
    }

    @Test
    void aLaneWhoseWaitingLineEndedWithoutRunningLeavesTheFreedSlotToALaneThatStillWaits() {
        TestLane lane = lane(HeldEndpoint.answering(), 1, null);
        EndpointGate gate = lane.gate();
        assertThat(gate.tryStart()).as("another lane's line takes the only slot").isTrue();
        var record = lane.line("batch_1", "a");
        await().atMost(WAIT).until(() -> lane.rows.checks() >= 1);
        lane.rows.batch("batch_1", BatchState.CANCELLING);
        awaitAsTimePasses(() -> acks(record).equals(List.of(ACCEPT)));

        AtomicInteger otherLane = new AtomicInteger();
        gate.notifyWhenFree(otherLane::incrementAndGet);
        gate.release();

        // Woken instead, this lane would take nothing, and the slot would stay idle until the next release.
        assertThat(otherLane).as("the lane still waiting for a slot is woken for it").hasValue(1);
        assertThat(lane.endpoint.calls).hasValue(0);
    }

    @Test
    void aLineForAModelNoEndpointServesIsWrittenAsModelNotFound() {
        TestLane lane = lane(HeldEndpoint.answering(), 4, null);

        var record = lane.offer(lane.lineRecord("batch_1", "a", "gone")).getFirst();

        awaitAcks(record, ACCEPT);
        assertThat(lane.rows.result("batch_1", "a").errorCode()).isEqualTo("model_not_found");
    }

    @Test
    void anUnreadableRecordIsSetAsideInTheDeadLetterTopicAndRejectedWithoutHoldingUpTheLine() {
        TestLane lane = lane(HeldEndpoint.answering(), 4, null);
        var unreadable = lane.record("some-key", TestLane.bytes("not a line"));
        var line = lane.lineRecord("batch_1", "a", "m");

        lane.offer(unreadable, line);

        awaitAcks(unreadable, REJECT);
        awaitAcks(line, ACCEPT);
        assertThat(lane.sentTo(TestLane.TOPICS.lineDeadLetters())).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo("some-key");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not a line");
            assertThat(new String(dead.headers().lastHeader(DeadLetters.SOURCE_OFFSET).value(),
                    StandardCharsets.UTF_8)).isEqualTo(Long.toString(unreadable.offset()));
        });
    }

    @Test
    void anUnreadableRecordTheDeadLetterTopicDoesNotTakeIsReleasedToComeBack() {
        TestLane lane = lane(HeldEndpoint.answering(), 4, null);
        lane.producer.sendException = new KafkaException("the dead-letter topic is away");

        var unreadable = lane.offer(lane.record("k", TestLane.bytes("{\"batch_id\":\"b\"}"))).getFirst();

        awaitAcks(unreadable, RELEASE);
        assertThat(lane.sentTo(TestLane.TOPICS.lineDeadLetters())).isEmpty();
    }

    @Test
    void aLineRunningPastItsLockRenewalIsRenewedWithEveryPollAndAcceptedWhenItsAnswerIsStored() {
        // A lock of 3 s: the lane renews every second.
        TestLane lane = lane(HeldEndpoint.held(), 4, 3_000);
        var a = lane.lineRecord("batch_1", "a", "m");
        var b = lane.lineRecord("batch_1", "b", "m");
        lane.offer(a, b);
        lane.endpoint.answer(1);

        awaitAsTimePasses(() -> acks(a).contains(ACCEPT) || acks(b).contains(ACCEPT));
        var quick = acks(a).contains(ACCEPT) ? a : b;
        var slow = quick == a ? b : a;
        awaitAsTimePasses(() -> acks(slow).size() >= 3);
        lane.endpoint.answer(1);
        awaitAsTimePasses(() -> acks(slow).contains(ACCEPT));

        assertThat(acks(quick)).containsExactly(ACCEPT);
        List<AcknowledgeType> slowAcks = acks(slow);
        assertThat(slowAcks.subList(0, slowAcks.size() - 1)).containsOnly(RENEW);
        assertThat(slowAcks.getLast()).isEqualTo(ACCEPT);
        List<Integer> polls = lane.consumer.pollsOf(slow);
        assertThat(polls).as("delivered again by each poll after a RENEW, acknowledged once in each")
                .isEqualTo(java.util.stream.IntStream.range(polls.getFirst(), polls.getFirst() + polls.size())
                        .boxed().toList());
        assertThat(lane.endpoint.calls).as("a renewed line is not run again").hasValue(2);
    }

    @Test
    void whileTheDatabaseIsAwayALineWaitsWithItsLockRenewedAndRunsWhenItIsBack() {
        TestLane lane = lane(HeldEndpoint.answering(), 4, 3_000);
        lane.rows.failWith(new IllegalStateException("PostgreSQL is away"));

        var record = lane.line("batch_1", "a");
        awaitAsTimePasses(() -> acks(record).size() >= 2);
        assertThat(acks(record)).containsOnly(RENEW);
        assertThat(lane.endpoint.calls).hasValue(0);
        lane.rows.failWith(null);

        awaitAsTimePasses(() -> acks(record).contains(ACCEPT));
        assertThat(lane.endpoint.calls).hasValue(1);
    }

    @Test
    void aResultWhoseWriteFailsIsRenewedNotAcceptedUntilItIsStored() {
        TestLane lane = lane(HeldEndpoint.held(), 4, 3_000);
        var record = lane.line("batch_1", "a");
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 1);
        lane.rows.failWith(new IllegalStateException("PostgreSQL is away"));
        lane.endpoint.answer(1);

        awaitAsTimePasses(() -> lane.endpoint.answered.get() == 1 && acks(record).size() >= 2);
        assertThat(acks(record)).containsOnly(RENEW);
        lane.rows.failWith(null);

        awaitAsTimePasses(() -> acks(record).contains(ACCEPT));
        assertThat(lane.rows.result("batch_1", "a").status()).isEqualTo("completed");
        assertThat(lane.endpoint.calls).hasValue(1);
    }

    @Test
    void anIdleLaneStopsAtOnce() {
        TestLane lane = lane(HeldEndpoint.answering(), 4, null);
        await().atMost(WAIT).until(() -> lane.consumer.polls() >= 1);

        long start = System.nanoTime();
        lane.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(lane.consumer.closed()).isTrue();
    }

    @Test
    void aLaneAskedToStopLetsItsRunningLineFinishAndAcceptsIt() {
        // No lock known: the lane's next renewal is 10 s away, and the stop must not wait for it.
        TestLane lane = lane(HeldEndpoint.held(), 4, null);
        var record = lane.line("batch_1", "a");
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 1);

        long start = System.nanoTime();
        lane.lane.stop();
        lane.endpoint.answer(1);
        lane.lane.awaitStopped();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(acks(record)).containsExactly(ACCEPT);
        assertThat(lane.rows.result("batch_1", "a").status()).isEqualTo("completed");
    }

    @Test
    void aLaneAskedToStopReturnsWithinItsGraceAndReleasesTheLineStillRunning() {
        TestLane lane = lane(HeldEndpoint.held(), 4, null);
        var record = lane.line("batch_1", "a");
        await().atMost(WAIT).until(() -> lane.endpoint.calls.get() == 1);

        long start = lane.time.nanoTime();
        long startReal = System.nanoTime();
        lane.lane.stop();
        awaitAsTimePasses(lane::stopped);

        Duration took = lane.time.since(start);
        assertThat(took).as("the lane's time from stop() to its end").isBetween(LineConsumer.CLOSE_GRACE,
                LineConsumer.CLOSE_GRACE.plusSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - startReal)).as("real time").isLessThan(LineConsumer.CLOSE_GRACE);
        assertThat(acks(record)).containsExactly(RELEASE);
        assertThat(lane.rows.result("batch_1", "a")).isNull();
    }
}
