package io.inferencegateway.gateway.logs;

/** What a {@link LogWriter} has done with the rows offered to it, for the metrics layer to read. */
public interface LogWriterCounters {

    /** Rows the database has accepted; a row retried after an ambiguous commit counts once per acceptance. */
    long writtenCount();

    /** Rows offered while the buffer was full (or after close), never written. */
    long droppedCount();

    /** Rows the database refused as invalid even on their own, never written; each such batch logs a warning. */
    long rejectedCount();

    /** Rows held in memory and not yet written, the batch being written included. */
    long pendingCount();
}
