package io.inferencegateway.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.testing.TestServers;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lines and their results as PostgreSQL stores them: every character as the user and the backend sent it. */
@Timeout(60)
class LineRowsTest {

    /** Characters an array literal must quote or escape, the literal word NULL, and text beyond the BMP. */
    private static final List<String> AWKWARD = List.of("{\"content\":\"a \\\"quoted\\\" word, {braces}\"}",
            "back\\slash", "NULL", "null", "", " spaced ", "comma,separated", "日本語 and 🦙", "line\nbreak\ttab");

    private final Database database = Database.open(TestServers.freshDatabase(2), "line-rows");
    private final LineRows rows = new LineRows(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void requestsAndResultsKeepEveryCharacterAndEveryNull() {
        TestBatches.insert(database.dataSource(), "b");
        List<LineRows.LineKey> lines = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            lines.add(new LineRows.LineKey(AWKWARD.get(i), i + 1, "/v1/chat/completions", AWKWARD.get(i)));
        }
        rows.insert("b", lines);
        assertThat(rows.states(lines.stream().map(l -> new LineRef("b", l.customId())).toList()))
                .hasSize(AWKWARD.size()).allSatisfy((key, state) -> assertThat(state.pending()).isTrue());

        List<LineRecord> results = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            String text = AWKWARD.get(i);
            results.add(i % 2 == 0
                    ? new LineRecord("b", text, LineRows.COMPLETED, 200, text, null, null, i, null, "req-" + i, 1)
                    : new LineRecord("b", text, LineRows.FAILED, null, null, "code " + text, text, null, i, null, 2));
        }
        assertThat(rows.record(results, "worker")).hasSize(AWKWARD.size());

        Map<String, List<Object>> stored = stored("b");
        for (int i = 0; i < AWKWARD.size(); i++) {
            LineRecord r = results.get(i);
            assertThat(stored.get(AWKWARD.get(i))).as(AWKWARD.get(i)).containsExactly(r.status(), r.responseStatus(),
                    r.responseBody(), r.errorCode(), r.errorMessage(), r.promptTokens(), r.completionTokens(),
                    r.requestId(), r.attempts(), i + 1);
        }
    }

    /** Each line's stored result, by custom id. */
    private Map<String, List<Object>> stored(String batchId) {
        return Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT custom_id, status, response_status, response_body, error_code, error_message,
                           prompt_tokens, completion_tokens, request_id, attempts, line_number
                    FROM batch_lines WHERE batch_id = ?""")) {
                s.setString(1, batchId);
                Map<String, List<Object>> byId = new java.util.HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int column = 2; column <= 11; column++) {
                            row.add(rs.getObject(column));
                        }
                        byId.put(rs.getString(1), row);
                    }
                }
                return byId;
            }
        });
    }
}
