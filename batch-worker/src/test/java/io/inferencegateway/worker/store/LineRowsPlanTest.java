package io.inferencegateway.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.testing.TestServers;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The result write against PostgreSQL's planner as a worker meets it: statistics taken when no line was pending (as
 * autovacuum takes them once a batch is done), then a new batch of pending lines. The write must look each line up by
 * its key; scanning the batch's pending lines for each one costs a write per line as much as the batch has left.
 */
@Timeout(60)
class LineRowsPlanTest {

    private final Database database = Database.open(TestServers.freshDatabase(2), "line-rows-plan");
    private final LineRows rows = new LineRows(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aResultIsWrittenThroughTheLinesKeyWhenStatisticsSawNoPendingLine() {
        batchOf("batch_done", 2_000);
        rows.record(IntStream.range(0, 2_000).mapToObj(i -> result("batch_done", "line-" + i)).toList(), "w");
        Sql.withConnection(database.dataSource(), c -> c.createStatement().execute("ANALYZE batch_lines"));
        batchOf("batch_running", 2_000);

        List<String> plan = explain(List.of(result("batch_running", "line-1"), result("batch_running", "line-2")));

        assertThat(String.join("\n", plan)).contains("batch_lines_pkey").doesNotContain("batch_lines_status_idx");
        assertThat(rows.record(List.of(result("batch_running", "line-1")), "w")).containsExactly(
                new LineRef("batch_running", "line-1").key());
        assertThat(rows.record(List.of(result("batch_running", "line-1")), "w")).as("written once").isEmpty();
    }

    private void batchOf(String batchId, int lines) {
        Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO batches (id, api_style, user_id, cluster, framework, model)
                    VALUES (?, 'openai', 'u', 'c', 'f', 'm')""")) {
                s.setString(1, batchId);
                return s.executeUpdate();
            }
        });
        rows.insert(batchId, IntStream.range(0, lines).mapToObj(i -> new LineRows.LineKey("line-" + i, i + 1,
                "/v1/chat/completions", "{}")).toList());
    }

    private static LineRecord result(String batchId, String customId) {
        return new LineRecord(batchId, customId, LineRows.COMPLETED, 200, "{}", null, null, 1, 1, "r", 1);
    }

    /** The plan PostgreSQL chooses for the write as the worker prepares it, generic as after five executions. */
    private List<String> explain(List<LineRecord> results) {
        return Sql.withConnection(database.dataSource(), c -> {
            c.createStatement().execute("SET plan_cache_mode = force_generic_plan");
            try (PreparedStatement s = c.prepareStatement("EXPLAIN " + LineRows.RECORD)) {
                LineRows.bindRecord(c, s, results, "w");
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                return lines;
            } finally {
                c.createStatement().execute("RESET plan_cache_mode");
            }
        });
    }
}
