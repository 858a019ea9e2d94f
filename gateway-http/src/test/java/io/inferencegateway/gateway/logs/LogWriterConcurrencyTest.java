package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.testing.TestServers;
import io.inferencegateway.persistence.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogWriterConcurrencyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int THREADS = 16;

    private Database database;
    private LogTables tables;

    @BeforeEach
    void openDatabase() {
        database = Database.open(TestServers.freshDatabase(), "log-concurrency-test");
        tables = new LogTables(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void writesEveryRowOfferedFromManyThreadsExactlyOnce() throws Exception {
        int pairsPerThread = 2_500;
        int rows = THREADS * pairsPerThread * 2;
        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(rows, 500))) {
            long accepted = offerFromManyThreads(writer, pairsPerThread);

            assertThat(accepted).isEqualTo(rows);
            await().atMost(DEADLINE).until(() -> writer.writtenCount() == rows);
            assertThat(writer.droppedCount()).isZero();
            assertThat(writer.pendingCount()).isZero();
        }

        assertThat(tables.count("access_logs")).isEqualTo(rows / 2);
        assertThat(tables.distinctIds("access_logs")).isEqualTo(rows / 2);
        assertThat(tables.count("request_logs")).isEqualTo(rows / 2);
        assertThat(tables.distinctIds("request_logs")).isEqualTo(rows / 2);
    }

    @Test
    void countsEveryRowAsWrittenOrDroppedWhenOfferedFasterThanTheBufferHolds() throws Exception {
        // A small buffer makes the producers overrun the writer, and the ring go round thousands of times.
        int pairsPerThread = 2_000;
        int rows = THREADS * pairsPerThread * 2;
        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(300, 100))) {
            long accepted = offerFromManyThreads(writer, pairsPerThread);

            await().atMost(DEADLINE).until(() -> writer.pendingCount() == 0);
            assertThat(writer.writtenCount()).isEqualTo(accepted);
            assertThat(writer.droppedCount()).isEqualTo(rows - accepted);
            assertThat(tables.count("access_logs") + tables.count("request_logs")).isEqualTo(accepted);
            assertThat(tables.distinctIds("access_logs") + tables.distinctIds("request_logs")).isEqualTo(accepted);
        }
    }

    /** Offers pairs of rows from {@link #THREADS} threads released together; returns how many offers were accepted. */
    private static long offerFromManyThreads(LogWriter writer, int pairsPerThread) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String user = "user-" + t;
                results.add(pool.submit(() -> {
                    go.await();
                    long accepted = 0;
                    for (int i = 0; i < pairsPerThread; i++) {
                        AccessLogEntry access = LogSamples.access(user);
                        accepted += writer.offer(access) ? 1 : 0;
                        accepted += writer.offer(LogSamples.request(access, "prompt " + i, "result " + i)) ? 1 : 0;
                    }
                    return accepted;
                }));
            }
            go.countDown();
            long accepted = 0;
            for (Future<Long> result : results) {
                accepted += result.get();
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }
}
