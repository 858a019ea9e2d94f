package io.inferencegateway.worker.schedule;

import io.inferencegateway.worker.store.DispatchRows;
import io.inferencegateway.worker.store.DispatchRows.ActiveBatch;
import io.inferencegateway.worker.store.DispatchRows.StoredRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One batch as the leading scheduler sees it: its dispatch cursor, the next lines read ahead from PostgreSQL, and
 * the lines dispatched but not finished ({@code outstanding}, kept from the results topic). Not thread-safe.
 */
final class QueuedBatch {

    /** Lines read from PostgreSQL at a time. */
    static final int READ_AHEAD = 256;

    private ActiveBatch row;
    private final String endpoint;
    private final Deque<StoredRequest> buffer = new ArrayDeque<>();
    private int cursor;
    /** The cursor as stored: what the next compare-and-set expects. */
    private int stored;
    private int readThrough;
    private boolean exhausted;
    int outstanding;
    int finished;
    boolean atRiskNoted;
    /** When this leader first saw the batch, and how many of its lines were finished then. */
    private final long seenAtMillis = System.currentTimeMillis();
    private int finishedWhenSeen = -1;
    String waitingReason;

    QueuedBatch(ActiveBatch row, String endpoint, DispatchRows.PendingCounts counts) {
        this.row = row;
        this.endpoint = endpoint;
        this.waitingReason = row.waitingReason();
        restart(row, counts);
        finishedWhenSeen = finished;
    }

    /** Starts over from the stored cursor (first sight, or the cursor was reset by the stall repair). */
    void restart(ActiveBatch fresh, DispatchRows.PendingCounts counts) {
        row = fresh;
        cursor = fresh.dispatchedThrough();
        stored = cursor;
        readThrough = cursor;
        buffer.clear();
        exhausted = false;
        outstanding = counts.dispatched();
        finished = fresh.requestTotal() - counts.pending();
    }

    void refresh(ActiveBatch fresh) {
        row = fresh;
    }

    ActiveBatch row() {
        return row;
    }

    String id() {
        return row.id();
    }

    String endpoint() {
        return endpoint;
    }

    /** Whether lines were taken since the cursor was last stored. */
    boolean moved() {
        return cursor != stored;
    }

    /** Stores the cursor; false when the stored one changed under it (the stall repair reset it). */
    boolean storeCursor(DispatchRows rows) {
        if (rows.advance(row.id(), stored, cursor)) {
            stored = cursor;
            return true;
        }
        return false;
    }

    /** Whether the stored cursor was moved back by someone else since this batch last stored it. */
    boolean resetUnder(ActiveBatch fresh) {
        return fresh.dispatchedThrough() < stored;
    }

    /** At most how many lines this batch can still dispatch: what is read ahead and what is not read yet. */
    int available() {
        return exhausted ? 0 : buffer.size() + Math.max(0, row.lastLine() - readThrough);
    }

    /**
     * Lines finished per second since this leader first saw the batch: the pace a deadline is judged by, pauses for
     * interactive traffic included, so a pause does not look like a batch that stopped for good.
     */
    double overallPace(long nowMillis) {
        if (finishedWhenSeen < 0) {
            finishedWhenSeen = finished;
        }
        double seconds = (nowMillis - seenAtMillis) / 1000.0;
        return seconds < 1 ? 0 : (finished - finishedWhenSeen) / seconds;
    }

    int remaining() {
        return Math.max(0, row.requestTotal() - finished);
    }

    /** Takes the next {@code count} lines in input order, reading ahead as needed, and moves the cursor past them. */
    List<StoredRequest> take(int count, DispatchRows rows) {
        if (buffer.size() < count && !exhausted) {
            List<StoredRequest> read = rows.next(row.id(), readThrough, Math.max(READ_AHEAD, count - buffer.size()));
            if (read.isEmpty()) {
                exhausted = true;
            } else {
                buffer.addAll(read);
                readThrough = read.get(read.size() - 1).lineNumber();
            }
        }
        List<StoredRequest> taken = new ArrayList<>(Math.min(count, buffer.size()));
        while (taken.size() < count && !buffer.isEmpty()) {
            taken.add(buffer.poll());
        }
        if (!taken.isEmpty()) {
            cursor = taken.get(taken.size() - 1).lineNumber();
            outstanding += taken.size();
        }
        return taken;
    }
}
