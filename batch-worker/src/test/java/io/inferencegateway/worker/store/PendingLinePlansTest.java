package io.inferencegateway.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.testing.TestServers;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The statements of a batch's busiest path against PostgreSQL's planner as a worker meets it: statistics taken when no
 * line was pending (as autovacuum takes them once a batch is done), then a new batch of pending lines. The result write
 * must look each line up by its key (it did not: it scanned the batch's pending lines for every line written), and the
 * scheduler's read must walk the batch in input order from its cursor: either one scanning the batch's pending lines
 * instead costs, on every call, as much as the batch has left.
 */
@Timeout(60)
class PendingLinePlansTest {

    private final Database database = Database.open(TestServers.freshDatabase(2), "pending-line-plans");
    private final LineRows rows = new LineRows(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aResultIsWrittenThroughTheLinesKeyWhenStatisticsSawNoPendingLine() {
        statisticsWithNoLinePendingThenARunningBatch();

        List<String> plan = explain(LineRows.RECORD, s -> LineRows.bindRecord(s,
                List.of(result("batch_running", "line-1"), result("batch_running", "line-2")), "w"));

        assertThat(String.join("\n", plan)).contains("batch_lines_pkey").doesNotContain("batch_lines_status_idx");
        assertThat(rows.record(List.of(result("batch_running", "line-1")), "w")).containsExactly(
                new LineRef("batch_running", "line-1").key());
        assertThat(rows.record(List.of(result("batch_running", "line-1")), "w")).as("written once").isEmpty();
    }

    @Test
    void theSchedulersNextLinesAreReadInInputOrderWhenStatisticsSawNoPendingLine() {
        statisticsWithNoLinePendingThenARunningBatch();

        List<String> plan = explain(DispatchRows.NEXT, s -> {
            s.setString(1, "batch_running");
            s.setInt(2, 500);
            s.setInt(3, 256);
        });

        assertThat(String.join("\n", plan)).contains("batch_lines_order_idx").doesNotContain("Sort");
        assertThat(new DispatchRows(database.dataSource()).next("batch_running", 500, 3))
                .extracting(DispatchRows.StoredRequest::lineNumber).containsExactly(501, 502, 503);
    }

    /** A finished batch, statistics taken then (no line pending), and a batch of pending lines after them. */
    private void statisticsWithNoLinePendingThenARunningBatch() {
        batchOf("batch_done", 2_000);
        rows.record(IntStream.range(0, 2_000).mapToObj(i -> result("batch_done", "line-" + i)).toList(), "w");
        Sql.withConnection(database.dataSource(), c -> c.createStatement().execute("ANALYZE batch_lines"));
        batchOf("batch_running", 2_000);
    }

    private void batchOf(String batchId, int lines) {
        TestBatches.insert(database.dataSource(), batchId);
        rows.insert(batchId, IntStream.range(0, lines).mapToObj(i -> new LineRows.LineKey("line-" + i, i + 1,
                "/v1/chat/completions", "{}")).toList());
    }

    private static List<String> lines(PreparedStatement explain) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private static LineRecord result(String batchId, String customId) {
        return new LineRecord(batchId, customId, LineRows.COMPLETED, 200, "{}", null, null, 1, 1, "r", 1);
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** The plan PostgreSQL chooses for {@code sql} as a worker prepares it: generic, as after five executions. */
    private List<String> explain(String sql, Binder binder) {
        return Sql.withConnection(database.dataSource(), c -> {
            c.createStatement().execute("SET plan_cache_mode = force_generic_plan");
            try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
                binder.bind(s);
                return lines(s);
            } finally {
                c.createStatement().execute("RESET plan_cache_mode");
            }
        });
    }
}
