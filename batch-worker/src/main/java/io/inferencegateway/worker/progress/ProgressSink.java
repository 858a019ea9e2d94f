package io.inferencegateway.worker.progress;

import io.inferencegateway.batch.BatchState;
import java.util.List;
import java.util.Map;

/**
 * Where the progress stream puts running batches' counts, apart from its own state store: {@link ProgressRows}, in
 * PostgreSQL.
 */
public interface ProgressSink {

    /** A batch still running after the update, with what a progress event needs. */
    record Running(String batchId, String userId, BatchState status, int total) {
    }

    /**
     * Stores the totals of batches that are still running (in_progress or cancelling); a finalized batch keeps the
     * exact counts its finalizer wrote.
     *
     * @return the batches updated
     */
    List<Running> update(Map<String, Progress> progress);
}
