package io.inferencegateway.batch;

/** The outcome of {@link BatchRepository#admit}: the batch was stored, or why it was not. */
public sealed interface Admission {

    /** Stored, in {@code validating}. */
    record Admitted(Batch batch) implements Admission {
    }

    /** The user already has {@code active} unfinished batches, and may have at most {@code max}. */
    record OverQuota(int active, int max) implements Admission {
    }

    /** The user's unfinished batch {@code batchId} reads the same input file. */
    record InputInUse(String batchId) implements Admission {
    }
}
