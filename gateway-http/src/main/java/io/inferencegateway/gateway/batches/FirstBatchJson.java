package io.inferencegateway.gateway.batches;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchState;
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

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
