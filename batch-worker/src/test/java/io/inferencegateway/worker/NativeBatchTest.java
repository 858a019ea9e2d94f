package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch whose adaptor runs batches itself is handed over whole and polled in the background until it is done:
 * nobody asks the API about it here (FIRST only refreshed a native batch when someone did).
 */
class NativeBatchTest {

    static WorkerStack stack;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        stack.startWorker("native-a");
        // A second poller must not double the polls: each batch is leased for one interval.
        stack.startWorker("native-b");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aNativeBatchCompletesWithoutAnyoneAsking() {
        String id = stack.createBatch("native-model", WorkerStack.chatLines("native-model", 3));
        stack.submit(id);

        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(60));

        assertThat(batch.nativeBatch().batchId()).isEqualTo("native-" + id);
        assertThat(batch.nativeBatch().taskIds()).containsExactly("task-1", "task-2");
        assertThat(batch.nativeBatch().status()).isEqualTo("completed");
        assertThat(batch.nativeBatch().result()).contains("results_file");
        assertThat(batch.times().inProgressAt()).isNotNull();
        assertThat(batch.times().completedAt()).isNotNull();
        assertThat(CountdownBatchEndpoint.POLLS.get(id)).hasValue(3);
        assertThat(stack.finishedByWorker(id)).isEmpty();
        assertThat(List.of(batch.outputFileId() == null, batch.errorFileId() == null)).containsOnly(true);
    }
}
