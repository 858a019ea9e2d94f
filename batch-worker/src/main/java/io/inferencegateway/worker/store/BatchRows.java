package io.inferencegateway.worker.store;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.TaskIdColumn;
import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The worker's reads and conditional updates of batch rows. Every state change names the state it leaves, so of
 * two workers acting on the same batch exactly one succeeds and the other sees {@code false}.
 */
public final class BatchRows {

    static final String COLUMNS = """
            b.id, b.api_style, b.user_id, coalesce(nullif(u.username, ''), b.user_id) AS username, b.cluster,
            b.framework, b.model, b.endpoint, b.status, b.input_file, b.input_file_id, b.output_folder_path,
            b.native_status, b.native_batch_id, b.task_ids, b.result, b.request_total, b.lines_published_at,
            b.in_progress_at""";
    static final String FROM = " FROM batches b LEFT JOIN users u ON u.id = b.user_id ";

    private final DataSource dataSource;

    public BatchRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Optional<BatchRow> find(String batchId) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + FROM + "WHERE b.id = ?")) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Records that every line of the batch is stored with its request, up to line number {@code lastLine}, and that
     * the scheduler is to dispatch its pending lines from the first.
     */
    public void markLinesStored(String batchId, int lastLine) {
        update("UPDATE batches SET lines_published_at = now(), last_line = ?, dispatched_through = 0 WHERE id = ?",
                lastLine, batchId);
    }

    /** The status a batch has now, if it exists. */
    public Optional<BatchState> status(String batchId) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT status FROM batches WHERE id = ?")) {
                s.setString(1, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(BatchState.fromWire(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    int update(String sql, Object... parameters) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    static BatchRow read(ResultSet rs) throws SQLException {
        Timestamp published = rs.getTimestamp("lines_published_at");
        Timestamp inProgress = rs.getTimestamp("in_progress_at");
        return new BatchRow(rs.getString("id"), rs.getString("api_style"), rs.getString("user_id"),
                rs.getString("username"), rs.getString("cluster"), rs.getString("framework"), rs.getString("model"),
                rs.getString("endpoint"), BatchState.fromWire(rs.getString("status")), rs.getString("input_file"),
                rs.getString("input_file_id"), rs.getString("output_folder_path"), rs.getString("native_status"),
                rs.getString("native_batch_id"), TaskIdColumn.read(rs.getString("task_ids")), rs.getString("result"),
                rs.getInt("request_total"), published != null, inProgress == null ? null : inProgress.toInstant());
    }
}
