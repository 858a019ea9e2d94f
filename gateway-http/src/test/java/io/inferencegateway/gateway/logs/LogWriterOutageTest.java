package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.inferencegateway.persistence.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL stops while rows are offered. Each test restarts it in a finally block: later test classes need it. */
class LogWriterOutageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void keepsRowsWhileTheDatabaseIsDownAndWritesThemWhenItIsBack() {
        try (StoppablePostgres postgres = StoppablePostgres.acquire();
             Database database = Database.open(postgres.database(), "log-outage-schema");
             CountingDataSource pool = new CountingDataSource(postgres.database());
             CapturedLog log = new CapturedLog(LogWriter.class);
             LogWriter writer = LogWriter.start(pool, LogSamples.quick(10_000, 100))) {
            offerPairs(writer, 25);
            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 50);
            try {
                postgres.stop();
                int before = pool.requests();

                assertThat(offerPairs(writer, 250)).isEqualTo(500);
                assertThat(writer.pendingCount()).isEqualTo(500);
                // Several failed attempts, yet one warning: the outage is reported, not every retry.
                await().atMost(DEADLINE).until(() -> pool.requests() >= before + 5);
                assertThat(offerPairs(writer, 50)).isEqualTo(100);
                assertThat(writer.pendingCount()).isEqualTo(600);
                assertThat(log.count(Level.WARN, "Cannot write log rows")).isEqualTo(1);
            } finally {
                postgres.start();
            }

            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 650);
            assertThat(writer.pendingCount()).isZero();
            assertThat(writer.droppedCount()).isZero();
            LogTables tables = new LogTables(database.dataSource());
            assertThat(tables.count("access_logs")).isEqualTo(325);
            assertThat(tables.count("request_logs")).isEqualTo(325);
            assertThat(log.count(Level.WARN, "Cannot write log rows")).isEqualTo(1);
            assertThat(log.count(Level.INFO, "again")).isEqualTo(1);
        }
    }

    @Test
    void dropsAndCountsRowsBeyondCapacityAndWritesTheRest() {
        try (StoppablePostgres postgres = StoppablePostgres.acquire();
             Database database = Database.open(postgres.database(), "log-outage-schema");
             CountingDataSource pool = new CountingDataSource(postgres.database());
             CapturedLog log = new CapturedLog(LogWriter.class);
             LogWriter writer = LogWriter.start(pool, LogSamples.quick(1_000, 100))) {
            List<AccessLogEntry> offered = new ArrayList<>();
            try {
                postgres.stop();
                int accepted = 0;
                for (int i = 0; i < 1_300; i++) {
                    AccessLogEntry access = LogSamples.access("user-" + i);
                    offered.add(access);
                    accepted += writer.offer(access) ? 1 : 0;
                }

                assertThat(accepted).isEqualTo(1_000);
                assertThat(writer.droppedCount()).isEqualTo(300);
                assertThat(writer.pendingCount()).isEqualTo(1_000);
                await().atMost(DEADLINE).until(() -> log.count(Level.WARN, "Log buffer full") == 1);
            } finally {
                postgres.start();
            }

            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 1_000);
            LogTables tables = new LogTables(database.dataSource());
            assertThat(tables.count("access_logs")).isEqualTo(1_000);
            // The buffer keeps the oldest rows; the ones offered when it was full are the ones lost.
            assertThat(tables.access(offered.get(999).id())).isPresent();
            assertThat(tables.access(offered.get(1_000).id())).isEmpty();
            assertThat(log.count(Level.WARN, "Log buffer full")).isEqualTo(1);
            await().atMost(DEADLINE).until(() -> log.count(Level.WARN, "Stopped dropping log rows; 300") == 1);
        }
    }

    @Test
    void closeGivesUpAfterItsTimeoutWhileTheDatabaseIsDown() {
        LogSettings settings = new LogSettings(100, 10, Duration.ofMillis(20), 100, Duration.ofMillis(20),
                Duration.ofMillis(100), Duration.ofMillis(500));
        try (StoppablePostgres postgres = StoppablePostgres.acquire();
             Database database = Database.open(postgres.database(), "log-outage-schema");
             CountingDataSource pool = new CountingDataSource(postgres.database());
             CapturedLog log = new CapturedLog(LogWriter.class);
             LogWriter writer = LogWriter.start(pool, settings)) {
            try {
                postgres.stop();
                offerPairs(writer, 5);

                writer.close();

                assertThat(writer.writtenCount()).isZero();
                assertThat(writer.pendingCount()).isEqualTo(10);
                assertThat(log.count(Level.WARN, "closed with 10 log rows not written")).isEqualTo(1);
            } finally {
                postgres.start();
            }
            assertThat(new LogTables(database.dataSource()).count("access_logs")).isZero();
        }
    }

    /** Offers {@code pairs} access rows, each with its request row; returns how many were accepted. */
    private static int offerPairs(LogWriter writer, int pairs) {
        int accepted = 0;
        for (int i = 0; i < pairs; i++) {
            AccessLogEntry access = LogSamples.access("user-" + i);
            accepted += writer.offer(access) ? 1 : 0;
            accepted += writer.offer(LogSamples.request(access, "prompt " + i, "result " + i)) ? 1 : 0;
        }
        return accepted;
    }
}
