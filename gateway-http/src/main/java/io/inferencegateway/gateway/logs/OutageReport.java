package io.inferencegateway.gateway.logs;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log writer's own log lines: one warning when writes start failing and one line when they work again, one
 * warning when rows start being dropped and one line when that stops, however many rows and retries lie between.
 * Used by the writer's thread only.
 */
final class OutageReport {

    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);

    private final int capacity;
    private long failingSince = -1;
    private int failedAttempts;
    private long droppedSeen;
    private long droppedAtEpisodeStart = -1;

    OutageReport(int capacity) {
        this.capacity = capacity;
    }

    void writeFailed(RuntimeException failure, long pending) {
        failedAttempts++;
        if (failingSince < 0) {
            failingSince = System.nanoTime();
            LOG.warn("Cannot write log rows to the database; keeping them in memory (now {}, at most {}) and retrying"
                    + " with backoff: {}", pending, capacity, WriteFailures.describe(failure));
        }
    }

    void writeSucceeded() {
        if (failingSince >= 0) {
            LOG.info("Writing log rows to the database again after {} ms and {} failed attempts",
                    Duration.ofNanos(System.nanoTime() - failingSince).toMillis(), failedAttempts);
            failingSince = -1;
            failedAttempts = 0;
        }
    }

    /** Called with the writer's drop counter each time round; an episode ends once drops stop and writes work. */
    void observeDrops(long droppedTotal) {
        if (droppedTotal > droppedSeen && droppedAtEpisodeStart < 0) {
            droppedAtEpisodeStart = droppedSeen;
            LOG.warn("Log buffer full ({} rows not yet written): dropping new log rows until the database catches up",
                    capacity);
        } else if (droppedTotal == droppedSeen && droppedAtEpisodeStart >= 0 && failingSince < 0) {
            LOG.warn("Stopped dropping log rows; {} were dropped", droppedTotal - droppedAtEpisodeStart);
            droppedAtEpisodeStart = -1;
        }
        droppedSeen = droppedTotal;
    }

    void rowsRefused(int refused, int of, RuntimeException failure) {
        LOG.warn("The database refused {} of {} log rows even one at a time; they are dropped. Last error: {}",
                refused, of, WriteFailures.describe(failure));
    }
}
