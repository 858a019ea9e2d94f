package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.embedded.EmbeddedPostgres;
import io.inferencegateway.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL stopped and started again mid-batch: results wait in memory, then the batch completes, every line once. */
class DatabaseRestartTest {

    static final String MODEL = "sim-paced";
    static final int LINES = 2_000;
    static WorkerStack stack;
    static BatchWorker worker;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        worker = stack.startWorker("through-outage");
    }

    @AfterAll
    static void stop() {
        TestServers.embeddedPostgres().ifPresent(EmbeddedPostgres::start);
        stack.close();
    }

    @Test
    void aBatchSurvivesADatabaseRestart() {
        EmbeddedPostgres postgres = TestServers.embeddedPostgres().orElseThrow(
                () -> new IllegalStateException("This test restarts the embedded PostgreSQL; the tests use another"));
        String id = stack.createBatch(MODEL, WorkerStack.chatLines(MODEL, LINES));
        stack.submit(id);
        await().atMost(Duration.ofSeconds(90)).until(() -> stack.finished(id) >= 200);

        postgres.stop();
        try {
            // Nothing can be recorded now: wait until the worker's count of recorded lines stops moving.
            AtomicLong last = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> last.getAndSet(recorded()) == recorded());
        } finally {
            postgres.start();
        }

        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(180));
        ExactlyOnce.assertEveryLineOnce(stack, batch, LINES);
        assertThat(recorded()).isEqualTo(LINES);
    }

    private static long recorded() {
        return (long) worker.metrics().registry().find("batch_worker_lines_total").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
