package io.inferencegateway.worker.lines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.validation.RequestRejected;
import io.inferencegateway.worker.store.LineRecord;
import io.inferencegateway.worker.store.LineRows;
import java.util.UUID;

/** Turns adaptor answers (or the reasons a line was not run) into the {@link LineRecord} that is stored. */
public final class LineResults {

    private LineResults() {
    }

    static LineRecord success(LineTask task, SubmitTaskResponse response, int calls) {
        String body = response.result() == null ? "null" : response.result();
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            // Adaptors should answer JSON; keep whatever came as a JSON string so the output file stays valid JSONL.
            parsed = null;
            body = Json.write(body);
        }
        JsonNode usage = parsed == null ? null : parsed.path("usage");
        Integer prompt = usage == null || !usage.path("prompt_tokens").isNumber() ? null
                : usage.path("prompt_tokens").asInt();
        Integer completion = usage == null || !usage.path("completion_tokens").isNumber() ? null
                : usage.path("completion_tokens").asInt();
        if (completion == null && prompt != null && usage.path("total_tokens").isNumber()) {
            completion = usage.path("total_tokens").asInt() - prompt;
        }
        return new LineRecord(task.batchId(), task.customId(), LineRows.COMPLETED, 200, body, null, null, prompt,
                completion, requestId(response.taskId()), calls);
    }

    static LineRecord failure(LineTask task, int status, String message, int calls) {
        String text = message == null || message.isBlank() ? "The backend answered " + status + "." : message;
        if (status == 504 || status == 408) {
            // Not an HTTP answer of the model: OpenAI reports these with error.code request_timeout and no response.
            return new LineRecord(task.batchId(), task.customId(), LineRows.FAILED, null, null, "request_timeout",
                    text, null, null, null, calls);
        }
        ObjectNode error = Json.object();
        error.putObject("error").put("message", text).put("type", errorType(status)).putNull("param")
                .put("code", errorCode(status));
        return new LineRecord(task.batchId(), task.customId(), LineRows.FAILED, status, Json.write(error),
                errorCode(status), text, null, null, requestId(null), calls);
    }

    /** A line whose body fails validation: the 400 an interactive call gets, in OpenAI's error shape. */
    static LineRecord rejected(LineTask task, RequestRejected rejection) {
        ObjectNode error = Json.object();
        ObjectNode inner = error.putObject("error").put("message", rejection.getMessage())
                .put("type", errorType(400));
        if (rejection.param() == null) {
            inner.putNull("param");
        } else {
            inner.put("param", rejection.param());
        }
        inner.put("code", rejection.code());
        return new LineRecord(task.batchId(), task.customId(), LineRows.FAILED, 400, Json.write(error),
                rejection.code(), rejection.getMessage(), null, null, requestId(null), 0);
    }

    /** A line that was never run: {@code batch_cancelled}, {@code batch_expired}, {@code model_not_found}. */
    public static LineRecord notRun(String batchId, String customId, String code, String message) {
        return new LineRecord(batchId, customId, LineRows.FAILED, null, null, code, message, null, null, null, 0);
    }

    static String errorCode(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request";
            case 401 -> "authentication_error";
            case 403 -> "permission_denied";
            case 404 -> "not_found";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_exceeded";
            default -> status >= 500 ? "server_error" : "request_failed";
        };
    }

    private static String errorType(int status) {
        return status >= 500 ? "server_error" : "invalid_request_error";
    }

    private static String requestId(String taskId) {
        return taskId != null && !taskId.isBlank() && taskId.length() <= 64 ? taskId
                : "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
