package io.inferencegateway.spi;

/**
 * What {@link BaseEndpoint#submitStreamingTask} returns: either a stream of events or an error, never both.
 * An error here means nothing was sent to the client yet, so the gateway can still answer with a status code.
 *
 * @param response     the events to relay to the client
 * @param taskId       the backend's task id where it has one, otherwise null
 * @param errorMessage what went wrong; null on success
 * @param errorCode    the HTTP status the gateway should answer with; null on success
 */
public record SubmitStreamingTaskResponse(EventStream response, String taskId, String errorMessage, Integer errorCode) {

    public SubmitStreamingTaskResponse {
        Outcomes.require("SubmitStreamingTaskResponse", response != null, errorMessage, errorCode);
    }

    public static SubmitStreamingTaskResponse ok(EventStream response, String taskId) {
        return new SubmitStreamingTaskResponse(response, taskId, null, null);
    }

    public static SubmitStreamingTaskResponse error(int errorCode, String errorMessage) {
        return new SubmitStreamingTaskResponse(null, null, errorMessage, errorCode);
    }

    public boolean isError() {
        return errorCode != null;
    }
}
