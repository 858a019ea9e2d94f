package io.inferencegateway.gateway.batches;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchPage;
import io.inferencegateway.batch.BatchTimes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI's Batch object and list object, field for field; timestamps in Unix seconds, unset ones null. */
final class OpenAiBatchJson {

    private OpenAiBatchJson() {
    }

    static Map<String, Object> batch(Batch batch) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", batch.id());
        json.put("object", "batch");
        json.put("endpoint", batch.endpoint());
        json.put("model", batch.model());
        json.put("errors", errors(batch.errors()));
        json.put("input_file_id", batch.inputFileId());
        json.put("completion_window", batch.completionWindow());
        json.put("status", batch.state().wireName());
        json.put("output_file_id", batch.outputFileId());
        json.put("error_file_id", batch.errorFileId());
        BatchTimes times = batch.times();
        json.put("created_at", seconds(times.createdAt()));
        json.put("in_progress_at", seconds(times.inProgressAt()));
        json.put("expires_at", seconds(times.expiresAt()));
        json.put("finalizing_at", seconds(times.finalizingAt()));
        json.put("completed_at", seconds(times.completedAt()));
        json.put("failed_at", seconds(times.failedAt()));
        json.put("expired_at", seconds(times.expiredAt()));
        json.put("cancelling_at", seconds(times.cancellingAt()));
        json.put("cancelled_at", seconds(times.cancelledAt()));
        json.put("request_counts", Map.of("total", batch.requestCounts().total(),
                "completed", batch.requestCounts().completed(), "failed", batch.requestCounts().failed()));
        json.put("metadata", batch.metadata());
        if (batch.usage().totalTokens() > 0) {
            json.put("usage", usage(batch.usage()));
        }
        if (batch.waiting() != null && !batch.state().isTerminal()) {
            // An extension: why the lines wait (a model not running, an endpoint down, interactive load first).
            json.put("waiting", Map.of("reason", batch.waiting().reason(), "since",
                    seconds(batch.waiting().since())));
        }
        return json;
    }

    static Map<String, Object> list(BatchPage page) {
        List<Map<String, Object>> data = page.data().stream().map(OpenAiBatchJson::batch).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("object", "list");
        json.put("data", data);
        json.put("first_id", data.isEmpty() ? null : data.getFirst().get("id"));
        json.put("last_id", data.isEmpty() ? null : data.getLast().get("id"));
        json.put("has_more", page.hasMore());
        return json;
    }

    private static Map<String, Object> errors(List<BatchError> errors) {
        if (errors.isEmpty()) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("object", "list");
        json.put("data", errors);
        return json;
    }

    /** Batch usage as OpenAI reports it; the cached and reasoning token details are not known here. */
    private static Map<String, Object> usage(Batch.TokenUsage usage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input_tokens", usage.promptTokens());
        json.put("input_tokens_details", Map.of("cached_tokens", 0));
        json.put("output_tokens", usage.completionTokens());
        json.put("output_tokens_details", Map.of("reasoning_tokens", 0));
        json.put("total_tokens", usage.totalTokens());
        return json;
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
