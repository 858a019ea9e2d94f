package io.inferencegateway.worker.lines;

import io.inferencegateway.batch.BatchState;
import io.inferencegateway.worker.store.LaneRows;
import io.inferencegateway.worker.store.LineRecord;
import io.inferencegateway.worker.store.LineRef;
import io.inferencegateway.worker.store.LineRows;
import io.inferencegateway.worker.store.LineState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code batches} and {@code batch_lines} as a lane sees them, in memory: the same rule as {@link LineRows} (only a
 * pending line takes a result), and a switch to make every statement fail as when PostgreSQL is away.
 */
final class InMemoryLaneRows implements LaneRows {

    private final Map<String, BatchState> batches = new HashMap<>();
    private final Map<String, LineRecord> lines = new HashMap<>();
    private final Map<String, String> statuses = new HashMap<>();
    private RuntimeException failure;
    private int checks;
    private int writes;

    synchronized void batch(String batchId, BatchState status) {
        batches.put(batchId, status);
    }

    /** A pending line; its batch is in_progress unless the test set its status before. */
    synchronized void pending(String batchId, String customId) {
        batches.putIfAbsent(batchId, BatchState.IN_PROGRESS);
        statuses.put(new LineRef(batchId, customId).key(), LineRows.PENDING);
    }

    /** Makes every statement throw {@code failure} until it is set to null again. */
    synchronized void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** The stored result of a line, or null while it is pending. */
    synchronized LineRecord result(String batchId, String customId) {
        return lines.get(new LineRef(batchId, customId).key());
    }

    /** Checks ({@link #states}) answered so far. */
    synchronized int checks() {
        return checks;
    }

    @Override
    public synchronized Map<String, LineState> states(Collection<LineRef> refs) {
        if (failure != null) {
            throw failure;
        }
        checks++;
        Map<String, LineState> states = new HashMap<>();
        for (LineRef ref : refs) {
            String status = statuses.get(ref.key());
            if (status != null) {
                states.put(ref.key(), new LineState(status, batches.get(ref.batchId()), false));
            }
        }
        return states;
    }

    /** Writes ({@link #record}) answered so far: statements, each one commit in PostgreSQL. */
    synchronized int writes() {
        return writes;
    }

    @Override
    public synchronized List<String> record(Collection<LineRecord> results, String workerId) {
        if (failure != null) {
            throw failure;
        }
        writes++;
        List<String> recorded = new ArrayList<>();
        for (LineRecord result : results) {
            String key = result.ref().key();
            if (LineRows.PENDING.equals(statuses.get(key))) {
                statuses.put(key, result.status());
                lines.put(key, result);
                recorded.add(key);
            }
        }
        return recorded;
    }
}
