package io.inferencegateway.cli.progress;

/**
 * One look at a batch, whichever API family it belongs to.
 *
 * @param id            the batch id
 * @param status        the gateway's status word ({@code in_progress}, FIRST's {@code running}, ...)
 * @param terminal      whether the status is final
 * @param total         lines in the batch, -1 when the gateway does not tell (FIRST's routes, or not yet known)
 * @param completed     lines answered
 * @param failed        lines that failed
 * @param waitingReason why the batch's lines wait, when the gateway says (null otherwise)
 */
public record BatchSnapshot(String id, String status, boolean terminal, long total, long completed, long failed,
                            String waitingReason) {

    /** Lines accounted for, completed or failed. */
    public long done() {
        return completed + failed;
    }

    public boolean countsKnown() {
        return total > 0;
    }
}
