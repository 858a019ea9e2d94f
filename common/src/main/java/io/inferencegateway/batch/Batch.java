package io.inferencegateway.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One batch as stored in the {@code batches} table: FIRST's BatchLog and OpenAI's Batch object in one row.
 *
 * @param id               {@code batch_...}, see {@link BatchIds}
 * @param apiStyle         the API family that created it, which is the one that shows it
 * @param userId           the owner; nobody else sees the batch
 * @param cluster          cluster of the endpoint that runs the batch
 * @param framework        framework of that endpoint
 * @param model            the endpoint's model name
 * @param endpoint         the OpenAI route every line calls: {@code /v1/chat/completions}, {@code /v1/completions}
 *                         or {@code /v1/embeddings}
 * @param completionWindow how long the batch may run as the client wrote it ({@code 24h}, see {@link CompletionWindow})
 * @param state            the status
 * @param inputFile        FIRST: absolute path of the input JSONL on a shared filesystem; null for OpenAI batches
 * @param outputFolderPath FIRST: where results go, or null for the default
 * @param inputFileId      OpenAI: the uploaded input file; null for FIRST batches
 * @param outputFileId     the file of successful lines once finalized, or null
 * @param errorFileId      the file of failed lines once finalized, or null
 * @param nativeBatch      what an adaptor that runs batches itself said about it
 * @param requestCounts    lines in the batch, and lines answered and failed so far
 * @param usage            tokens used so far
 * @param metadata         up to 16 string pairs the client attached, or null when it attached none
 * @param errors           why the batch failed (validation errors name their line); empty when none
 * @param times            the nine timestamps
 */
public record Batch(String id, ApiStyle apiStyle, String userId, String cluster, String framework, String model,
                    String endpoint, String completionWindow, BatchState state, String inputFile,
                    String outputFolderPath, String inputFileId, String outputFileId, String errorFileId,
                    NativeBatch nativeBatch, RequestCounts requestCounts, TokenUsage usage,
                    Map<String, String> metadata, List<BatchError> errors, BatchTimes times) {

    public Batch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiStyle, "apiStyle");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nativeBatch, "nativeBatch");
        Objects.requireNonNull(requestCounts, "requestCounts");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(times, "times");
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * OpenAI's {@code request_counts}.
     *
     * @param total     lines in the input, known once validated
     * @param completed lines answered with a 2xx
     * @param failed    lines that ended in an error
     */
    public record RequestCounts(int total, int completed, int failed) {

        public static final RequestCounts NONE = new RequestCounts(0, 0, 0);
    }

    /** Tokens used by the lines answered so far. */
    public record TokenUsage(long promptTokens, long completionTokens) {

        public static final TokenUsage NONE = new TokenUsage(0, 0);

        public long totalTokens() {
            return promptTokens + completionTokens;
        }
    }

    /**
     * A batch an adaptor runs itself ({@code submitBatch}, then {@code getBatchStatus}); all null otherwise.
     *
     * @param batchId the backend's id for the batch, or null
     * @param taskIds the backend's task ids (FIRST's Globus task UUIDs), empty when none
     * @param status  the backend's last {@code BatchStatus} (pending, running, failed, completed), or null
     * @param result  the backend's last result text; empty when none
     */
    public record NativeBatch(String batchId, List<String> taskIds, String status, String result) {

        public static final NativeBatch NONE = new NativeBatch(null, List.of(), null, "");

        public NativeBatch {
            taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
            result = result == null ? "" : result;
        }
    }
}
