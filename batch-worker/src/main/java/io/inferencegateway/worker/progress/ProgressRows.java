package io.inferencegateway.worker.progress;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Live {@code request_counts} and usage of running batches, written for many batches in one statement. */
public final class ProgressRows implements ProgressSink {

    private final DataSource dataSource;

    public ProgressRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Running> update(Map<String, Progress> progress) {
        if (progress.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(progress.keySet());
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE batches b SET request_completed = v.completed, request_failed = v.failed,
                           prompt_tokens = v.prompt_tokens, completion_tokens = v.completion_tokens
                    FROM unnest(?::text[], ?::int[], ?::int[], ?::bigint[], ?::bigint[])
                         AS v(id, completed, failed, prompt_tokens, completion_tokens)
                    WHERE b.id = v.id AND b.status IN ('in_progress', 'cancelling')
                    RETURNING b.id, b.user_id, b.status, b.request_total""")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                s.setArray(2, c.createArrayOf("int4", ids.stream().map(id -> progress.get(id).completed()).toArray()));
                s.setArray(3, c.createArrayOf("int4", ids.stream().map(id -> progress.get(id).failed()).toArray()));
                s.setArray(4, c.createArrayOf("int8", ids.stream().map(id -> progress.get(id).promptTokens()).toArray()));
                s.setArray(5, c.createArrayOf("int8",
                        ids.stream().map(id -> progress.get(id).completionTokens()).toArray()));
                List<Running> running = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        running.add(new Running(rs.getString(1), rs.getString(2), BatchState.fromWire(rs.getString(3)),
                                rs.getInt(4)));
                    }
                }
                return running;
            }
        });
    }
}
