package io.inferencegateway.worker.store;

import io.inferencegateway.batch.BatchState;

/**
 * Where a line and its batch stand, as a lane checks before running it.
 *
 * @param lineStatus  the line's status: pending, completed or failed
 * @param batchStatus its batch's status
 * @param expired     whether the batch is past its {@code expires_at}
 */
public record LineState(String lineStatus, BatchState batchStatus, boolean expired) {

    public boolean pending() {
        return LineRows.PENDING.equals(lineStatus);
    }
}
