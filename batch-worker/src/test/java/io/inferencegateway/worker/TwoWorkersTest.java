package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workers share one batch's lines through the share group: a second worker takes part of the work. */
class TwoWorkersTest {

    static final String MODEL = "sim-paced";
    static final int LINES = 1_500;
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
    void twoWorkersSplitOneBatch() {
        stack.startWorker("one");
        String alone = runBatch();

        stack.startWorker("two");
        String shared = runBatch();

        Map<String, Integer> byWorker = stack.finishedByWorker(shared);
        System.out.printf("FIGURE %s (20 ms latency, 8 lines at once per worker and endpoint): one worker %.0f "
                + "lines/s, two workers %.0f lines/s; lines per worker %s%n", MODEL, stack.linesPerSecond(alone),
                stack.linesPerSecond(shared), byWorker);
        assertThat(byWorker.get("one")).as("first worker's share").isPositive();
        assertThat(byWorker.get("two")).as("second worker's share").isPositive();
    }

    private static String runBatch() {
        String id = stack.createBatch(MODEL, WorkerStack.chatLines(MODEL, LINES));
        stack.submit(id);
        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(120));
        ExactlyOnce.assertEveryLineOnce(stack, batch, LINES);
        return id;
    }
}
