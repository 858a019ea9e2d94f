package io.inferencegateway.worker.lines;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.batch.LineTask;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SubmitTaskResponse;
import io.inferencegateway.validation.RequestRejected;
import io.inferencegateway.worker.store.LineRecord;
import io.inferencegateway.worker.store.LineRows;
import java.io.IOException;
import java.util.UUID;

/** Turns adaptor answers (or the reasons a line was not run) into the {@link LineRecord} that is stored. */
public final class LineResults {

    private LineResults() {
    }

    static LineRecord success(LineTask task, SubmitTaskResponse response, int calls) {
        String body = response.result() == null ? "null" : response.result();
        Usage usage;
        try {
            usage = Usage.of(body);
        } catch (IOException e) {
            // Adaptors should answer JSON; keep whatever came as a JSON string so the output file stays valid JSONL.
            usage = Usage.NONE;
            body = Json.write(body);
        }
        return new LineRecord(task.batchId(), task.customId(), LineRows.COMPLETED, 200, body, null, null,
                usage.prompt(), usage.completion(), requestId(response.taskId()), calls);
    }

    /**
     * The tokens an answer's top-level {@code usage} gives (completion tokens from the total when only that is
     * there). Read by streaming through the answer once, which also proves it one JSON value: a line's answer is
     * copied into the output file as it is. No tree is built: this runs for every line.
     */
    record Usage(Integer prompt, Integer completion) {

        static final Usage NONE = new Usage(null, null);

        /** @throws IOException when {@code body} is not exactly one JSON value */
        static Usage of(String body) throws IOException {
            Integer prompt = null;
            Integer completion = null;
            Integer total = null;
            try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
                JsonToken root = p.nextToken();
                if (root == null) {
                    throw new JsonParseException(p, "No JSON value");
                }
                if (root == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        if (p.nextToken() == JsonToken.START_OBJECT && "usage".equals(field)) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String name = p.currentName();
                                Integer count = p.nextToken().isNumeric() ? p.getValueAsInt() : null;
                                p.skipChildren();
                                switch (name) {
                                    case "prompt_tokens" -> prompt = count;
                                    case "completion_tokens" -> completion = count;
                                    case "total_tokens" -> total = count;
                                    default -> { }
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
                if (p.nextToken() != null) {
                    throw new JsonParseException(p, "More than one JSON value");
                }
            }
            if (completion == null && prompt != null && total != null) {
                completion = total - prompt;
            }
            return new Usage(prompt, completion);
        }
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
