package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A worker process killed with SIGKILL mid-batch delays the batch; the next worker completes it, every line once. */
class WorkerKillTest {

    static final String MODEL = "sim-paced";
    static final int LINES = 3_000;
    static WorkerStack stack;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aBatchSurvivesItsWorkerBeingKilled() throws Exception {
        String id = stack.createBatch(MODEL, WorkerStack.chatLines(MODEL, LINES));
        try (ChildWorker first = ChildWorker.start(stack, "doomed")) {
            stack.submit(id);
            await().atMost(Duration.ofSeconds(90)).until(() -> stack.finished(id) >= 300);
            first.kill();
        }
        int doneAtKill = stack.finished(id);
        assertThat(doneAtKill).as("killed mid-batch").isBetween(300, LINES - 1);

        try (ChildWorker second = ChildWorker.start(stack, "successor")) {
            Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(120));
            ExactlyOnce.assertEveryLineOnce(stack, batch, LINES);
            assertThat(stack.finishedByWorker(id)).containsKeys("doomed", "successor");
        }
    }
}
