package io.inferencegateway.worker.store;

/** One line of one batch. */
public record LineRef(String batchId, String customId) {

    /** A map key for the line; custom ids may hold any character but a batch id holds no newline. */
    public String key() {
        return batchId + '\n' + customId;
    }
}
