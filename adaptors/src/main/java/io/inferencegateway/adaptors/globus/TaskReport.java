package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One task as {@code GET /v2/tasks/{id}} or {@code POST /v2/batch_status} reports it, read as the SDK reads it:
 * a {@code result} means success, an {@code exception} means failure (even beside {@code status: "success"}),
 * a final status with neither is a failure with its {@code reason}, and anything else is still pending.
 *
 * @param taskId  the task's UUID
 * @param state   the service's status, lower-cased ({@code waiting-for-ep}, {@code running}, {@code success}, ...)
 * @param result  the serialized result, when it succeeded
 * @param failure the traceback or reason, when it failed
 */
record TaskReport(String taskId, String state, String result, String failure) {

    static TaskReport of(String taskId, JsonNode task) {
        String state = task.path("status").asText("unknown").toLowerCase(Locale.ROOT);
        if (task.hasNonNull("result")) {
            return new TaskReport(taskId, state, task.get("result").asText(), null);
        }
        if (task.hasNonNull("exception")) {
            return new TaskReport(taskId, state, null, task.get("exception").asText());
        }
        if (state.equals("success") || state.equals("failed")) {
            return new TaskReport(taskId, state, null, "Task failed: " + task.path("reason").asText("unknown"));
        }
        return new TaskReport(taskId, state, null, null);
    }

    static TaskReport failed(String taskId, String failure) {
        return new TaskReport(taskId, "failed", null, failure);
    }

    boolean done() {
        return result != null || failure != null;
    }

    boolean succeeded() {
        return result != null;
    }

    /** What the client is told about the failure (see {@link RemoteFailure}); only for a failed task. */
    RemoteFailure remoteFailure() {
        return RemoteFailure.of(failure);
    }
}
