package io.inferencegateway.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.worker.housekeeping.LineRetention;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which batches lose their lines to the retention, in what order, what stays, and how much one sweep takes. */
@Timeout(60)
class RetentionRowsTest {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private final Database database = Database.open(TestServers.freshDatabase(2), "retention-rows");
    private final RetentionRows rows = new RetentionRows(database.dataSource());
    private final LineRows lines = new LineRows(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void linesOfBatchesThatEndedBeforeTheRetentionGoOldestFirstAndNothingElseDoes() {
        ended("completed-40-days-ago", "completed", "completed_at", 40, 3);
        ended("failed-31-days-ago", "failed", "failed_at", 31, 2);
        ended("completed-29-days-ago", "completed", "completed_at", 29, 4);
        ended("running-since-long", "in_progress", "in_progress_at", 60, 5);

        assertThat(rows.removeOldest(THIRTY_DAYS)).contains(new RetentionRows.Removed("completed-40-days-ago", 3));
        assertThat(rows.removeOldest(THIRTY_DAYS)).contains(new RetentionRows.Removed("failed-31-days-ago", 2));
        assertThat(rows.removeOldest(THIRTY_DAYS)).isEmpty();

        assertThat(lineCount("completed-40-days-ago")).isZero();
        assertThat(lineCount("failed-31-days-ago")).isZero();
        assertThat(lineCount("completed-29-days-ago")).isEqualTo(4);
        assertThat(lineCount("running-since-long")).isEqualTo(5);
        assertThat(status("completed-40-days-ago")).as("the batch row stays as it was").isEqualTo("completed");
    }

    @Test
    void aBatchWithoutLinesIsMarkedOnceAndNeverTakenAgain() {
        ended("native-expired", "expired", "expired_at", 45, 0);

        assertThat(rows.removeOldest(THIRTY_DAYS)).contains(new RetentionRows.Removed("native-expired", 0));
        assertThat(rows.removeOldest(THIRTY_DAYS)).isEmpty();
    }

    @Test
    void workersSweepingAtOnceTakeDifferentBatches() {
        for (int i = 0; i < 6; i++) {
            ended("old-" + i, "cancelled", "cancelled_at", 40 + i, 200);
        }
        List<Optional<RetentionRows.Removed>> taken = IntStream.range(0, 6).parallel()
                .mapToObj(i -> rows.removeOldest(THIRTY_DAYS)).toList();

        assertThat(taken).allSatisfy(removed -> assertThat(removed).isPresent());
        assertThat(taken.stream().map(removed -> removed.orElseThrow().batchId()).distinct()).hasSize(6);
        assertThat(taken).allSatisfy(removed -> assertThat(removed.orElseThrow().lines()).isEqualTo(200));
    }

    @Test
    void oneSweepRemovesTwentyBatchesOrAHundredThousandLinesAtMostAndTheNextGoesOn() {
        LineRetention retention = new LineRetention(rows, THIRTY_DAYS, new WorkerMetrics());
        for (int i = 0; i < 25; i++) {
            ended("small-" + i, "completed", "completed_at", 40 + i, 1);
        }
        assertThat(retention.sweep()).isEqualTo(20);
        assertThat(retention.sweep()).isEqualTo(5);
        assertThat(retention.sweep()).isZero();

        for (int i = 0; i < 3; i++) {
            ended("big-" + i, "completed", "completed_at", 40 + i, 60_000);
        }
        assertThat(retention.sweep()).as("60,000 lines, then 120,000: past the bound").isEqualTo(2);
        assertThat(retention.sweep()).isEqualTo(1);
    }

    /** A batch in {@code status} since {@code daysAgo} (its {@code timeColumn}), with {@code lineCount} lines. */
    private void ended(String id, String status, String timeColumn, int daysAgo, int lineCount) {
        TestBatches.insert(database.dataSource(), id);
        Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE batches SET status = ?, " + timeColumn
                    + " = now() - make_interval(days => ?) WHERE id = ?")) {
                s.setString(1, status);
                s.setInt(2, daysAgo);
                s.setString(3, id);
                return s.executeUpdate();
            }
        });
        lines.insert(id, IntStream.rangeClosed(1, lineCount).mapToObj(n -> new LineRows.LineKey("line-" + n, n,
                "/v1/chat/completions", "{}")).toList());
    }

    private int lineCount(String batchId) {
        return ((Number) single("SELECT count(*) FROM batch_lines WHERE batch_id = ?", batchId)).intValue();
    }

    private String status(String batchId) {
        return (String) single("SELECT status FROM batches WHERE id = ?", batchId);
    }

    /** The one value {@code sql} reads for the batch. */
    private Object single(String sql, String batchId) {
        return Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getObject(1);
                }
            }
        });
    }
}
