package io.inferencegateway.worker.store;

import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The housekeeping queries. Each claim takes rows with {@code FOR UPDATE SKIP LOCKED} and pushes a lease column
 * forward, so with many workers sweeping, each stuck batch is repaired (or polled) by one of them per lease.
 */
public final class SweepRows {

    private static final int LIMIT = 100;

    private final DataSource dataSource;

    public SweepRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Batches whose submission must be published again: still validating after {@code stuckAfter} (the gateway died
     * between its database write and its Kafka write, or the record was lost), or in progress with lines never
     * stored with their requests. Each is leased for {@code stuckAfter}.
     */
    public List<String> claimStuck(Duration stuckAfter) {
        return ids("""
                UPDATE batches SET repair_after = now() + make_interval(secs => ?::double precision)
                WHERE id IN (SELECT id FROM batches
                             WHERE ((status = 'validating' AND created_at < now() - make_interval(secs => ?::double precision))
                                 OR (status = 'in_progress' AND native_status IS NULL AND lines_published_at IS NULL
                                     AND in_progress_at < now() - make_interval(secs => ?::double precision)))
                               AND (repair_after IS NULL OR repair_after <= now())
                             ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id""", seconds(stuckAfter), seconds(stuckAfter), seconds(stuckAfter), LIMIT);
    }

    /**
     * In-progress batches whose pending lines made no progress for {@code stalledAfter} although they were stored
     * that long ago and are not waiting for their model: the scheduler dispatches their pending lines again (a line
     * record can be given up by Kafka after too many deliveries).
     */
    public List<String> markStalled(Duration stalledAfter) {
        return ids("""
                UPDATE batches b SET dispatched_through = 0
                WHERE b.status = 'in_progress' AND b.native_status IS NULL AND b.waiting_reason IS NULL
                  AND b.dispatched_through > 0
                  AND b.lines_published_at < now() - make_interval(secs => ?::double precision)
                  AND EXISTS (SELECT 1 FROM batch_lines l WHERE l.batch_id = b.id AND l.status = 'pending')
                  AND NOT EXISTS (SELECT 1 FROM batch_lines l WHERE l.batch_id = b.id
                                  AND l.finished_at > now() - make_interval(secs => ?::double precision))
                RETURNING b.id""", seconds(stalledAfter), seconds(stalledAfter));
    }

    /**
     * Batches ready for a finalizer: cancelling and done waiting ({@link FinalizeRows#CANCEL_DONE}), past their
     * deadline, finalizing, or with no pending line left.
     */
    public List<String> finalizable(Duration cancelGrace) {
        return ids("""
                SELECT b.id FROM batches b
                WHERE ((b.status = 'cancelling' AND %s) OR b.status = 'finalizing'
                       OR (b.status IN ('validating', 'in_progress') AND b.expires_at < now())
                       OR (b.status = 'in_progress' AND b.native_status IS NULL AND b.request_total > 0
                           AND NOT EXISTS (SELECT 1 FROM batch_lines l
                                           WHERE l.batch_id = b.id AND l.status = 'pending')))
                  AND (b.finalize_lease_until IS NULL OR b.finalize_lease_until < now())
                ORDER BY b.created_at LIMIT ?""".formatted(FinalizeRows.CANCEL_DONE), seconds(cancelGrace), LIMIT);
    }

    /** Native batches due for a status poll, each leased for {@code interval}. */
    public List<BatchRow> claimNativeDue(Duration interval, int limit) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    WITH due AS (
                        SELECT id FROM batches
                        WHERE status = 'in_progress' AND native_status IN ('pending', 'running')
                          AND (native_poll_after IS NULL OR native_poll_after <= now())
                        ORDER BY native_poll_after NULLS FIRST LIMIT ? FOR UPDATE SKIP LOCKED),
                    claimed AS (
                        UPDATE batches b SET native_poll_after = now() + make_interval(secs => ?::double precision)
                        FROM due WHERE b.id = due.id RETURNING b.*)
                    SELECT""" + " " + BatchRows.COLUMNS + " FROM claimed b LEFT JOIN users u ON u.id = b.user_id")) {
                s.setInt(1, limit);
                s.setDouble(2, seconds(interval));
                List<BatchRow> due = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        due.add(BatchRows.read(rs));
                    }
                }
                return due;
            }
        });
    }

    /** Stores what a native adaptor reported, while the batch is still in progress. */
    public boolean reportNative(String batchId, String nativeStatus, String result) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE batches SET native_status = ?, result = coalesce(?, result)
                    WHERE id = ? AND status = 'in_progress'""")) {
                s.setString(1, nativeStatus);
                s.setString(2, result);
                s.setString(3, batchId);
                return s.executeUpdate() == 1;
            }
        });
    }

    private List<String> ids(String sql, Object... parameters) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
