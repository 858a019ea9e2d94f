package io.inferencegateway.worker.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a lines lane reads and writes in {@code batch_lines}: where its lines stand, and their results, written once.
 * {@link LineRows} is the one in PostgreSQL.
 */
public interface LaneRows {

    /** The state of each given line that exists, keyed by {@link LineRef#key()}. */
    Map<String, LineState> states(Collection<LineRef> lines);

    /**
     * Writes the results of lines that are still pending. This is where exactly-once is decided: only a pending line
     * takes a result, so a duplicate delivery, another worker or a late retry changes nothing.
     *
     * @return the keys ({@link LineRef#key()}) of the lines this call recorded
     */
    List<String> record(Collection<LineRecord> results, String workerId);
}
