package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.files.FileLimits;
import io.inferencegateway.worker.submit.SubmissionFailures;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One user's submission never stops the others' (issue 14): a one-line input of a gigabyte fails its own batch as
 * soon as the line passes the limit, and a submission that throws every time it is handled ends with its batch
 * failed; in both cases the next user's batch, queued behind it on the same partition, completes, and the
 * submissions thread lives on.
 */
@Timeout(300)
class SubmissionIsolationTest {

    static WorkerStack stack;
    static BatchWorker worker;

    @BeforeAll
    static void start() {
        stack = WorkerStack.create();
        worker = stack.startWorker("isolation");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aGigabyteLineWithoutNewlineFailsItsBatchAtTheLimitAndTheNextBatchCompletes() throws IOException {
        Path input = stack.userDirectory("user-a").resolve("one-line.jsonl");
        long size = writeOneLine(input, 1L << 30);
        String big = stack.createFirstBatch(BatchIds.newId(), "user-a", "sim-zero", input, null);
        String next = stack.createBatch(stack.idOnSamePartitionAs(big), "user-b", "sim-zero",
                WorkerStack.chatLines("sim-zero", 10), Duration.ofHours(24));
        long heapBefore = resetPeakHeap();
        long started = System.nanoTime();

        stack.submit(big);
        stack.submit(next);

        Batch failed = stack.awaitState(big, BatchState.FAILED, Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(failed.errors()).extracting(BatchError::code, BatchError::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("line_too_long", 1));
        assertThat(failed.errors().get(0).message()).contains(String.format(Locale.ROOT,
                "Line 1 is longer than %,d bytes", FileLimits.MAX_LINE_BYTES));
        stack.awaitState(next, BatchState.COMPLETED, Duration.ofSeconds(60));
        System.out.printf("FIGURE one-line input of %,d bytes: failed %.2f s after submit; heap peak %,d MiB "
                + "(%,d MiB before)%n", size, seconds, peakHeap() >> 20, heapBefore >> 20);
        assertThat(seconds).as("rejected at the limit, not after reading the whole line").isLessThan(30);
        assertLanesIntact();
        Files.delete(input);
    }

    @Test
    void aSubmissionThatFailsEveryTimeEndsWithItsBatchFailedAndTheNextBatchCompletes() {
        String poison = stack.createBatch(BatchIds.newId(), "user-c", "exploding-model",
                WorkerStack.chatLines("exploding-model", 1), Duration.ofHours(24));
        String next = stack.createBatch(stack.idOnSamePartitionAs(poison), "user-d", "sim-zero",
                WorkerStack.chatLines("sim-zero", 10), Duration.ofHours(24));

        stack.submit(poison);
        stack.submit(next);

        Batch failed = stack.awaitState(poison, BatchState.FAILED, Duration.ofSeconds(60));
        assertThat(failed.errors()).extracting(BatchError::code).containsExactly("batch_processing_failed");
        assertThat(ExplodingBatchEndpoint.SUBMITS.get()).isEqualTo(SubmissionFailures.MAX_ATTEMPTS);
        stack.awaitState(next, BatchState.COMPLETED, Duration.ofSeconds(60));
        assertLanesIntact();
    }

    private static void assertLanesIntact() {
        assertThat(worker.laneProblems()).isEmpty();
        assertThat(worker.metrics().registry().find("batch_worker_lane_restarts_total").counters())
                .as("lanes that died and were started again").isEmpty();
    }

    /** Writes an opening of a request line and then {@code size} bytes of one JSON string, with no newline. */
    private static long writeOneLine(Path file, long size) throws IOException {
        byte[] start = ("{\"custom_id\":\"big\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"sim-zero\",\"messages\":[{\"role\":\"user\",\"content\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(start));
            for (long written = 0; written < size; written += chunk.length) {
                out.write(ByteBuffer.wrap(chunk));
            }
            return out.size();
        }
    }

    private static long resetPeakHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap's peak. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
