package io.inferencegateway.worker.store;

import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchRepository;
import io.inferencegateway.batch.BatchState;
import io.inferencegateway.batch.BatchTransitions;
import io.inferencegateway.json.Json;
import io.inferencegateway.persistence.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The finalizer's rows in PostgreSQL ({@link FinishRows}): its claim, lines and finish. The claim is a lease (any worker may finalize, one at a time, and another takes
 * over when a finalizer dies); the finish sets the files, the exact counts and the terminal status in one
 * compare-and-set UPDATE, so a late finalizer can neither link a second pair of files nor overwrite the winner's.
 */
public final class FinalizeRows implements FinishRows {

    /**
     * When a cancelling batch (alias {@code b}) is done waiting, given its grace in seconds as the one parameter: no
     * dispatched line is pending (lanes write {@code batch_cancelled} for the lines they have not started or that
     * were between retries, and calls under way finish; lines the scheduler never sent are in no lane, and are
     * cancelled with the rest); it never reached in_progress, or is native, so no line of it can be
     * running; or the grace is over (a call still under way, or lines queued behind other batches' lines, are then
     * cancelled with the rest).
     */
    static final String CANCEL_DONE = """
            (b.in_progress_at IS NULL OR b.native_status IS NOT NULL
             OR b.cancelling_at < now() - make_interval(secs => ?::double precision)
             OR NOT EXISTS (SELECT 1 FROM batch_lines l WHERE l.batch_id = b.id AND l.status = 'pending'
                            AND l.line_number <= b.dispatched_through))""";

    private final DataSource dataSource;
    private final BatchRepository batches;
    private final LineRows lines;

    public FinalizeRows(DataSource dataSource) {
        this.dataSource = dataSource;
        this.batches = new BatchRepository(dataSource);
        this.lines = new LineRows(dataSource);
    }

    /** {@inheritDoc} Cancelling and done waiting is {@link #CANCEL_DONE}. */
    @Override
    public Optional<Claim> claim(String batchId, Duration lease, Duration cancelGrace) {
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    WITH ready AS (
                        SELECT b.id, CASE
                            WHEN b.status = 'cancelling' THEN CASE WHEN %s THEN 'cancelled' END
                            WHEN b.status = 'finalizing' THEN 'completed'
                            WHEN b.expires_at < now() THEN 'expired'
                            WHEN b.status = 'in_progress' AND b.native_status IS NULL AND b.request_total > 0
                                 AND NOT EXISTS (SELECT 1 FROM batch_lines l
                                                 WHERE l.batch_id = b.id AND l.status = 'pending') THEN 'completed'
                            END AS target
                        FROM batches b
                        WHERE b.id = ? AND b.status IN ('validating', 'in_progress', 'finalizing', 'cancelling')
                          AND (b.finalize_lease_until IS NULL OR b.finalize_lease_until < now())
                        FOR UPDATE)
                    UPDATE batches b SET finalize_target = r.target,
                           finalize_lease_until = now() + make_interval(secs => ?::double precision)
                    FROM ready r WHERE b.id = r.id AND r.target IS NOT NULL
                    RETURNING r.target, b.status, b.user_id, b.output_folder_path""".formatted(CANCEL_DONE))) {
                s.setDouble(1, cancelGrace.toMillis() / 1000.0);
                s.setString(2, batchId);
                s.setDouble(3, lease.toMillis() / 1000.0);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Claim(BatchState.fromWire(rs.getString(1)),
                            BatchState.fromWire(rs.getString(2)), rs.getString(3), rs.getString(4)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean startFinalizing(String batchId) {
        return batches.transition(batchId, Set.of(BatchState.IN_PROGRESS), BatchState.FINALIZING);
    }

    @Override
    public void release(String batchId) {
        Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE batches SET finalize_target = NULL, finalize_lease_until = NULL WHERE id = ?")) {
                s.setString(1, batchId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int failPending(String batchId, String code, String message) {
        return lines.failPending(batchId, code, message);
    }

    @Override
    public LineRows.Counts counts(String batchId) {
        return lines.counts(batchId);
    }

    @Override
    public void forEachInOrder(String batchId, LineRows.LineSink sink) {
        lines.forEachInOrder(batchId, sink);
    }

    /** {@inheritDoc} In one UPDATE, conditional on the claim's target and on no files linked yet. */
    @Override
    public boolean finish(String batchId, BatchState target, String outputFileId, String errorFileId,
                          LineRows.Counts counts, List<BatchError> failure) {
        Set<BatchState> from = switch (target) {
            case COMPLETED -> Set.of(BatchState.FINALIZING);
            case CANCELLED -> Set.of(BatchState.CANCELLING);
            case EXPIRED -> Set.of(BatchState.VALIDATING, BatchState.IN_PROGRESS);
            default -> throw new IllegalArgumentException("Not a finalization target: " + target);
        };
        BatchState reached = failure.isEmpty() ? target : BatchState.FAILED;
        from.forEach(state -> {
            if (!BatchTransitions.allowed(state, reached)) {
                throw new IllegalStateException(state + " -> " + reached + " is not a batch transition");
            }
        });
        String stamped = switch (reached) {
            case COMPLETED -> "completed_at";
            case CANCELLED -> "cancelled_at";
            case FAILED -> "failed_at";
            default -> "expired_at";
        };
        return Sql.withConnection(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE batches SET status = ?, " + stamped + " = now(), "
                    + """
                    errors = coalesce(?::jsonb, errors), output_file_id = ?, error_file_id = ?,
                    request_total = greatest(request_total, ?), request_completed = ?, request_failed = ?,
                    prompt_tokens = ?, completion_tokens = ?, finalize_lease_until = NULL
                    WHERE id = ? AND finalize_target = ? AND status = ANY (?)
                      AND output_file_id IS NULL AND error_file_id IS NULL""")) {
                s.setString(1, reached.wireName());
                s.setString(2, failure.isEmpty() ? null : Json.write(failure));
                s.setString(3, outputFileId);
                s.setString(4, errorFileId);
                s.setInt(5, counts.completed() + counts.failed());
                s.setInt(6, counts.completed());
                s.setInt(7, counts.failed());
                s.setLong(8, counts.promptTokens());
                s.setLong(9, counts.completionTokens());
                s.setString(10, batchId);
                s.setString(11, target.wireName());
                s.setArray(12, c.createArrayOf("varchar", from.stream().map(BatchState::wireName).toArray()));
                return s.executeUpdate() == 1;
            }
        });
    }
}
