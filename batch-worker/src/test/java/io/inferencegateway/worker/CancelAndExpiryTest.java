package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.worker.store.DispatchRows;
import io.inferencegateway.worker.store.FinalizeRows;
import io.inferencegateway.worker.store.LineRows;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancelled and expired batches end with partial results, and every line accounted for in one of the files. */
class CancelAndExpiryTest {

    static final String MODEL = "sim-paced";
    static final String SLOW = "sim-slow";
    static final String DOWN = "sim-down";
    static WorkerStack stack;
    static BatchWorker worker;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        worker = stack.startWorker("cancel");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Cancels and expiry end lines in every state a lane holds them: none of that may cost the worker a lane. */
    @AfterEach
    void noLaneFailed() {
        double restarts = worker.metrics().registry().find("batch_worker_lane_restarts_total").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertThat(restarts).as("lanes that failed and were restarted").isZero();
        assertThat(worker.laneProblems()).isEmpty();
    }

    @Test
    void cancellingMidBatchKeepsWhatRanAndCancelsTheRest() {
        String id = stack.createBatch(MODEL, WorkerStack.chatLines(MODEL, 2_000));
        stack.submit(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.finished(id) >= 100);

        // What POST /v1/batches/{id}/cancel does.
        assertThat(stack.batches.transition(id, java.util.Set.of(BatchState.IN_PROGRESS), BatchState.CANCELLING))
                .isTrue();

        Batch batch = stack.awaitState(id, BatchState.CANCELLED, Duration.ofSeconds(60));
        assertAccountedFor(batch, "batch_cancelled");
        assertThat(batch.times().cancelledAt()).isNotNull();
    }

    @Test
    void cancellingLetsTheRunningLinesFinishKeepsTheirAnswersAndStartsNoOther() {
        // Two slots and 3 s per line: when the first two answers are in, the next two lines are running, and the
        // lines waiting for a slot are checked again (every second) well before a slot frees up.
        String id = stack.createBatch(SLOW, WorkerStack.chatLines(SLOW, 40));
        stack.submit(id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> stack.answered(id) >= 2);
        int answeredBefore = stack.answered(id);

        assertThat(stack.batches.transition(id, java.util.Set.of(BatchState.IN_PROGRESS), BatchState.CANCELLING))
                .isTrue();
        int answeredAtCancel = stack.answered(id);

        Batch batch = stack.awaitState(id, BatchState.CANCELLED, Duration.ofSeconds(60));
        List<JsonNode> output = stack.fileLines(batch.outputFileId());
        assertThat(output).allSatisfy(line -> assertThat(line.at("/response/status_code").asInt()).isEqualTo(200));
        assertThat(output.size()).as("answers: those in before the cancel, and those of the (2) lines running then")
                .isBetween(answeredBefore + 1, answeredAtCancel + 2);
        List<JsonNode> errors = stack.fileLines(batch.errorFileId());
        assertThat(errors).allSatisfy(line ->
                assertThat(line.at("/error/code").asText()).isEqualTo("batch_cancelled"));
        assertThat(output.size() + errors.size()).isEqualTo(40);
    }

    @Test
    void aCancelledBatchWhoseEndpointIsDownEndsWithoutWaitingOutTheOutage() {
        // Every call is refused as unreachable: the lines that started wait for the endpoint to come back.
        String id = stack.createBatch(DOWN, WorkerStack.chatLines(DOWN, 20));
        stack.submit(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> worker.metrics().registry()
                .find("batch_worker_retries_total").counters().stream()
                .filter(c -> c.getId().getTag("endpoint").contains(DOWN)).mapToDouble(c -> c.count()).sum() >= 5);

        assertThat(stack.batches.transition(id, Set.of(BatchState.IN_PROGRESS), BatchState.CANCELLING)).isTrue();

        // Well within the grace (20 s here), which is all an outage could otherwise be waited out for.
        Batch batch = stack.awaitState(id, BatchState.CANCELLED, Duration.ofSeconds(12));
        assertThat(batch.outputFileId()).isNull();
        List<JsonNode> errors = stack.fileLines(batch.errorFileId());
        assertThat(errors).hasSize(20).allSatisfy(line ->
                assertThat(line.at("/error/code").asText()).isEqualTo("batch_cancelled"));
    }

    @Test
    void aBatchCancelledWhileValidatingIsCancelledAtOnceAndOneWhoseLinesNeverRunAfterItsGrace() {
        // Cancelled while its lines were being stored, so never in progress: nothing of it can be running, and the
        // worker need not wait for its grace (20 s here).
        LineRows lines = new LineRows(stack.database.dataSource());
        String validating = stack.createBatch(SLOW, WorkerStack.chatLines(SLOW, 3));
        lines.insert(validating, List.of(new LineRows.LineKey("a", 1, null, null), new LineRows.LineKey("b", 2, null, null)));
        assertThat(stack.batches.transition(validating, Set.of(BatchState.VALIDATING), BatchState.CANCELLING)).isTrue();
        stack.awaitState(validating, BatchState.CANCELLED, Duration.ofSeconds(10));

        FinalizeRows rows = new FinalizeRows(stack.database.dataSource());
        Duration lease = Duration.ofSeconds(30);

        // In progress with pending lines the scheduler sent but no worker will ever see (their records were lost).
        String stranded = stack.createBatch(SLOW, WorkerStack.chatLines(SLOW, 3));
        lines.insert(stranded, List.of(new LineRows.LineKey("a", 1, null, null), new LineRows.LineKey("b", 2, null, null)));
        assertThat(new DispatchRows(stack.database.dataSource()).advance(stranded, 0, 2)).isTrue();
        assertThat(stack.batches.transition(stranded, Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS)).isTrue();
        assertThat(stack.batches.transition(stranded, Set.of(BatchState.IN_PROGRESS), BatchState.CANCELLING)).isTrue();
        assertThat(rows.claim(stranded, lease, Duration.ofHours(1))).as("within its grace").isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> rows.claim(stranded, lease, Duration.ofMillis(1))
                .map(FinalizeRows.Claim::target).equals(Optional.of(BatchState.CANCELLED)));
        rows.release(stranded);
    }

    @Test
    void aBatchPastItsWindowExpiresWithPartialResults() {
        String id = stack.createBatch(MODEL, WorkerStack.chatLines(MODEL, 2_000), Duration.ofSeconds(4));
        stack.submit(id);

        Batch batch = stack.awaitState(id, BatchState.EXPIRED, Duration.ofSeconds(60));
        assertAccountedFor(batch, "batch_expired");
        assertThat(batch.times().expiredAt()).isNotNull();
    }

    private static void assertAccountedFor(Batch batch, String unfinishedCode) {
        List<JsonNode> output = stack.fileLines(batch.outputFileId());
        List<JsonNode> errors = stack.fileLines(batch.errorFileId());
        Set<String> seen = new HashSet<>();
        output.forEach(line -> assertThat(seen.add(line.path("custom_id").asText())).isTrue());
        errors.forEach(line -> {
            assertThat(seen.add(line.path("custom_id").asText())).isTrue();
            assertThat(line.path("response").isNull()).as(line.toString()).isTrue();
            assertThat(line.path("error").path("code").asText()).isEqualTo(unfinishedCode);
        });
        assertThat(seen).hasSize(2_000);
        assertThat(output).as("partial results").isNotEmpty();
        assertThat(errors).as("unfinished lines").isNotEmpty();
        assertThat(batch.requestCounts()).isEqualTo(new Batch.RequestCounts(2_000, output.size(), errors.size()));
    }
}
