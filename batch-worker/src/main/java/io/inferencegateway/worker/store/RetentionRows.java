package io.inferencegateway.worker.store;

import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Removes the lines of batches that ended long ago: their output and error files keep the answers, and the batch row
 * keeps its counts and usage. One batch per statement, claimed with {@code FOR UPDATE SKIP LOCKED} so that workers
 * sweeping at once take different batches, and marked ({@code lines_removed_at}) in the same statement.
 */
public final class RetentionRows {

    /** A batch whose lines were removed, and how many. */
    public record Removed(String batchId, int lines) {
    }

    private static final String REMOVE_OLDEST = """
            WITH due AS (
                SELECT id FROM batches
                WHERE lines_removed_at IS NULL AND status IN ('completed', 'failed', 'expired', 'cancelled')
                  AND coalesce(completed_at, failed_at, expired_at, cancelled_at)
                      < now() - make_interval(secs => ?::double precision)
                ORDER BY coalesce(completed_at, failed_at, expired_at, cancelled_at)
                LIMIT 1
                FOR UPDATE SKIP LOCKED),
            removed AS (
                DELETE FROM batch_lines l USING due WHERE l.batch_id = due.id RETURNING 1)
            UPDATE batches b SET lines_removed_at = now() FROM due WHERE b.id = due.id
            RETURNING b.id, (SELECT count(*) FROM removed)""";

    private final DataSource dataSource;

    public RetentionRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Removes the lines of the batch that ended first more than {@code age} ago and still has them, if any. */
    public Optional<Removed> removeOldest(Duration age) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(REMOVE_OLDEST)) {
                s.setDouble(1, age.toMillis() / 1000.0);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Removed(rs.getString(1), rs.getInt(2))) : Optional.empty();
                }
            }
        });
    }
}
