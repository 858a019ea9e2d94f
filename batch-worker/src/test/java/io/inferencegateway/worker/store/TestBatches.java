package io.inferencegateway.worker.store;

import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/** Batch rows for tests of the line rows' SQL: only what the joins with batches need. */
final class TestBatches {

    private TestBatches() {
    }

    static void insert(DataSource dataSource, String batchId) {
        Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO batches (id, api_style, user_id, cluster, framework, model)
                    VALUES (?, 'openai', 'u', 'c', 'f', 'm')""")) {
                s.setString(1, batchId);
                return s.executeUpdate();
            }
        });
    }
}
