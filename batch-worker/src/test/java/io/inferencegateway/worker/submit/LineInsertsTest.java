package io.inferencegateway.worker.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.Sql;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.worker.store.LineRows;
import io.inferencegateway.worker.store.LineRows.LineKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A batch's lines inserted while the next are read: all of them, once, and a failed insert is the caller's. */
@Timeout(60)
class LineInsertsTest {

    private final Database database = Database.open(TestServers.freshDatabase(2), "line-inserts");
    private final LineRows rows = new LineRows(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyLineAddedIsStoredOnceFinishReturnsWhateverTheChunks() {
        int lines = 2 * LineInserts.CHUNK + 7;
        LineInserts inserts = withLines(lines);
        inserts.finish();

        assertThat(lineNumbers("b")).hasSize(lines).isSorted().doesNotHaveDuplicates()
                .startsWith(1).endsWith(lines);
    }

    @Test
    void closedWithLinesNotYetSentItStoresNoneOfThemAndWaitsForTheChunkInFlight() {
        LineInserts inserts = withLines(LineInserts.CHUNK + 5);
        inserts.close();

        assertThat(lineNumbers("b")).as("the full chunk, in before close() returned; not the five after it")
                .hasSize(LineInserts.CHUNK);
    }

    @Test
    void anInsertThatFailsIsThrownToTheCallerAsItsOwnError() {
        LineInserts inserts = withLines(LineInserts.CHUNK + 5);
        database.close();

        assertThatThrownBy(inserts::finish).isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(java.util.concurrent.CompletionException.class);
        inserts.close();
    }

    private LineInserts withLines(int lines) {
        LineInserts inserts = new LineInserts(rows, "b");
        for (int i = 1; i <= lines; i++) {
            inserts.add(line(i));
        }
        return inserts;
    }

    private static LineKey line(int number) {
        return new LineKey("request-" + number, number, "/v1/chat/completions", "{\"model\":\"m\"}");
    }

    private List<Integer> lineNumbers(String batchId) {
        return Sql.withConnection(database.dataSource(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT line_number FROM batch_lines WHERE batch_id = ? ORDER BY line_number")) {
                s.setString(1, batchId);
                List<Integer> numbers = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getInt(1));
                    }
                }
                return numbers;
            }
        });
    }
}
