package io.inferencegateway.spi;

/**
 * What {@link BaseEndpoint#submitBatch} returns.
 *
 * @param batchId      the backend's id for the batch, where it has one
 * @param taskIds      the backend's task ids (comma-separated), kept for {@code getBatchStatus}
 * @param status       the status right after submission, usually {@link BatchStatus#PENDING}
 * @param errorMessage what went wrong; null on success
 * @param errorCode    the HTTP status that describes the failure; null on success
 */
public record SubmitBatchResponse(String batchId, String taskIds, BatchStatus status, String errorMessage,
                                  Integer errorCode) {

    public static SubmitBatchResponse ok(String batchId, String taskIds, BatchStatus status) {
        return new SubmitBatchResponse(batchId, taskIds, status, null, null);
    }

    public static SubmitBatchResponse error(int errorCode, String errorMessage) {
        return new SubmitBatchResponse(null, null, null, errorMessage, errorCode);
    }

    public boolean isError() {
        return errorCode != null;
    }
}
