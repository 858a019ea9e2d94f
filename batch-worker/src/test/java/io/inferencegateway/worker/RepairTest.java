package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An accepted batch is never lost, whichever side of the gateway's two writes it died on. */
class RepairTest {

    static WorkerStack stack;
    static String submittedEarly;
    static String neverSubmitted;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        // The gateway accepted both, then died: one after publishing its submission, one before.
        submittedEarly = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 50));
        stack.submit(submittedEarly);
        neverSubmitted = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", 50));
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
}
