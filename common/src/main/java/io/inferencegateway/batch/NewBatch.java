package io.inferencegateway.batch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link BatchRepository#create} stores for a new batch; it starts in {@code validating}, created now.
 *
 * @param expiresAfter time from creation to {@code expires_at}, or null for no deadline
 * @see Batch for the meaning of the other fields
 */
public record NewBatch(String id, ApiStyle apiStyle, String userId, String cluster, String framework, String model,
                       String endpoint, String completionWindow, Duration expiresAfter, String inputFile,
                       String outputFolderPath, String inputFileId, Map<String, String> metadata) {

    public NewBatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiStyle, "apiStyle");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(completionWindow, "completionWindow");
        metadata = metadata == null ? null : Map.copyOf(metadata);
    }
}
