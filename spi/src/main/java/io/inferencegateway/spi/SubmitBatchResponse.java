package io.inferencegateway.spi;

import java.util.List;

/**
 * What {@link BaseEndpoint#submitBatch} returns: either the backend's batch (its status at least) or an error, never
 * both.
 *
 * @param batchId      the backend's id for the batch, where it has one
 * @param taskIds      the backend's task ids, kept for {@code getBatchStatus} (empty on an error, or when it has none)
 * @param status       the status right after submission, usually {@link BatchStatus#PENDING}
 * @param errorMessage what went wrong; null on success
 * @param errorCode    the HTTP status that describes the failure; null on success
 */
public record SubmitBatchResponse(String batchId, List<String> taskIds, BatchStatus status, String errorMessage,
                                  Integer errorCode) {

    public SubmitBatchResponse {
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
        Outcomes.require("SubmitBatchResponse", status != null, errorMessage, errorCode);
    }

    public static SubmitBatchResponse ok(String batchId, List<String> taskIds, BatchStatus status) {
        return new SubmitBatchResponse(batchId, taskIds, status, null, null);
    }

    public static SubmitBatchResponse error(int errorCode, String errorMessage) {
        return new SubmitBatchResponse(null, null, null, errorMessage, errorCode);
    }

    public boolean isError() {
        return errorCode != null;
    }
}
