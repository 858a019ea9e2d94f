package io.inferencegateway.worker.store;

import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a finalizer reads and writes: the lease on a batch, its lines (turned into error lines when it is cancelled
 * or expired, then read in input order for its files), and the compare-and-set finish. {@link FinalizeRows} is the
 * one in PostgreSQL.
 */
public interface FinishRows {

    /**
     * A claimed finalization.
     *
     * @param target           the terminal status to reach: completed, cancelled or expired
     * @param status           the batch's status at the claim
     * @param userId           owner of the files to write
     * @param outputFolderPath FIRST: where to copy the output too, or empty
     */
    record Claim(BatchState target, BatchState status, String userId, String outputFolderPath) {
    }

    /**
     * Claims the batch if it is ready for a terminal status and nobody holds the lease: cancelling and done waiting
     * (its running lines finished, or {@code cancelGrace} over); past its deadline; or in progress with no pending
     * line. The claim holds for {@code lease}, after which another finalizer may take over.
     */
    Optional<Claim> claim(String batchId, Duration lease, Duration cancelGrace);

    /** Moves a claimed in_progress batch to finalizing; false if it is in another state by now. */
    boolean startFinalizing(String batchId);

    /** Gives a claim up (the batch changed under it), so the next sweep decides afresh. */
    void release(String batchId);

    /** Turns every still-pending line of a batch into an error line with {@code code}; returns how many. */
    int failPending(String batchId, String code, String message);

    /** Totals over a batch's lines, the authoritative request_counts and usage. */
    LineRows.Counts counts(String batchId);

    /** Streams a batch's lines in input order, one at a time. */
    void forEachInOrder(String batchId, LineRows.LineSink sink);

    /**
     * Moves the claimed batch to its target with its files and exact counts, if the claim still stands and no files
     * were linked before; to {@code failed} instead, with {@code failure} as its errors, when that is not empty.
     *
     * @return whether this call finished the batch
     */
    boolean finish(String batchId, BatchState target, String outputFileId, String errorFileId, LineRows.Counts counts,
                   List<BatchError> failure);
}
