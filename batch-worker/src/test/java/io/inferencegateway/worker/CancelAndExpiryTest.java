package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancelled and expired batches end with partial results, and every line accounted for in one of the files. */
class CancelAndExpiryTest {

    static final String MODEL = "sim-paced";
    static final String SLOW = "sim-slow";
    static WorkerStack stack;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        stack.startWorker("cancel");
    }

    @AfterAll
    static void stop() {
        stack.close();
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
        // Two slots and 1.5 s per line: when the first two lines are done, the next two are running.
        String id = stack.createBatch(SLOW, WorkerStack.chatLines(SLOW, 40));
        stack.submit(id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> stack.finished(id) >= 2);

        assertThat(stack.batches.transition(id, java.util.Set.of(BatchState.IN_PROGRESS), BatchState.CANCELLING))
                .isTrue();
        int finishedAtCancel = stack.finished(id);

        Batch batch = stack.awaitState(id, BatchState.CANCELLED, Duration.ofSeconds(60));
        List<JsonNode> output = stack.fileLines(batch.outputFileId());
        assertThat(output).allSatisfy(line -> assertThat(line.at("/response/status_code").asInt()).isEqualTo(200));
        assertThat(output.size()).as("answers: the %d lines done at the cancel, and those running then (2 slots)",
                finishedAtCancel).isBetween(finishedAtCancel + 1, finishedAtCancel + 2);
        List<JsonNode> errors = stack.fileLines(batch.errorFileId());
        assertThat(errors).allSatisfy(line ->
                assertThat(line.at("/error/code").asText()).isEqualTo("batch_cancelled"));
        assertThat(output.size() + errors.size()).isEqualTo(40);
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
