package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.worker.store.LineRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An accepted batch is never lost, whichever side of the gateway's two writes it died on. */
class RepairTest {

    static WorkerStack stack;
    static String submittedEarly;
    static String neverSubmitted;
    static String diedWhilePublishing;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        // The gateway accepted both, then died: one after publishing its submission, one before.
        submittedEarly = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 50));
        stack.submit(submittedEarly);
        neverSubmitted = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 50));
        // A worker validated this one, stored its lines and moved it to in_progress, then died before publishing them.
        diedWhilePublishing = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 50));
        List<LineRows.LineKey> keys = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            keys.add(new LineRows.LineKey("req-" + i, i, null, null));
        }
        new LineRows(stack.database.dataSource()).insert(diedWhilePublishing, keys);
        stack.batches.setRequestTotal(diedWhilePublishing, 50);
        stack.batches.transition(diedWhilePublishing, Set.of(BatchState.VALIDATING), BatchState.IN_PROGRESS);
        stack.submit(diedWhilePublishing);
        // Only now does a worker start.
        stack.startWorker("repair");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aSubmissionPublishedBeforeAnyWorkerRanIsProcessed() {
        Batch batch = stack.awaitState(submittedEarly, BatchState.COMPLETED, Duration.ofSeconds(60));
        assertThat(batch.requestCounts().completed()).isEqualTo(50);
    }

    @Test
    void aBatchWhoseSubmissionWasNeverPublishedIsRepairedByTheSweeper() {
        Batch batch = stack.awaitState(neverSubmitted, BatchState.COMPLETED, Duration.ofSeconds(60));
        assertThat(batch.requestCounts().completed()).isEqualTo(50);
        assertThat(stack.fileLines(batch.outputFileId())).hasSize(50);
    }

    @Test
    void aBatchInProgressWhoseLinesWereNeverPublishedGetsThemPublished() {
        Batch batch = stack.awaitState(diedWhilePublishing, BatchState.COMPLETED, Duration.ofSeconds(60));
        ExactlyOnce.assertEveryLineOnce(stack, batch, 50);
    }
}
