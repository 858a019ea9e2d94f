package io.inferencegateway.worker.store;

import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the batch scheduler reads and writes: the batches whose lines it dispatches, their pending lines in input
 * order from a cursor, the cursor itself (moved by compare-and-set, so a scheduler that lost its lease cannot move
 * it back), and why a batch waits.
 */
public final class DispatchRows {

    private final DataSource dataSource;

    public DispatchRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A fanned-out batch in progress with its lines stored.
     *
     * @param lastLine          its highest line number
     * @param dispatchedThrough lines up to this number are on the lines topic
     * @param waitingReason     why its lines wait, as last recorded, or null
     */
    public record ActiveBatch(String id, String userId, String cluster, String framework, String model,
                              Instant expiresAt, int requestTotal, int lastLine, int dispatchedThrough,
                              String waitingReason) {
    }

    /** A line to dispatch: its request as stored. */
    public record StoredRequest(String customId, int lineNumber, String url, String body) {
    }

    /** Pending lines of a batch: all of them, and those at or before the cursor (on the topic, not finished). */
    public record PendingCounts(int pending, int dispatched) {
    }

    public List<ActiveBatch> active() {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, user_id, cluster, framework, model, expires_at, request_total, last_line,
                           dispatched_through, waiting_reason
                    FROM batches
                    WHERE status = 'in_progress' AND native_status IS NULL AND lines_published_at IS NOT NULL
                    ORDER BY created_at""")) {
                List<ActiveBatch> batches = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        batches.add(new ActiveBatch(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7),
                                rs.getInt(8), rs.getInt(9), rs.getString(10)));
                    }
                }
                return batches;
            }
        });
    }

    public PendingCounts pending(String batchId, int dispatchedThrough) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*), count(*) FILTER (WHERE line_number <= ?)
                    FROM batch_lines WHERE batch_id = ? AND status = 'pending'""")) {
                s.setInt(1, dispatchedThrough);
                s.setString(2, batchId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new PendingCounts(rs.getInt(1), rs.getInt(2));
                }
            }
        });
    }

    /** The scheduler's read of a batch's next lines: in input order from the dispatch cursor on. */
    static final String NEXT = """
            SELECT custom_id, line_number, url, body FROM batch_lines
            WHERE batch_id = ? AND line_number > ? AND status = 'pending'
            ORDER BY line_number LIMIT ?""";

    /** Up to {@code limit} pending lines after line number {@code after}, in input order ({@link #NEXT}). */
    public List<StoredRequest> next(String batchId, int after, int limit) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(NEXT)) {
                s.setString(1, batchId);
                s.setInt(2, after);
                s.setInt(3, limit);
                List<StoredRequest> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new StoredRequest(rs.getString(1), rs.getInt(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
                return lines;
            }
        });
    }

    /** Moves the cursor from {@code from} to {@code to}; false if it was not at {@code from} (reset, or moved). */
    public boolean advance(String batchId, int from, int to) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE batches SET dispatched_through = ? WHERE id = ? AND dispatched_through = ?")) {
                s.setInt(1, to);
                s.setString(2, batchId);
                s.setInt(3, from);
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * Records why the batches' lines wait ({@code reason}), or that they no longer do (null).
     *
     * @return the batches whose reason changed, with their owners
     */
    public List<String[]> setWaiting(Collection<String> batchIds, String reason) {
        if (batchIds.isEmpty()) {
            return List.of();
        }
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE batches SET waiting_reason = ?,
                           waiting_since = CASE WHEN ?::text IS NULL THEN NULL ELSE coalesce(waiting_since, now()) END
                    WHERE id = ANY(?) AND waiting_reason IS DISTINCT FROM ?
                    RETURNING id, user_id""")) {
                s.setString(1, reason);
                s.setString(2, reason);
                s.setArray(3, c.createArrayOf("text", batchIds.toArray()));
                s.setString(4, reason);
                List<String[]> changed = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        changed.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                return changed;
            }
        });
    }

    /**
     * Takes or keeps the scheduler's lease for {@code lease}: true while this holder has it. A holder that stops
     * renewing loses it when it runs out.
     */
    public boolean holdLease(String holder, java.time.Duration lease) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO scheduler_lease (id, holder, lease_until)
                    VALUES (1, ?, now() + make_interval(secs => ?::double precision))
                    ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
                    WHERE scheduler_lease.holder = EXCLUDED.holder OR scheduler_lease.lease_until < now()
                    RETURNING holder""")) {
                s.setString(1, holder);
                s.setDouble(2, lease.toMillis() / 1000.0);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Gives the lease up, so another worker leads at once. */
    public void releaseLease(String holder) {
        Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM scheduler_lease WHERE holder = ?")) {
                s.setString(1, holder);
                return s.executeUpdate();
            }
        });
    }
}
