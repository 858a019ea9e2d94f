package io.inferencegateway.spi;

/**
 * What {@link BaseEndpoint#submitTask} returns: either a result or an error, never both.
 *
 * @param result       the backend's response body, a JSON document in the OpenAI shape
 * @param taskId       the backend's task id where it has one (Globus Compute), otherwise null
 * @param errorMessage what went wrong, in words a user can act on; null on success
 * @param errorCode    the HTTP status the gateway should answer with (4xx for the client's fault, 5xx for the
 *                     backend's); null on success
 */
public record SubmitTaskResponse(String result, String taskId, String errorMessage, Integer errorCode) {

    public SubmitTaskResponse {
        Outcomes.require("SubmitTaskResponse", result != null, errorMessage, errorCode);
    }

    public static SubmitTaskResponse ok(String result, String taskId) {
        return new SubmitTaskResponse(result, taskId, null, null);
    }

    public static SubmitTaskResponse error(int errorCode, String errorMessage) {
        return new SubmitTaskResponse(null, null, errorMessage, errorCode);
    }

    public boolean isError() {
        return errorCode != null;
    }
}
