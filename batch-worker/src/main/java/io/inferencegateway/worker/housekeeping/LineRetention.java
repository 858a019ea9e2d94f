package io.inferencegateway.worker.housekeeping;

import io.inferencegateway.config.Environment;
import io.inferencegateway.worker.metrics.WorkerMetrics;
import io.inferencegateway.worker.store.RetentionRows;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a batch's lines are kept after it ends, and the sweep duty that removes them then. The output and error
 * files keep every answer and the batch row its counts and usage, so what goes is the per-line history the web
 * console shows (at most {@value #MIN_DAYS} days back, hence the least retention allowed).
 */
public final class LineRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LineRetention.class);

    /** {@code GATEWAY_WORKER_LINES_RETENTION_DAYS}: days a batch's lines are kept after it ended (default 30). */
    public static final String DAYS = "GATEWAY_WORKER_LINES_RETENTION_DAYS";
    static final int DEFAULT_DAYS = 30;
    static final int MIN_DAYS = 7;
    /**
     * What one sweep removes at most, in batches and about in lines (a batch's lines go in one statement): a backlog,
     * such as the first start on an old database, goes in steps that leave the sweep's other duties their turn.
     */
    static final int BATCHES_PER_SWEEP = 20;
    static final int LINES_PER_SWEEP = 100_000;

    private final RetentionRows rows;
    private final Duration retention;
    private final WorkerMetrics metrics;

    public LineRetention(RetentionRows rows, Duration retention, WorkerMetrics metrics) {
        this.rows = rows;
        this.retention = retention;
        this.metrics = metrics;
    }

    /** The retention {@link #DAYS} names; anything under {@value #MIN_DAYS} days stops start-up with the reason. */
    public static Duration fromEnvironment(Function<String, String> environment) {
        int days = Environment.wholeNumber(environment, DAYS, DEFAULT_DAYS);
        if (days < MIN_DAYS) {
            throw new IllegalArgumentException(DAYS + " must be at least " + MIN_DAYS + " (the web console shows "
                    + "batch lines up to " + MIN_DAYS + " days back), was " + days);
        }
        return Duration.ofDays(days);
    }

    /**
     * Removes the lines of batches that ended more than the retention ago, oldest first, until none is left or
     * {@value #BATCHES_PER_SWEEP} batches or {@value #LINES_PER_SWEEP} lines are done; returns how many batches.
     */
    public int sweep() {
        int batches = 0;
        long lines = 0;
        while (batches < BATCHES_PER_SWEEP && lines < LINES_PER_SWEEP) {
            Optional<RetentionRows.Removed> removed = rows.removeOldest(retention);
            if (removed.isEmpty()) {
                break;
            }
            batches++;
            lines += removed.get().lines();
            metrics.linesRemoved(removed.get().lines());
            LOG.debug("Removed the {} lines of batch {}, ended more than {} ago", removed.get().lines(),
                    removed.get().batchId(), retention);
        }
        return batches;
    }
}
