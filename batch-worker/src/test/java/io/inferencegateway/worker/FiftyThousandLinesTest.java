package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenAI's largest batch, 50,000 lines, on a zero-latency model, through one worker in a JVM of its own. */
class FiftyThousandLinesTest {

    static final int LINES = Integer.getInteger("worker.test.lines", 50_000);
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
    void fiftyThousandLinesCompleteWithEveryLineInTheOutput() throws Exception {
        try (ChildWorker worker = ChildWorker.start(stack, "big", "-Xmx192m")) {
            String id = stack.createBatch("sim-zero", WorkerStack.chatLines("sim-zero", LINES));
            long started = System.nanoTime();
            stack.submit(id);

            Batch batch = stack.awaitState(id, BatchState.COMPLETED, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - started) / 1e9;
            long rss = worker.peakRssKib().orElse(-1L);
            long heap = worker.stopAndReportPeakHeap().orElse(-1L);
            System.out.printf("FIGURE %d lines: %.1f s from submission to completed, %.0f lines/s; worker peak heap "
                    + "%d MiB, peak RSS %d MiB (-Xmx192m)%n", LINES, seconds, LINES / seconds, heap >> 20, rss >> 10);

            Set<String> ids = new HashSet<>();
            stack.fileLines(batch.outputFileId()).forEach(line -> ids.add(line.path("custom_id").asText()));
            assertThat(ids).hasSize(LINES);
            assertThat(batch.errorFileId()).isNull();
            assertThat(batch.requestCounts()).isEqualTo(new Batch.RequestCounts(LINES, LINES, 0));
        }
    }
}
