package io.inferencegateway.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import io.inferencegateway.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code batches} rows into {@link Batch} records and writes the JSON columns. */
final class BatchRows {

    private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() { };
    private static final TypeReference<List<BatchError>> ERRORS = new TypeReference<>() { };

    private BatchRows() {
    }

    static Batch read(ResultSet row) throws SQLException {
        String outputFolder = row.getString("output_folder_path");
        return new Batch(row.getString("id"), ApiStyle.fromWire(row.getString("api_style")),
                row.getString("user_id"), row.getString("cluster"), row.getString("framework"),
                row.getString("model"), row.getString("endpoint"), row.getString("completion_window"),
                BatchState.fromWire(row.getString("status")), row.getString("input_file"),
                outputFolder == null || outputFolder.isEmpty() ? null : outputFolder,
                row.getString("input_file_id"), row.getString("output_file_id"), row.getString("error_file_id"),
                new Batch.NativeBatch(row.getString("native_batch_id"), TaskIdColumn.read(row.getString("task_ids")),
                        row.getString("native_status"), row.getString("result")),
                new Batch.RequestCounts(row.getInt("request_total"), row.getInt("request_completed"),
                        row.getInt("request_failed")),
                new Batch.TokenUsage(row.getLong("prompt_tokens"), row.getLong("completion_tokens")),
                metadata(row.getString("metadata")), errors(row.getString("errors")),
                new BatchTimes(instant(row, "created_at"), instant(row, "in_progress_at"),
                        instant(row, "expires_at"), instant(row, "finalizing_at"), instant(row, "completed_at"),
                        instant(row, "failed_at"), instant(row, "expired_at"), instant(row, "cancelling_at"),
                        instant(row, "cancelled_at")),
                waiting(row.getString("waiting_reason"), instant(row, "waiting_since")));
    }

    private static Batch.Waiting waiting(String reason, java.time.Instant since) {
        return reason == null ? null : new Batch.Waiting(reason, since);
    }

    static String json(Map<String, String> metadata) {
        return metadata == null ? null : Json.write(metadata);
    }

    static String json(List<BatchError> errors) {
        return errors == null || errors.isEmpty() ? null : Json.write(errors);
    }

    private static Map<String, String> metadata(String json) {
        return json == null ? null : Json.MAPPER.convertValue(Json.read(json), METADATA);
    }

    private static List<BatchError> errors(String json) {
        return json == null ? List.of() : Json.MAPPER.convertValue(Json.read(json), ERRORS);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
