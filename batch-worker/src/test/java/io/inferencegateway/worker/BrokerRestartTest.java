package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.embedded.EmbeddedKafka;
import io.inferencegateway.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka broker stopped and started again mid-batch: the batch waits, then completes with every line once. */
class BrokerRestartTest {

    static final String MODEL = "sim-paced";
    static final int LINES = 2_000;
    static WorkerStack stack;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        stack.startWorker("through-outage");
    }

    @AfterAll
    static void stop() {
        TestServers.embeddedKafka().ifPresent(EmbeddedKafka::start);
        stack.close();
    }

    @Test
    void aBatchSurvivesABrokerRestart() {
        EmbeddedKafka kafka = TestServers.embeddedKafka().orElseThrow(
                () -> new IllegalStateException("This test restarts the embedded broker; the tests use another Kafka"));
        String id = stack.createBatch(MODEL, WorkerStack.chatLines(MODEL, LINES));
        stack.submit(id);
        await().atMost(Duration.ofSeconds(90)).until(() -> stack.finished(id) >= 200);

        kafka.stop();
        try {
            // Without the broker no new line reaches the worker: wait until it has finished what it held.
            AtomicInteger last = new AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> last.getAndSet(stack.finished(id)) == stack.finished(id));
            assertThat(stack.finished(id)).isLessThan(LINES);
        } finally {
            kafka.start();
        }

        Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofSeconds(180));
        ExactlyOnce.assertEveryLineOnce(stack, batch, LINES);
    }
}
