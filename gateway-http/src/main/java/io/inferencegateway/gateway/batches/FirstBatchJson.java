package io.inferencegateway.gateway.batches;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FIRST's batch shapes. FIRST knows four statuses; ours map onto them: validating is pending; in progress,
 * finalizing and cancelling are running; failed, expired and cancelled are failed.
 */
final class FirstBatchJson {

    static final Map<String, Set<BatchState>> STATUSES = Map.of(
            "pending", EnumSet.of(BatchState.VALIDATING),
            "running", EnumSet.of(BatchState.IN_PROGRESS, BatchState.FINALIZING, BatchState.CANCELLING),
            "failed", EnumSet.of(BatchState.FAILED, BatchState.EXPIRED, BatchState.CANCELLED),
            "completed", EnumSet.of(BatchState.COMPLETED));

    private FirstBatchJson() {
    }

    /** FIRST's name for a status. */
    static String status(BatchState state) {
        return STATUSES.entrySet().stream().filter(entry -> entry.getValue().contains(state))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** {@code SubmitBatchResult}. */
    static Map<String, Object> submitted(Batch batch) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batch_id", batch.id());
        json.put("input_file", batch.inputFile());
        json.put("output_folder_path", batch.outputFolderPath());
        // FIRST's comma-separated ids of a native batch's tasks; null when the backend gave none (lines run by workers).
        List<String> taskIds = batch.nativeBatch().taskIds();
        json.put("task_ids", taskIds.isEmpty() ? null : String.join(",", taskIds));
        json.put("status", status(batch.state()));
        return json;
    }

    /** {@code BatchLogSummary}; FIRST's {@code failed_at} covers our expired and cancelled too. */
    static Map<String, Object> summary(Batch batch) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", batch.id());
        json.put("batch_id", batch.id());
        json.put("cluster", batch.cluster());
        json.put("framework", batch.framework());
        json.put("input_file", batch.inputFile());
        // Not in FIRST's schema, but in ALCF's documented list answer.
        json.put("created_at", iso(batch.times().createdAt()));
        json.put("in_progress_at", iso(batch.times().inProgressAt()));
        json.put("completed_at", iso(batch.times().completedAt()));
        Instant ended = batch.times().failedAt() != null ? batch.times().failedAt()
                : batch.times().expiredAt() != null ? batch.times().expiredAt() : batch.times().cancelledAt();
        json.put("failed_at", iso(ended));
        json.put("status", status(batch.state()));
        if (batch.waiting() != null && !batch.state().isTerminal()) {
            json.put("waiting_reason", batch.waiting().reason());
        }
        return json;
    }

    /**
     * The result of a completed batch as ALCF documents it: where the results are, and the batch's metrics. The
     * workers write {@code <id>_output.jsonl} (and {@code <id>_error.jsonl}) into the output folder when the batch
     * named one; without a folder {@code results_file} is null and {@code results_url} serves the same lines. No
     * progress file is written ({@code progress_file} is null): progress is the batch's status and these metrics.
     *
     * @param resultsUrl the route that serves the output lines
     * @param errorsUrl  the route that serves the error lines
     */
    static Map<String, Object> result(Batch batch, String resultsUrl, String errorsUrl) {
        Batch.RequestCounts counts = batch.requestCounts();
        String folder = batch.outputFolderPath();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("results_file", folder == null || counts.completed() == 0 ? null
                : Path.of(folder, batch.id() + "_output.jsonl").toString());
        json.put("progress_file", null);
        Map<String, Object> metrics = new LinkedHashMap<>();
        Instant started = batch.times().inProgressAt() != null ? batch.times().inProgressAt()
                : batch.times().createdAt();
        Instant ended = batch.times().completedAt() != null ? batch.times().completedAt() : started;
        double seconds = Duration.between(started, ended).toNanos() / 1e9;
        long tokens = batch.usage().totalTokens();
        metrics.put("response_time", seconds);
        metrics.put("throughput_tokens_per_second", seconds > 0 ? tokens / seconds : 0.0);
        metrics.put("total_tokens", tokens);
        metrics.put("num_responses", counts.completed());
        metrics.put("lines_processed", counts.completed() + counts.failed());
        json.put("metrics", metrics);
        // Beyond ALCF's shape: the failed lines, and routes that serve both files wherever the folder is.
        json.put("error_file", folder == null || counts.failed() == 0 ? null
                : Path.of(folder, batch.id() + "_error.jsonl").toString());
        json.put("results_url", batch.outputFileId() == null ? null : resultsUrl);
        json.put("errors_url", batch.errorFileId() == null ? null : errorsUrl);
        return json;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
