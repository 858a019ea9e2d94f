package io.inferencegateway.spi;

/**
 * What {@link BaseEndpoint#getBatchStatus} returns.
 *
 * @param status       the batch's status on the backend
 * @param result       the backend's result summary once there is one (free text, usually JSON)
 * @param errorMessage what went wrong while asking; null on success
 * @param errorCode    the HTTP status that describes the failure; null on success
 */
public record GetBatchStatusResponse(BatchStatus status, String result, String errorMessage, Integer errorCode) {

    public GetBatchStatusResponse {
        Outcomes.require("GetBatchStatusResponse", status != null, errorMessage, errorCode);
    }

    public static GetBatchStatusResponse ok(BatchStatus status, String result) {
        return new GetBatchStatusResponse(status, result, null, null);
    }

    public static GetBatchStatusResponse error(int errorCode, String errorMessage) {
        return new GetBatchStatusResponse(null, null, errorMessage, errorCode);
    }

    public boolean isError() {
        return errorCode != null;
    }
}
