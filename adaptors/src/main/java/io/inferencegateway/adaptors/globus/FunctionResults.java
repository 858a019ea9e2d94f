package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.adaptors.globus.ComputeSerializer.ResultFormatException;
import io.inferencegateway.json.Json;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a task's report and reading a function's return value the way FIRST does. */
final class FunctionResults {

    private FunctionResults() {
    }

    /** The report, or null when {@code timeout} passes first. */
    static TaskReport await(CompletableFuture<TaskReport> report, java.time.Duration timeout) throws ComputeException {
        try {
            return report.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new ComputeException(502, "waiting for the task failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeException(503, "interrupted while waiting for the task", e);
        }
    }

    /**
     * The function's return value as JSON text. FIRST's functions return {@code json.dumps(...)}, so the value
     * is usually a string holding JSON, which is parsed again (FIRST's {@code unwrap_json}); a string that is not
     * JSON is returned as a JSON string, and any other value as its JSON.
     */
    static String unwrapJson(String serializedResult) throws ComputeException {
        JsonNode value;
        try {
            value = ComputeSerializer.deserialize(serializedResult);
        } catch (ResultFormatException e) {
            throw new ComputeException(502, "The function's result cannot be read: " + e.getMessage());
        }
        if (value.isTextual()) {
            try {
                if (ComputeSerializer.MAPPER.readTree(value.asText()) != null) {
                    return value.asText(); // the function's own JSON text, unchanged
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // Not JSON: passed on as a string, as FIRST does.
            }
        }
        return Json.write(value);
    }
}
